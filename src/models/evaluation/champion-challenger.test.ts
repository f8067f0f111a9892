import { describe, expect, it } from 'vitest';
import { compareChampionChallenger } from './champion-challenger.js';
import { delongTest } from './delong-test.js';
import { createSeededRandom } from './seeded-random.js';

function dataset(n: number, seed: number): { y: number[]; weak: number[]; strong: number[]; noisyWeak: number[] } {
  const random = createSeededRandom(seed);
  const y = Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0));
  const mix = (w: number) => y.map((label) => w * label + (1 - w) * random());
  return { y, weak: mix(0.2), strong: mix(0.35), noisyWeak: mix(0.21) };
}

const { y, weak, strong, noisyWeak } = dataset(400, 11);
const bootstrap = { resamples: 200, seed: 5 };

describe('compareChampionChallenger', () => {
  it('promotes a clearly better challenger, with DeLong as the significance test', () => {
    const d = compareChampionChallenger({ yTrue: y, championScores: weak, challengerScores: strong, bootstrap });
    expect(d.decision).toBe('promote');
    expect(d.significance).toMatchObject({ test: 'delong', significantlyBetter: true, significantlyWorse: false });
    expect(d.significance.pValue).toBe(delongTest(y, weak, strong).pValue);
    expect(d.improvement).toBeCloseTo((d.challenger.rocAuc as number) - (d.champion.rocAuc as number), 12);
    expect(d.reasons).toHaveLength(2);
    expect(d.reasons[0]).toMatch(
      /^rocAuc: challenger 0\.\d+ vs champion 0\.\d+ \(improvement \+0\.\d+, required \+0\)$/,
    );
  });

  it('rejects a significantly worse challenger and names both failed checks', () => {
    const d = compareChampionChallenger({ yTrue: y, championScores: strong, challengerScores: weak, bootstrap });
    expect(d.decision).toBe('reject');
    expect(d.checks.map((c) => c.passed)).toEqual([false, false]);
    expect(d.reasons[1]).toMatch(/^challenger is significantly worse: DeLong z = -\d/);
  });

  it('rejects on the margin alone when the gain is too small', () => {
    const d = compareChampionChallenger({
      yTrue: y,
      championScores: weak,
      challengerScores: strong,
      rule: { margin: 0.5 },
      bootstrap,
    });
    expect(d.decision).toBe('reject');
    expect(d.checks.map((c) => [c.name, c.passed])).toEqual([
      ['margin', false],
      ['not-significantly-worse', true],
    ]);
    expect(d.reasons).toEqual([d.checks[0].detail]);
  });

  it('can require a significant improvement', () => {
    const rule = { requireSignificantImprovement: true, margin: -1 };
    const d = compareChampionChallenger({
      yTrue: y,
      championScores: weak,
      challengerScores: noisyWeak,
      rule,
      bootstrap,
    });
    expect(d.significance.significantlyBetter).toBe(false);
    expect(d.decision).toBe('reject');
    expect(d.reasons[0]).toMatch(/^challenger is not significantly better/);
  });

  it('uses McNemar for accuracy and the bootstrap for lower-is-better log loss', () => {
    const acc = compareChampionChallenger({
      yTrue: y,
      championScores: weak,
      challengerScores: strong,
      rule: { metric: 'accuracy' },
      bootstrap,
    });
    expect(acc.significance.test).toBe('mcnemar');
    expect(acc.significance.pValue).toBe(acc.mcnemar.pValue);
    const ll = compareChampionChallenger({
      yTrue: y,
      championScores: strong,
      challengerScores: weak,
      rule: { metric: 'logLoss' },
      bootstrap,
    });
    expect(ll.higherIsBetter).toBe(false);
    expect(ll.improvement).toBeCloseTo(ll.champion.logLoss - ll.challenger.logLoss, 12);
    expect(ll.significance).toMatchObject({ test: 'bootstrap', pValue: null });
    expect(ll.bootstrap.confidenceLevel).toBeCloseTo(0.95, 15);
    expect(ll.decision).toBe('reject');
  });

  it('promotes an identical challenger at margin 0 and is deterministic', () => {
    const first = compareChampionChallenger({ yTrue: y, championScores: weak, challengerScores: weak, bootstrap });
    expect(first.decision).toBe('promote');
    expect(first.delong?.pValue).toBe(1);
    expect(compareChampionChallenger({ yTrue: y, championScores: weak, challengerScores: weak, bootstrap })).toEqual(
      first,
    );
  });

  it('rejects a bad rule with a clear error', () => {
    const base = { yTrue: y, championScores: weak, challengerScores: strong, bootstrap };
    expect(() => compareChampionChallenger({ ...base, rule: { alpha: 0 } })).toThrow('alpha: must be in (0, 1), got 0');
    expect(() => compareChampionChallenger({ ...base, rule: { margin: Number.NaN } })).toThrow(
      'margin: must be a finite number',
    );
    expect(() => compareChampionChallenger({ ...base, rule: { metric: 'auc' as 'rocAuc' } })).toThrow(
      'metric: unknown metric "auc"',
    );
  });
});
