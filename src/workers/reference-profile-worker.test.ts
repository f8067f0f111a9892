import { describe, expect, it } from 'vitest';
import { dataTableFromRows } from '../domain/data-table.js';
import { createInThreadReferenceProfiler } from '../services/ingestion/reference-profiling.js';
import { createWorkerReferenceProfiler } from './reference-profile-worker.js';

const rows = Array.from({ length: 300 }, (_, i) => ({ x: i * 0.5, region: i % 3 === 0 ? 'north' : 'south', y: i % 2 }));

describe('createWorkerReferenceProfiler', () => {
  it('draws the row sample in the profiling thread: the same profile, sample included, as in-thread', async () => {
    const profiler = createWorkerReferenceProfiler();
    expect(profiler.mode).toBe('worker');
    const request = { table: dataTableFromRows(rows), schema: { target: 'y' } };
    const inThread = await createInThreadReferenceProfiler().profile({ ...request, table: dataTableFromRows(rows) });
    const { profile, table } = await profiler.profile(request);
    expect(profile.rowSample).toMatchObject({ sourceRowCount: 300, rowCount: 300, seed: 1 });
    expect(profile.rowSample?.columns.map((c) => c.name)).toEqual(['x', 'region']);
    expect(profile).toEqual(inThread.profile);
    expect(table.rowCount).toBe(300);
  });
});
