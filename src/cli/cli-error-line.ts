import { SchemaError } from '../domain/schema-error.js';
import { ModelDirectoryError } from '../ports/model-directory.js';
import { TableReadError } from '../ports/table-reader.js';
import { MetricInputError } from '../services/training/train-model.js';

/** A wrong command line (missing / malformed option); its message is shown as is. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * One readable line for a failure of `train` / `predict`: usage, file, data and model errors name the option /
 * file / column and the reason; anything else is reported as unexpected with its message.
 */
export function cliErrorLine(error: unknown): string {
  const line = (text: string): string => text.replace(/\s*\n\s*/g, ' ');
  if (error instanceof UsageError || error instanceof TableReadError || error instanceof ModelDirectoryError)
    return line(error.message);
  if (error instanceof SchemaError) return line(`${error.field}: ${error.reason}`);
  if (error instanceof MetricInputError) return line(error.message);
  const fileSystem = fileSystemErrorLine(error);
  if (fileSystem !== null) return line(fileSystem);
  return line(`unexpected error: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * One readable line for a file-system error (EEXIST on mkdir, ENOTDIR, EISDIR, ENOENT, EACCES) instead of Node's
 * `EEXIST: file already exists, mkdir '…'`; `null` when the error is not one of them.
 */
export function fileSystemErrorLine(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof path !== 'string') return null;
  switch (code) {
    case 'EEXIST':
      return syscall === 'mkdir' ? `${path}: is a file, not a directory` : `${path}: already exists`;
    case 'ENOTDIR':
      return `${path}: a part of this path is a file, not a directory`;
    case 'EISDIR':
      return `${path}: is a directory, not a file`;
    case 'ENOENT':
      return `${path}: no such file or directory`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'EROFS':
      return `${path}: read-only file system`;
    default:
      return null;
  }
}
