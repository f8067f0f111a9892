import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectReadError } from '../../../tests/support/adapters/expect-read-error.js';
import { requireCells } from '../../domain/data-table.js';
import type { TableReadError } from '../../ports/table-reader.js';
import { createParquetReader } from './parquet-reader.js';

// Fixtures written by pyarrow: tests/fixtures/tabular/generate_parquet_fixtures.py
const fixtures = join(import.meta.dirname, '../../../tests/fixtures/tabular');
const reader = createParquetReader();
const dir = mkdtempSync(join(tmpdir(), 'driftguard-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expectedMixed = {
  age: [31.5, null, 47.25, 22, null, 60],
  count: [1, 2, null, 4, 5, 9007199254740991],
  small: [1, 2, 3, null, 5, 6],
  city: ['Paris', 'Lyon', null, 'Paris', '', 'Nice'],
  member: [true, false, null, true, true, false],
  seen_at: [1, 2, 3, 4, 5, 6].map((day) => `2024-01-0${day}T12:30:00.000Z`),
};

const readError = (path: string): Promise<TableReadError> => expectReadError(reader, path);

describe('createParquetReader', () => {
  it('reads flat typed columns across row groups, with progress per row group', async () => {
    const progress: number[] = [];
    const table = await reader.read(join(fixtures, 'mixed.parquet'), { onProgress: (p) => progress.push(p.done) });
    expect(table.columnNames).toEqual(Object.keys(expectedMixed));
    expect(table.rowCount).toBe(6);
    expect(Object.fromEntries(table.columnNames.map((name) => [name, requireCells(table, name)]))).toEqual(
      expectedMixed,
    );
    expect(progress).toEqual([2, 4, 6]);
  });

  it('reads GZIP-compressed files (hyparquet-compressors)', async () => {
    const table = await reader.read(join(fixtures, 'mixed-gzip.parquet'));
    expect(Object.fromEntries(table.columnNames.map((name) => [name, requireCells(table, name)]))).toEqual(
      expectedMixed,
    );
  });

  it('rejects nested columns, naming the column', async () => {
    const error = await readError(join(fixtures, 'nested.parquet'));
    expect(error.column).toBe('tags');
    expect(error.reason).toMatch(/nested/);
  });

  it('rejects INT64 values a double cannot hold exactly', async () => {
    const error = await readError(join(fixtures, 'int64-too-big.parquet'));
    expect(error.message).toMatch(/column "id": integer 9007199254740993 does not fit/);
  });

  it('names the file for a missing, empty or non-Parquet file', async () => {
    expect((await readError(join(dir, 'absent.parquet'))).reason).toBe('file not found');
    const empty = join(dir, 'empty.parquet');
    writeFileSync(empty, '');
    expect((await readError(empty)).reason).toMatch(/empty/);
    const text = join(dir, 'text.parquet');
    writeFileSync(text, 'a,b\n1,2\n');
    const error = await readError(text);
    expect(error.file).toBe(text);
    expect(error.reason).toMatch(/not a readable Parquet file/);
  });
});
