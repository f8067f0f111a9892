import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const self = 'tests/docs/self-contained.test.ts';

/**
 * References that only resolve on the machine the repository was written on: absolute home / workspace paths,
 * folders beside the clone, and documents that live outside the repository. Built from parts so that this file
 * does not match itself.
 */
const OUTSIDE = [
  { name: 'a workspace path', pattern: new RegExp(['', 'work', ''].join('/')) },
  { name: 'a home directory', pattern: /(?:^|[\s'"`(])\/(?:home|Users|root)\/[A-Za-z]/ },
  { name: 'a folder beside the clone', pattern: new RegExp(`\\.\\./${'shared'}\\b`) },
  { name: 'a contract outside the repository', pattern: new RegExp(`RETRAINING-${'CONTRACT'}`) },
  { name: 'the guide outside the repository', pattern: new RegExp(`(?<![/\\w-])${'ARCHITECTURE'}\\.md`) },
];

const TEXT =
  /\.(?:ts|tsx|js|cjs|mjs|json|md|py|sh|yml|yaml|toml|html|css|txt|cfg|ini)$|(?:^|\/)\.[a-z]+rc$|Dockerfile$/;

function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return listed
    .split('\n')
    .filter((file) => file !== '' && file !== self && file !== 'package-lock.json' && TEXT.test(file));
}

it('the repository stands on its own: no file points at paths or documents outside it', () => {
  const found: string[] = [];
  for (const file of trackedTextFiles()) {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // listed but deleted in the work tree
    }
    text.split('\n').forEach((line, index) => {
      for (const { name, pattern } of OUTSIDE) {
        if (pattern.test(line)) found.push(`${file}:${index + 1}: ${name}: ${line.trim().slice(0, 160)}`);
      }
    });
  }
  expect(found).toEqual([]);
});
