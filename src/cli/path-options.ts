import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './cli-error-line.js';

function kindOf(path: string): 'directory' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

/** The nearest existing ancestor of a path that does not exist (`null` when the path itself exists). */
function nearestExisting(path: string): string | null {
  let current = resolve(path);
  if (kindOf(current) !== 'missing') return null;
  for (;;) {
    const parent = dirname(current);
    if (parent === current) return parent;
    if (kindOf(parent) !== 'missing') return parent;
    current = parent;
  }
}

/**
 * A directory option (`--data-dir`, `train --out`, …) must name a directory or a path that can become one: a file
 * there, or a file where a parent directory should be, is a UsageError naming the option (exit 2, one line).
 */
export function checkDirectoryOption(option: string, path: string): void {
  if (kindOf(path) === 'file') throw new UsageError(`${option} ${path}: is a file, not a directory`);
  const existing = nearestExisting(path);
  if (existing !== null && kindOf(existing) === 'file')
    throw new UsageError(`${option} ${path}: ${existing} is a file, so no directory can be created under it`);
}

/** An output file option (`--out`) must not name a directory, nor sit under a file. */
export function checkOutputFileOption(option: string, path: string): void {
  if (kindOf(path) === 'directory') throw new UsageError(`${option} ${path}: is a directory; name a file to write`);
  const existing = nearestExisting(dirname(resolve(path)));
  if (kindOf(dirname(resolve(path))) === 'file' || (existing !== null && kindOf(existing) === 'file'))
    throw new UsageError(`${option} ${path}: a parent of it is a file, not a directory`);
}
