import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../../tests/support/oracle/oracle.js';
import { materialize, type SampleRecipe } from '../../../tests/support/oracle/recipes.js';
import { pairedBootstrap, percentileOfSorted } from './bootstrap-interval.js';
import { comparisonMetric } from './comparison-metrics.js';
import { createSeededRandom } from './seeded-random.js';

type Input = number[] | SampleRecipe;
interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}
const fixture = loadOracle<Record<string, unknown>, Record<string, unknown>>('evaluation');
const cases = fixture.cases.filter((c) => c.id.startsWith('bootstrap-'));

describe('pairedBootstrap against the Python port (tests/oracle/gen_evaluation.py)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));
  for (const c of cases) {
    it(c.id, () => {
      const i = c.inputs;
      const result = pairedBootstrap(
        materialize(i.yTrue as Input),
        materialize(i.scoresA as Input),
        materialize(i.scoresB as Input),
        comparisonMetric(i.metric as string),
        { resamples: i.resamples as number, confidenceLevel: i.confidenceLevel as number, seed: i.seed as number },
      );
      for (const key of ['a', 'b', 'difference'] as const) {
        const expected = c.expected[key] as Interval;
        for (const bound of ['estimate', 'lower', 'upper'] as const) {
          expectClose(result[key][bound], expected[bound], 1e-12, 1e-15, `${key}.${bound}`);
        }
      }
    });
  }
});

describe('pairedBootstrap', () => {
  const y = [0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0];
  const a = [0.2, 0.7, 0.4, 0.6, 0.9, 0.1, 0.5, 0.3, 0.6, 0.8, 0.4, 0.2];
  const b = [0.3, 0.6, 0.5, 0.7, 0.8, 0.2, 0.4, 0.5, 0.3, 0.9, 0.6, 0.1];

  it('is deterministic for a seed and changes with the seed', () => {
    const metric = comparisonMetric('rocAuc');
    const first = pairedBootstrap(y, a, b, metric, { resamples: 50, seed: 3 });
    expect(pairedBootstrap(y, a, b, metric, { resamples: 50, seed: 3 })).toEqual(first);
    expect(pairedBootstrap(y, a, b, metric, { resamples: 50, seed: 4 })).not.toEqual(first);
    expect(first.a.lower).toBeLessThanOrEqual(first.a.upper);
  });

  it('rejects bad options, a single class and an unknown metric', () => {
    const metric = comparisonMetric('accuracy');
    expect(() => pairedBootstrap(y, a, b, metric, { resamples: 5 })).toThrow(
      'resamples: must be an integer >= 10, got 5',
    );
    expect(() => pairedBootstrap(y, a, b, metric, { confidenceLevel: 1 })).toThrow(
      'confidenceLevel: must be in (0, 1), got 1',
    );
    expect(() => pairedBootstrap([1, 1], [0.2, 0.3], [0.2, 0.3], metric)).toThrow('the bootstrap needs both classes');
    expect(() => comparisonMetric('auc')).toThrow('metric: unknown metric "auc"; valid: rocAuc, prAuc');
  });
});

describe('percentileOfSorted and createSeededRandom', () => {
  it('interpolates like numpy percentile (linear)', () => {
    expect(percentileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileOfSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(percentileOfSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(percentileOfSorted([10], 0.3)).toBe(10);
  });

  it('reproduces the Python mulberry32 port', () => {
    const c = fixture.cases.find((x) => x.id === 'mulberry32-first');
    const random = createSeededRandom(c?.inputs.seed as number);
    expect(Array.from({ length: 5 }, () => random())).toEqual(c?.expected.draws);
  });
});
