import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDriftguardCli } from '../../tests/support/process/run-cli.js';
import { fileSystemErrorLine } from './cli-error-line.js';
import { checkDirectoryOption, checkOutputFileOption } from './path-options.js';

const root = mkdtempSync(join(tmpdir(), 'driftguard-path-options-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const aFile = join(root, 'a-file');
writeFileSync(aFile, 'not a directory\n');
const aDirectory = join(root, 'a-directory');
mkdirSync(aDirectory);
const training = join(root, 'training.csv');
writeFileSync(training, `x,y\n${Array.from({ length: 60 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`);

describe.concurrent('a path option naming a file where a directory belongs: one readable line, exit 2 (issue 14 item 19)', () => {
  const key = { DRIFTGUARD_ADMIN_KEY: 'path-options-admin-key-0123456789' };
  const cases: { name: string; args: string[]; env?: NodeJS.ProcessEnv; line: RegExp }[] = [
    {
      name: 'serve --data-dir',
      args: ['serve', '--port', '0', '--data-dir', aFile],
      env: key,
      line: /--data-dir .*a-file: is a file, not a directory/,
    },
    {
      name: 'serve DRIFTGUARD_DATA_DIR',
      args: ['serve', '--port', '0'],
      env: { ...key, DRIFTGUARD_DATA_DIR: aFile },
      line: /DRIFTGUARD_DATA_DIR .*a-file: is a file/,
    },
    {
      name: 'serve --data-dir under a file',
      args: ['serve', '--port', '0', '--data-dir', join(aFile, 'x')],
      env: key,
      line: /a-file is a file, so no directory can be created/,
    },
    {
      name: 'models list --data-dir',
      args: ['models', 'list', '--data-dir', aFile],
      line: /--data-dir .*a-file: is a file, not a directory/,
    },
    {
      name: 'demo --data-dir',
      args: ['demo', '--data-dir', aFile, '--port', '0', '--exit'],
      line: /--data-dir .*a-file: is a file, not a directory/,
    },
    {
      name: 'train --out',
      args: ['train', '--data', training, '--target', 'y', '--out', aFile],
      line: /--out .*a-file: is a file, not a directory/,
    },
    {
      name: 'train --data-dir',
      args: [
        'train',
        '--data',
        training,
        '--target',
        'y',
        '--out',
        join(root, 'model'),
        '--data-dir',
        aFile,
        '--register',
        'm',
      ],
      line: /--data-dir .*a-file: is a file/,
    },
    {
      name: 'predict --out a directory',
      args: ['predict', '--model', aDirectory, '--data', training, '--out', aDirectory],
      line: /^driftguard predict: /,
    },
  ];
  it.each(cases)('$name', async ({ args, env, line }) => {
    const result = await runDriftguardCli(args, env);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(result.stderr).not.toMatch(/EEXIST|ENOTDIR|EISDIR|mkdir|scandir|\n\s+at /);
  });
});

describe('path checks and file-system error lines', () => {
  it('accept a directory, a path that can be created, and refuse files', () => {
    expect(() => checkDirectoryOption('--data-dir', aDirectory)).not.toThrow();
    expect(() => checkDirectoryOption('--data-dir', join(aDirectory, 'new', 'deeper'))).not.toThrow();
    expect(() => checkDirectoryOption('--data-dir', aFile)).toThrow(/is a file, not a directory/);
    expect(() => checkOutputFileOption('--out', join(aDirectory, 'report.html'))).not.toThrow();
    expect(() => checkOutputFileOption('--out', aDirectory)).toThrow(/is a directory/);
    expect(() => checkOutputFileOption('--out', join(aFile, 'report.html'))).toThrow(/parent of it is a file/);
  });

  it('turn errno errors into words', () => {
    const error = Object.assign(new Error("EEXIST: file already exists, mkdir '/x'"), {
      code: 'EEXIST',
      syscall: 'mkdir',
      path: '/x',
    });
    expect(fileSystemErrorLine(error)).toBe('/x: is a file, not a directory');
    expect(fileSystemErrorLine(new Error('plain'))).toBeNull();
  });
});
