import type { TableReader } from '../../ports/table-reader.js';
import { createCsvReader } from './csv-reader.js';
import { createParquetReader } from './parquet-reader.js';
import { createTableReaderByExtension } from './table-reader-by-extension.js';

/** Every file format, read in the calling thread: CSV / TSV / .csv.gz and Parquet. */
export function createInThreadTableReader(): TableReader {
  return createTableReaderByExtension([createCsvReader(), createParquetReader()]);
}
