import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInThreadTableReader } from './adapters/tabular/in-thread-table-reader.js';
import type { DataTable } from './domain/data-table.js';
import { TableReadError } from './ports/table-reader.js';
import { columnThreadsOf, createTableReader } from './table-readers.js';

const dir = mkdtempSync(join(tmpdir(), 'driftguard-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshot = (table: DataTable) => ({
  names: table.columnNames,
  rows: table.rowCount,
  source: table.sourceRowCount,
  columns: [...table.columns.entries()],
});

describe('reading in worker threads', () => {
  const lines = [
    'x,city,flag,mixed',
    ...Array.from(
      { length: 5000 },
      (_, i) =>
        `${((i * 7919) % 1000) / 8},${['a', 'b', 'c'][i % 3]},${i % 2 === 0 ? 'True' : 'False'},${i === 77 ? 'oops' : i}`,
    ),
  ];
  const path = join(dir, 'data.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);

  it('gives the same table as the in-thread reader, also when sampling and when two files are read at once', async () => {
    const threaded = createTableReader();
    const inThread = createInThreadTableReader();
    const [a, b] = await Promise.all([threaded.read(path), threaded.read(path)]);
    const expected = snapshot(await inThread.read(path));
    expect(snapshot(a)).toEqual(expected);
    expect(snapshot(b)).toEqual(expected);
    const sampled = await threaded.read(path, { sampleRows: 1000 });
    expect(snapshot(sampled)).toEqual(snapshot(await inThread.read(path, { sampleRows: 1000 })));
    expect(sampled).toMatchObject({ rowCount: 1000, sourceRowCount: 5000 });
  });

  it('a read error crosses the thread as a TableReadError naming the file and line', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2\n3\n');
    const error = await createTableReader()
      .read(bad)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableReadError);
    expect(error).toMatchObject({ file: bad, line: 3, reason: expect.stringMatching(/expected 2 fields/) });
  });
});

describe('the number of drift-column threads of `report`', () => {
  it('--threads wins over DRIFTGUARD_THREADS, which wins over the number of cores', () => {
    expect(columnThreadsOf('3', { DRIFTGUARD_THREADS: '2' })).toBe(3);
    expect(columnThreadsOf(undefined, { DRIFTGUARD_THREADS: '2' })).toBe(2);
    expect(columnThreadsOf(undefined, {})).toBe(availableParallelism());
    expect(columnThreadsOf(undefined, { DRIFTGUARD_THREADS: '' })).toBe(availableParallelism());
  });

  it('refuses what is not an integer ≥ 1, naming where it came from', () => {
    expect(() => columnThreadsOf('0', {})).toThrow('--threads must be an integer ≥ 1, got "0"');
    expect(() => columnThreadsOf('1.5', {})).toThrow(/--threads/);
    expect(() => columnThreadsOf(undefined, { DRIFTGUARD_THREADS: 'many' })).toThrow(
      'DRIFTGUARD_THREADS must be an integer ≥ 1, got "many"',
    );
  });
});
