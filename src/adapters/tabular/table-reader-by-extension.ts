import { extname } from 'node:path';
import type { DataTable } from '../../domain/data-table.js';
import { TableReadError, type TableReader, type TableReadOptions } from '../../ports/table-reader.js';

/** One reader that dispatches on the file extension (case-insensitive) to the first reader that handles it. */
export function createTableReaderByExtension(readers: readonly TableReader[]): TableReader {
  const extensions = readers.flatMap((reader) => reader.extensions);
  return {
    extensions,
    read(path: string, options?: TableReadOptions): Promise<DataTable> {
      const extension = extname(path).toLowerCase();
      const reader = readers.find((candidate) => candidate.extensions.includes(extension));
      if (reader === undefined) {
        const found = extension === '' ? 'no extension' : `unknown extension "${extension}"`;
        return Promise.reject(
          new TableReadError({ file: path, reason: `${found}; supported: ${extensions.join(', ')}` }),
        );
      }
      return reader.read(path, options);
    },
  };
}
