import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const NAME = /\b(?:DRIFTGUARD|MLFLOW)_[A-Z0-9_]*[A-Z0-9]\b/g;

function files(...pathspecs: string[]): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...pathspecs], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file !== '');
}

const read = (file: string): string => {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return ''; // listed but deleted in the work tree
  }
};

/** Every DRIFTGUARD_* / MLFLOW_* name in the code that ships or runs from the clone, minus code identifiers. */
function namesInCode(): Map<string, string> {
  const code = files('src', 'examples', 'bench', 'scripts').filter(
    (file) => /\.(?:ts|mjs|js|py)$/.test(file) && !/\.(?:test|contract)\.ts$/.test(file),
  );
  const found = new Map<string, string>();
  const identifiers = new Set<string>();
  for (const file of code) {
    const text = read(file);
    for (const match of text.matchAll(/\b(?:const|let|type|interface|function)\s+((?:DRIFTGUARD|MLFLOW)_\w+)/g))
      identifiers.add(match[1] as string);
    for (const [name] of text.matchAll(NAME)) if (!found.has(name)) found.set(name, file);
  }
  for (const identifier of identifiers) found.delete(identifier);
  return found;
}

/** Every DRIFTGUARD_* / MLFLOW_* name the READMEs and docs/ mention, minus names a user picks (`"env": "…"`). */
function namesInDocs(): { names: Map<string, string>; chosenByUser: Set<string> } {
  const names = new Map<string, string>();
  const chosenByUser = new Set<string>();
  for (const file of files('README.md', 'docs', 'examples').filter((f) => f.endsWith('.md'))) {
    const text = read(file);
    for (const match of text.matchAll(/"env"\s*:\s*"([A-Z0-9_]+)"/g)) chosenByUser.add(match[1] as string);
    for (const [name] of text.matchAll(NAME)) if (!names.has(name)) names.set(name, file);
  }
  return { names, chosenByUser };
}

it('every environment variable the code reads is documented, and every documented one is read (issue 14 item 20)', () => {
  const code = namesInCode();
  const docs = namesInDocs();
  const undocumented = [...code].filter(([name]) => !docs.names.has(name)).map(([n, f]) => `${n} (${f})`);
  const unread = [...docs.names]
    .filter(([name]) => !code.has(name) && !docs.chosenByUser.has(name))
    .map(([n, f]) => `${n} (${f})`);
  expect({ undocumented, unread }).toEqual({ undocumented: [], unread: [] });
});

it('one name for the admin key: no command or client asks for another', () => {
  const adminKeyNames = [...namesInCode().keys()].filter((name) => /ADMIN|API_KEY/.test(name));
  expect(adminKeyNames.filter((name) => name !== 'DRIFTGUARD_ADMIN_KEY' && name !== 'DRIFTGUARD_API_KEY')).toEqual([]);
  const retrain = read('src/cli/retraining-commands.ts');
  expect(retrain).toMatch(/env\.DRIFTGUARD_ADMIN_KEY/);
  expect(retrain).toMatch(/DRIFTGUARD_API_KEY is deprecated/);
});
