import { afterAll, describe, expect, it } from 'vitest';
import type { Column, DataTable } from '../domain/data-table.js';
import type { FeatureSpec } from '../domain/feature-schema.js';
import { SchemaError } from '../domain/schema-error.js';
import { createDriftEngineConfig, profileFeature } from '../drift/index.js';
import type { TableReader } from '../ports/table-reader.js';
import { createDriftReportService, MIN_ROWS_FOR_COLUMN_THREADS } from '../services/reports/drift-report-service.js';
import { createDriftColumnPool } from './drift-column-pool.js';

/** A seeded table of mixed columns (numeric with missing and invalid cells, categorical, boolean, constant, integer codes). */
function table(rows: number, seed: number, shift: number): DataTable {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const columns = new Map<string, Column>();
  for (let c = 0; c < 6; c++) {
    const values = new Float64Array(rows);
    const invalid = new Map<number, string>();
    for (let i = 0; i < rows; i++) {
      values[i] = next() < 0.02 ? Number.NaN : (next() + next() + next()) * (1 + c) + (c % 2 === 0 ? shift : 0);
      if (c === 5 && i % 997 === 0) {
        values[i] = Number.NaN;
        invalid.set(i, 'high');
      }
    }
    columns.set(`num_${c}`, { type: 'number', values, invalid: invalid.size === 0 ? null : invalid });
  }
  for (let c = 0; c < 3; c++) {
    const codes = new Int32Array(rows);
    for (let i = 0; i < rows; i++) codes[i] = next() < 0.01 ? -1 : Math.floor(next() ** (1 + shift * c) * 6);
    columns.set(`cat_${c}`, { type: 'category', codes, dictionary: ['a', 'b', 'c', 'd', 'e', 'f'] });
  }
  const flags = new Int32Array(rows);
  for (let i = 0; i < rows; i++) flags[i] = next() < 0.5 + shift / 10 ? 1 : 0;
  columns.set('flag', { type: 'category', codes: flags, dictionary: [false, true] });
  columns.set('constant', { type: 'number', values: new Float64Array(rows).fill(7), invalid: null });
  const day = new Float64Array(rows);
  for (let i = 0; i < rows; i++) day[i] = 1 + Math.floor(next() * 7);
  columns.set('day', { type: 'number', values: day, invalid: null });
  return { columnNames: [...columns.keys()], rowCount: rows, columns };
}

const ROWS = 30_000;
const spec = (name: string): FeatureSpec => ({
  name,
  kind: 'numeric',
  kindSource: 'inferred',
  importanceWeight: 1,
  excluded: false,
});
const files: Record<string, DataTable> = {
  'reference.csv': table(ROWS, 1, 0),
  'current.csv': table(ROWS, 2, 0.3),
};
const reader: TableReader = { extensions: ['.csv'], read: async (path) => files[path] };

describe('drift-column pool: profiles and tests of different columns on worker threads (issue 16)', () => {
  const pools = [1, 2, 3].map((threads) => createDriftColumnPool(threads));
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
  });

  it('gives byte-identical reports on 1, 2 and 3 threads', async () => {
    expect(ROWS * 2).toBeGreaterThanOrEqual(MIN_ROWS_FOR_COLUMN_THREADS);
    expect(pools.map((pool) => pool.mode)).toEqual(['in-thread', 'worker', 'worker']);
    const reports = [];
    for (const columnRunner of pools) {
      for (const mode of ['driftguard', 'evidently'] as const) {
        const outcome = await createDriftReportService({ tableReader: reader, columnRunner }).createReport({
          referencePath: 'reference.csv',
          currentPath: 'current.csv',
          mode,
        });
        reports.push({ threads: columnRunner.threads, mode, json: JSON.stringify(outcome.report) });
      }
    }
    const one = reports.filter((r) => r.threads === 1);
    expect(one.map((r) => JSON.parse(r.json).features.length)).toEqual([12, 12]);
    expect(JSON.parse(one[0].json).driftedFeatureCount).toBeGreaterThan(0);
    for (const r of reports)
      expect(r.json, `${r.threads} threads, ${r.mode}`).toBe(one.find((o) => o.mode === r.mode)?.json);
    // The tables the threads were sent copies of are intact.
    expect(files['reference.csv'].columns.get('num_0')).toMatchObject({ type: 'number' });
    expect((files['reference.csv'].columns.get('num_0') as { values: Float64Array }).values.length).toBe(ROWS);
  }, 60_000);

  it('puts results back in task order and reports progress per finished task', async () => {
    const reference = files['reference.csv'];
    const tasks = reference.columnNames
      .filter((name) => name.startsWith('num_'))
      .map((name) => ({
        feature: spec(name),
        column: reference.columns.get(name) as Column,
        options: { sampleSize: 1000, binCount: 10, maxCategories: 200, distinctCap: 1000 },
      }));
    const progress: number[] = [];
    const profiles = await pools[1].profile(tasks, (done) => progress.push(done));
    expect(profiles.map((p) => p.name)).toEqual(tasks.map((t) => t.feature.name));
    expect(profiles[3]).toEqual(profileFeature(tasks[3].feature, tasks[3].column, tasks[3].options));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a failing task is the SchemaError of the first failing task in task order, whatever thread ran it', async () => {
    const reference = files['reference.csv'];
    const profile = profileFeature({ name: 'num_0', kind: 'numeric' }, reference.columns.get('num_0') as Column);
    const config = createDriftEngineConfig({});
    const task = (name: string, rowCount: number) => ({
      profile: { ...profile, name },
      feature: spec(name),
      column: reference.columns.get('num_0'),
      rowCount,
      config,
    });
    const failing = pools[2].evaluate([task('fine', ROWS), task('first', ROWS + 1), task('second', ROWS - 1)]);
    await expect(failing).rejects.toBeInstanceOf(SchemaError);
    await expect(failing).rejects.toMatchObject({ field: 'current.first' });
  });
});
