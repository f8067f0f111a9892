import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellsOf } from '../../domain/data-table.js';
import { createParquetReader } from './parquet-reader.js';

/**
 * Every Parquet file pandas, pyarrow, Polars (and Spark, emulated) write by default — Snappy, ZSTD, GZIP, LZ4,
 * Brotli, v2 data pages, dictionary pages, nullable ints, INT96 and µs timestamps, dates, decimals — made by
 * tests/fixtures/parquet/write_parquet_fixtures.py, which also wrote the expected cells.
 */
const dir = join(import.meta.dirname, '../../../tests/fixtures/parquet');
const manifest = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  rows: number;
  writers: string[];
  columns: Record<string, unknown[]>;
};

describe('Parquet files from every default writer', () => {
  const reader = createParquetReader();
  it.each(manifest.writers)('%s reads to the expected cells', async (writer) => {
    const table = await reader.read(join(dir, `${writer}.parquet`));
    expect(table.rowCount).toBe(manifest.rows);
    expect(table.columnNames).toEqual(Object.keys(manifest.columns));
    for (const [name, expected] of Object.entries(manifest.columns)) {
      const column = table.columns.get(name);
      expect(column, name).toBeDefined();
      expect({ name, cells: cellsOf(column!) }).toEqual({ name, cells: expected });
    }
    // Numbers arrive typed, not boxed.
    for (const name of ['f64', 'i64', 'i32', 'dec']) expect(table.columns.get(name)?.type, name).toBe('number');
  });
});
