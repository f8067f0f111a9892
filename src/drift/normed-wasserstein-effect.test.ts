import { describe, expect, it } from 'vitest';
import { dataTableFromColumns } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import { evaluateDrift } from './evaluate-drift.js';

/** Issue 14 item 16: a constant reference column has a defined, bounded effect size in driftguard mode. */
describe('normed Wasserstein effect size of a constant reference', () => {
  const reference = dataTableFromColumns({
    load: new Array(2000).fill(2.5),
    noise: Array.from({ length: 2000 }, (_, i) => ((i * 37) % 101) / 10),
  });
  const profile = buildReferenceProfile(reference, inferSchema(reference));
  const resultFor = (load: number[], mode: 'driftguard') =>
    evaluateDrift(
      profile,
      dataTableFromColumns({ load, noise: Array.from({ length: load.length }, (_, i) => ((i * 53) % 101) / 10) }),
      { mode },
    ).features.find((f) => f.name === 'load');

  it('an unchanged constant: effect size 0, no drift', () => {
    expect(resultFor(new Array(2000).fill(2.5), 'driftguard')).toMatchObject({ effectSize: 0, drifted: false });
  });

  it('a constant that moves: 1 / √(p(1 − p)) in units of the pooled std (2 for equal sizes), drift', () => {
    const result = resultFor(new Array(2000).fill(3.5), 'driftguard');
    expect(result?.effectSize).toBeCloseTo(2, 10);
    expect(result?.drifted).toBe(true);
  });
});
