import { expect } from 'vitest';
import { TableReadError, type TableReader } from '../../../src/ports/table-reader.js';

/** Reads `path`, expects a TableReadError and returns it for further assertions. */
export async function expectReadError(reader: TableReader, path: string): Promise<TableReadError> {
  const error = await reader.read(path).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TableReadError);
  return error as TableReadError;
}
