import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from './cli-error-line.js';
import { fileErrorReason } from './file-error-reason.js';

/** Reads the file an option names; a missing or unreadable file is a usage error naming the option. */
export async function readOptionFile(option: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot read (${fileErrorReason(error)})`);
  }
}

/** Writes the file an option names; an unwritable path is a usage error naming the option. */
export async function writeOptionFile(option: string, file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`${option} ${file}: cannot write (${fileErrorReason(error, true)})`);
  }
}
