import { describe, expect, it } from 'vitest';
import { lcgUniforms } from '../../tests/support/oracle/recipes.js';
import { dataTableFromRows } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import { createDriftMonitor } from './create-drift-monitor.js';

const row = (u: number, v: number, shift: number) => ({ a: 10 * u + shift * 8, b: v < 0.5 + shift * 0.4 ? 'x' : 'y' });

describe('createDriftMonitor', () => {
  const u = lcgUniforms(1, 8000);
  const reference = dataTableFromRows(Array.from({ length: 4000 }, (_, i) => row(u[2 * i], u[2 * i + 1], 0)));
  const profile = buildReferenceProfile(reference, inferSchema(reference));

  it('evaluates each count window and carries persistence across windows', () => {
    const monitor = createDriftMonitor({
      profile,
      options: { window: { type: 'count', windowSize: 500, step: 500 }, persistenceWindows: 2 },
    });
    const w = lcgUniforms(2, 6000);
    const reports = [];
    for (let i = 0; i < 3000; i++) reports.push(...monitor.push(row(w[2 * i], w[2 * i + 1], i >= 1000 ? 1 : 0)));
    expect(reports.map((r) => r.window)).toEqual(
      [0, 1, 2, 3, 4, 5].map((k) => ({ type: 'count', start: 500 * k, end: 500 * (k + 1) })),
    );
    expect(reports.map((r) => r.severity)).toEqual(['none', 'none', 'medium', 'high', 'high', 'high']);
    expect(monitor.highStreak).toBe(4);
    expect(monitor.eventCount).toBe(3000);
  });

  it('needs a window and resumes a streak after a restart', () => {
    expect(() => createDriftMonitor({ profile, options: {} })).toThrow(expect.objectContaining({ field: 'window' }));
    const monitor = createDriftMonitor({
      profile,
      options: { window: { type: 'time', windowSeconds: 60, stepSeconds: 60 }, persistenceWindows: 3 },
      initialHighStreak: 2,
    });
    const w = lcgUniforms(3, 400);
    for (let i = 0; i < 200; i++) monitor.push(row(w[2 * i], w[2 * i + 1], 1), i * 0.25);
    const [report] = monitor.advanceTo(60);
    expect(report).toMatchObject({ severity: 'high', highStreak: 3, window: { type: 'time', start: 0, end: 60 } });
  });
});
