import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithComponent } from '../../../tests/support/components/describe-with-component.js';
import { requireCells } from '../../domain/data-table.js';
import { type TableColumn, TableWriteError } from '../../ports/table-writer.js';
import { createParquetReader } from './parquet-reader.js';
import { createParquetWriter } from './parquet-writer.js';

const PYTHON = fileURLToPath(new URL('../../../.venv/bin/python', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'driftguard-parquet-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns: TableColumn[] = [
  { name: 'age', type: 'double' },
  { name: 'tenure', type: 'bigint' },
  { name: 'city', type: 'varchar' },
  { name: 'owner', type: 'boolean' },
  { name: 'churned', type: 'varchar' },
  { name: 'timestamp', type: 'timestamp' },
];
const rows = [
  { age: 30.5, tenure: 4, city: 'lyon', owner: true, churned: 'yes', timestamp: Date.UTC(2026, 0, 2, 3, 4, 5, 6) },
  { age: null, tenure: 0, city: 'paris', owner: false, churned: 'no', timestamp: Date.UTC(2026, 0, 3) },
  { age: 61, tenure: 7, city: null, owner: null, churned: 'no', timestamp: Date.UTC(2026, 0, 4) },
];

describe('Parquet writer (hyparquet-writer)', () => {
  const writer = createParquetWriter();

  it('writes typed columns that read back cell for cell, missing cells missing', async () => {
    const path = join(dir, 'rows.parquet');
    writeFileSync(path, await writer.write(columns, rows));
    const table = await createParquetReader().read(path);
    expect(table.columnNames).toEqual(columns.map((c) => c.name));
    expect(table.rowCount).toBe(3);
    expect(requireCells(table, 'age')).toEqual([30.5, null, 61]);
    expect(requireCells(table, 'tenure')).toEqual([4, 0, 7]);
    expect(requireCells(table, 'city')).toEqual(['lyon', 'paris', null]);
    expect(requireCells(table, 'owner')).toEqual([true, false, null]);
    expect(requireCells(table, 'churned')).toEqual(['yes', 'no', 'no']);
  });

  it('refuses a cell its column cannot hold, naming column and row, before writing anything', async () => {
    await expect(writer.write(columns, [rows[0], { ...rows[1], tenure: 2.5 }])).rejects.toThrow(
      new TableWriteError('tenure[1]', 'expected an integer for a bigint column, got 2.5'),
    );
    await expect(writer.write(columns, [{ ...rows[0], age: 'old' }])).rejects.toThrow(/^age\[0\]: expected a number/);
    await expect(
      writer.write(
        [
          { name: 'a', type: 'double' },
          { name: 'A', type: 'double' },
        ],
        [],
      ),
    ).rejects.toThrow(/two columns are named "A"/);
  });

  it('writes an empty table with its columns', async () => {
    const path = join(dir, 'empty.parquet');
    writeFileSync(path, await writer.write(columns, []));
    const table = await createParquetReader().read(path);
    expect(table.rowCount).toBe(0);
    expect(table.columnNames).toEqual(columns.map((c) => c.name));
  });
});

const pandas = {
  name: 'Python pandas + pyarrow (.venv)',
  available: async (): Promise<string | null> => {
    try {
      execFileSync(PYTHON, ['-c', 'import pandas, pyarrow'], { stdio: 'pipe' });
      return null;
    } catch (error) {
      return `${PYTHON} cannot import pandas / pyarrow: ${(error as Error).message.split('\n')[0]}`;
    }
  },
};

describeWithComponent('what a trainer reads: pandas.read_parquet of the written file', pandas, () => {
  it('gives float64, int64 and UTC datetime columns with the values', async () => {
    const path = join(dir, 'pandas.parquet');
    writeFileSync(path, await createParquetWriter().write(columns, rows));
    const script = [
      'import json, sys, pandas as pd',
      'df = pd.read_parquet(sys.argv[1])',
      'print(json.dumps({"dtypes": {c: str(t) for c, t in df.dtypes.items()}, "timestamp": [t.isoformat() for t in df["timestamp"]], "tenure": [None if pd.isna(v) else int(v) for v in df["tenure"]]}))',
    ].join('\n');
    const out = JSON.parse(execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' })) as {
      dtypes: Record<string, string>;
      timestamp: string[];
      tenure: (number | null)[];
    };
    expect(out.dtypes.age).toBe('float64');
    expect(out.dtypes.tenure).toBe('int64');
    expect(out.dtypes.owner).toBe('object'); // booleans with a missing one
    expect(out.dtypes.timestamp).toMatch(/^datetime64\[(us|ns)?, UTC\]$/);
    expect(out.timestamp[0]).toBe('2026-01-02T03:04:05.006000+00:00');
    expect(out.tenure).toEqual([4, 0, 7]);
  });
});
