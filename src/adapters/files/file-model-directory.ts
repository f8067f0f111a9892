import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ModelDirectory, ModelDirectoryError, type ModelFileContent } from '../../ports/model-directory.js';

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a parent path is not a directory';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

function requireFlatName(dir: string, name: string): string {
  if (name === '' || name.includes('/') || name.includes('\\') || name === '.' || name === '..') {
    throw new ModelDirectoryError(join(dir, name), 'artifact names must be plain file names');
  }
  return join(dir, name);
}

/** The model directory on the local file system (node:fs/promises). */
export function createFileModelDirectory(): ModelDirectory {
  return {
    async writeFiles(dir: string, files: Readonly<Record<string, ModelFileContent>>): Promise<string[]> {
      try {
        await mkdir(dir, { recursive: true });
      } catch (error) {
        throw new ModelDirectoryError(dir, `cannot create the model directory: ${reasonOf(error)}`, { cause: error });
      }
      const written: string[] = [];
      for (const [name, content] of Object.entries(files)) {
        const path = requireFlatName(dir, name);
        try {
          await writeFile(path, content);
        } catch (error) {
          throw new ModelDirectoryError(path, `cannot write: ${reasonOf(error)}`, { cause: error });
        }
        written.push(path);
      }
      return written;
    },
    async readText(dir: string, name: string): Promise<string> {
      const path = requireFlatName(dir, name);
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        throw new ModelDirectoryError(path, `cannot read: ${reasonOf(error)}`, { cause: error });
      }
    },
  };
}
