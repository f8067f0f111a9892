import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from './cli-error-line.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

const fileErrorCode = (error: unknown) => {
  const code = (error as { code?: string }).code;
  return code === undefined ? String(error) : (REASONS[code] ?? code);
};

/** Reads the file an option names; a missing or unreadable file is a usage error naming the option. */
export async function readOptionFile(option: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot read (${fileErrorCode(error)})`);
  }
}

/** Writes the file an option names; an unwritable path is a usage error naming the option. */
export async function writeOptionFile(option: string, file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot write (${fileErrorCode(error)})`);
  }
}
