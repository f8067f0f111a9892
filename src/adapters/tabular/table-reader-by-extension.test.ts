import { describe, expect, it } from 'vitest';
import { columnMap, type DataTable, requireCells } from '../../domain/data-table.js';
import { TableReadError, type TableReader } from '../../ports/table-reader.js';
import { createTableReaderByExtension } from './table-reader-by-extension.js';

function namedReader(extension: string): TableReader {
  const table: DataTable = { columnNames: ['from'], rowCount: 1, columns: columnMap({ from: [extension] }) };
  return { extensions: [extension], read: () => Promise.resolve(table) };
}

describe('createTableReaderByExtension', () => {
  const reader = createTableReaderByExtension([namedReader('.csv'), namedReader('.parquet')]);

  it('dispatches on the extension, case-insensitively', async () => {
    expect(requireCells(await reader.read('/data/x.CSV'), 'from')).toEqual(['.csv']);
    expect(requireCells(await reader.read('/data/x.parquet'), 'from')).toEqual(['.parquet']);
    expect(reader.extensions).toEqual(['.csv', '.parquet']);
  });

  it('rejects an unknown or missing extension, listing the supported ones', async () => {
    await expect(reader.read('/data/x.xlsx')).rejects.toThrow(
      new TableReadError({ file: '/data/x.xlsx', reason: 'unknown extension ".xlsx"; supported: .csv, .parquet' }),
    );
    await expect(reader.read('/data/x')).rejects.toThrow(/no extension; supported/);
  });
});
