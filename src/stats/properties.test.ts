/**
 * Invariants of the driftguard/stats functions (fast-check): identity, symmetry, bounds, KS invariance to
 * strictly monotone transforms, Benjamini–Hochberg monotonicity, and inputs never mutated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as stats from './index.js';

type AnyFn = (...args: unknown[]) => unknown;
const api = stats as unknown as Record<string, AnyFn | undefined>;
/** Functions of other modules join these properties as soon as they are exported. */
const optional = (name: string): AnyFn | undefined => api[name];

const RUNS = { numRuns: 60 };
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
const sample = fc.array(fc.oneof(finite, fc.integer({ min: -5, max: 5 })), { minLength: 2, maxLength: 60 });
/** Bin counts (non-negative integers, at least one positive) — realistic histogram inputs. */
const countsOf = (length: number) =>
  fc
    .array(fc.integer({ min: 0, max: 1000 }), { minLength: length, maxLength: length })
    .filter((xs) => xs.some((x) => x > 0));
const countPair = fc.integer({ min: 1, max: 30 }).chain((k) => fc.tuple(countsOf(k), countsOf(k)));
const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 80 });

const close = (actual: number, expected: number, relative = 1e-12, absolute = 1e-15): void => {
  if (actual === expected) return; // also ±Infinity (Welch's t when subnormal values give a zero variance)
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(relative * Math.abs(expected), absolute));
};

describe('identity: a distribution compared with itself', () => {
  it('wasserstein(x, x) = energy(x, x) = normedWasserstein(x, x) = 0', () => {
    fc.assert(
      fc.property(sample, (x) => {
        expect(stats.wassersteinDistance(x, x)).toBe(0);
        expect(stats.energyDistance(x, x)).toBe(0);
        expect(stats.normedWassersteinDistance(x, x)).toBe(0);
      }),
      RUNS,
    );
  });

  it('psi(p, p) = JS(p, p) = KL(p, p) = Hellinger(p, p) = TV(p, p) = 0', () => {
    fc.assert(
      fc.property(countsOf(12), (p) => {
        expect(stats.psi(p, p)).toBe(0);
        expect(stats.jensenShannonDistance(p, p)).toBe(0);
        expect(stats.klDivergence(p, p)).toBe(0);
        expect(stats.hellingerDistance(p, p)).toBe(0);
        expect(stats.totalVariationDistance(p, p)).toBe(0);
      }),
      RUNS,
    );
  });

  it('ksTwoSample(x, x) has statistic 0 and p-value 1', () => {
    const ks = optional('ksTwoSample');
    if (!ks) return;
    fc.assert(
      fc.property(sample, (x) => {
        const r = ks(x, x) as { statistic: number; pValue: number };
        expect(r.statistic).toBe(0);
        expect(r.pValue).toBe(1);
      }),
      RUNS,
    );
  });
});

describe('identity for the location / contingency tests (when exported)', () => {
  it('mannWhitneyU(x, x) and welchTTest(x, x) have p = 1; welch t = 0', () => {
    const mwu = optional('mannWhitneyU');
    const welch = optional('welchTTest');
    fc.assert(
      fc.property(sample, (x) => {
        if (mwu) expect((mwu(x, x) as { pValue: number }).pValue).toBe(1);
        if (welch && new Set(x).size > 1) {
          const r = welch(x, x) as { statistic: number; pValue: number };
          expect(r.statistic).toBe(0);
          expect(r.pValue).toBe(1);
        }
      }),
      RUNS,
    );
  });

  it('chiSquareTest(p, p) and gTest(p, p) have statistic 0 and p = 1', () => {
    const tests = ['chiSquareTest', 'gTest'].map(optional).filter((f): f is AnyFn => f !== undefined);
    fc.assert(
      fc.property(
        countsOf(8).filter((p) => p.every((c) => c > 0)),
        (p) => {
          for (const test of tests) {
            const r = test(p, p) as { statistic: number; pValue: number };
            close(r.statistic, 0);
            close(r.pValue, 1);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('symmetry where it holds', () => {
  it('two-sample distances and tests are symmetric in (a, b)', () => {
    const ks = optional('ksTwoSample');
    const cvm = optional('cramerVonMises');
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        expect(stats.wassersteinDistance(a, b)).toBe(stats.wassersteinDistance(b, a));
        expect(stats.energyDistance(a, b)).toBe(stats.energyDistance(b, a));
        for (const test of [ks, cvm]) {
          if (!test) continue;
          const ab = test(a, b) as { statistic: number; pValue: number };
          const ba = test(b, a) as { statistic: number; pValue: number };
          close(ab.statistic, ba.statistic);
          close(ab.pValue, ba.pValue, 1e-9, 1e-300);
        }
      }),
      RUNS,
    );
  });

  it('Mann–Whitney: p symmetric and U(a, b) + U(b, a) = n·m; Welch: t antisymmetric, p symmetric; AD: order-free', () => {
    const mwu = optional('mannWhitneyU');
    const welch = optional('welchTTest');
    const ad = optional('andersonDarlingKSample');
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        if (mwu) {
          const ab = mwu(a, b) as { statistic: number; pValue: number };
          const ba = mwu(b, a) as { statistic: number; pValue: number };
          expect(ab.statistic + ba.statistic).toBe(a.length * b.length);
          close(ab.pValue, ba.pValue, 1e-9, 1e-300);
        }
        if (welch && new Set(a).size > 1 && new Set(b).size > 1) {
          const ab = welch(a, b) as { statistic: number; pValue: number };
          const ba = welch(b, a) as { statistic: number; pValue: number };
          close(ab.statistic, -ba.statistic);
          close(ab.pValue, ba.pValue, 1e-9, 1e-300);
        }
        if (ad && new Set([...a, ...b]).size > 1) {
          const ab = ad([a, b]) as { statistic: number; pValue: number };
          const ba = ad([b, a]) as { statistic: number; pValue: number };
          close(ab.statistic, ba.statistic, 1e-12, 1e-12);
          close(ab.pValue, ba.pValue, 1e-9, 1e-12);
        }
      }),
      RUNS,
    );
  });

  it('JS, Hellinger, TV and PSI are symmetric in (p, q); KL is not required to be', () => {
    fc.assert(
      fc.property(countPair, ([p, q]) => {
        expect(stats.jensenShannonDistance(p, q)).toBe(stats.jensenShannonDistance(q, p));
        expect(stats.hellingerDistance(p, q)).toBe(stats.hellingerDistance(q, p));
        expect(stats.totalVariationDistance(p, q)).toBe(stats.totalVariationDistance(q, p));
        close(stats.psi(p, q), stats.psi(q, p));
      }),
      RUNS,
    );
  });
});

describe('bounds', () => {
  it('0 <= JS (base 2), Hellinger, TV <= 1; KL, PSI >= 0; H² <= TV <= √2·H', () => {
    fc.assert(
      fc.property(countPair, ([p, q]) => {
        for (const d of [
          stats.jensenShannonDistance(p, q),
          stats.hellingerDistance(p, q),
          stats.totalVariationDistance(p, q),
        ]) {
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(1);
        }
        expect(stats.klDivergence(p, q)).toBeGreaterThanOrEqual(0);
        expect(stats.psi(p, q)).toBeGreaterThanOrEqual(0);
        // Hellinger² <= TV <= √2·Hellinger (standard inequalities), within rounding
        const h = stats.hellingerDistance(p, q);
        const tv = stats.totalVariationDistance(p, q);
        expect(h * h).toBeLessThanOrEqual(tv + 1e-12);
        expect(tv).toBeLessThanOrEqual(Math.SQRT2 * h + 1e-12);
      }),
      RUNS,
    );
  });

  it('test statistics and p-values stay in range', () => {
    const ks = optional('ksTwoSample');
    const cvm = optional('cramerVonMises');
    const others = ['mannWhitneyU', 'welchTTest'].map(optional).filter((f): f is AnyFn => f !== undefined);
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        if (ks) {
          const r = ks(a, b) as { statistic: number; pValue: number };
          expect(r.statistic).toBeGreaterThanOrEqual(0);
          expect(r.statistic).toBeLessThanOrEqual(1);
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
        }
        for (const test of cvm ? [cvm, ...others] : others) {
          let r: { pValue: number };
          try {
            r = test(a, b) as { pValue: number };
          } catch (error) {
            expect(error).toBeInstanceOf(stats.StatsInputError); // e.g. Welch on two constant samples
            continue;
          }
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
        }
        expect(stats.wassersteinDistance(a, b)).toBeGreaterThanOrEqual(0);
        expect(stats.energyDistance(a, b)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('Wasserstein is at least the distance between the means and at most max − min', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
        const all = [...a, ...b];
        const w = stats.wassersteinDistance(a, b);
        expect(w).toBeGreaterThanOrEqual(Math.abs(mean(a) - mean(b)) * (1 - 1e-9) - 1e-9);
        expect(w).toBeLessThanOrEqual((Math.max(...all) - Math.min(...all)) * (1 + 1e-12));
      }),
      RUNS,
    );
  });
});

describe('KS is invariant to strictly monotone transforms', () => {
  it('ks(f(a), f(b)) = ks(a, b) for f(x) = x³ + 7x and f(x) = 2^x on integer samples (exact in doubles)', () => {
    const ks = optional('ksTwoSample');
    if (!ks) return;
    const ints = fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(ints, ints, (a, b) => {
        const base = ks(a, b);
        for (const f of [(x: number) => x * x * x + 7 * x, (x: number) => 2 ** x]) {
          expect(ks(a.map(f), b.map(f))).toEqual(base);
        }
      }),
      RUNS,
    );
  });
});

describe('multiple-testing corrections', () => {
  it('BH and Bonferroni are >= the raw p-value, <= 1, monotone in p, and BH <= Bonferroni', () => {
    fc.assert(
      fc.property(pValues, (p) => {
        const bh = stats.benjaminiHochberg(p);
        const bonf = stats.bonferroni(p);
        for (let i = 0; i < p.length; i++) {
          expect(bh[i]).toBeGreaterThanOrEqual(p[i]);
          expect(bh[i]).toBeLessThanOrEqual(bonf[i]);
          expect(bonf[i]).toBeLessThanOrEqual(1);
          for (let j = 0; j < p.length; j++) {
            if (p[i] <= p[j]) {
              expect(bh[i]).toBeLessThanOrEqual(bh[j]);
              expect(bonf[i]).toBeLessThanOrEqual(bonf[j]);
            }
          }
        }
      }),
      RUNS,
    );
  });
});

describe('binning', () => {
  it('quantile edges are strictly increasing (or [c, c]) from min to max, and histogram accounts for every value', () => {
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: 1, max: 20 }), (ref, cur, bins) => {
        const edges = stats.quantileBinEdges(ref, bins);
        expect(edges[0] === Math.min(...ref)).toBe(true); // numerically: -0 and +0 are the same edge
        expect(edges[edges.length - 1] === Math.max(...ref)).toBe(true);
        if (edges.length === 2 && edges[0] === edges[1]) expect(new Set(ref).size).toBe(1);
        else for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]);
        const own = stats.histogram(ref, edges);
        expect(own.below + own.above).toBe(0);
        const h = stats.histogram(cur, edges);
        expect(h.counts.reduce((s, c) => s + c, 0) + h.below + h.above).toBe(cur.length);
      }),
      RUNS,
    );
  });
});

describe('inputs are never mutated', () => {
  const twoSample = [
    'ksTwoSample',
    'cramerVonMises',
    'andersonDarlingKSample',
    'mannWhitneyU',
    'welchTTest',
    'wassersteinDistance',
    'normedWassersteinDistance',
    'energyDistance',
  ];
  const twoDistributions = [
    'jensenShannonDistance',
    'klDivergence',
    'hellingerDistance',
    'totalVariationDistance',
    'psi',
    'chiSquareTest',
    'gTest',
  ];

  it('frozen arrays are accepted and typed arrays come back unchanged', () => {
    fc.assert(
      fc.property(sample, sample, countPair, pValues, (a, b, [p, q], ps) => {
        const calls: Array<[string, unknown[]]> = [
          ...twoSample.map((name): [string, unknown[]] => [
            name,
            name === 'andersonDarlingKSample' ? [[a, b]] : [a, b],
          ]),
          ...twoDistributions.map((name): [string, unknown[]] => [name, [p, q]]),
          ['bonferroni', [ps]],
          ['benjaminiHochberg', [ps]],
          ['quantileBinEdges', [a, 5]],
          ['histogram', [b, stats.quantileBinEdges(a, 5)]],
        ];
        for (const [name, args] of calls) {
          const fn = optional(name);
          if (!fn) continue;
          const deep = (x: unknown, make: (v: number[]) => unknown): unknown =>
            Array.isArray(x)
              ? x.every((v) => typeof v === 'number')
                ? make(x as number[])
                : x.map((v) => deep(v, make))
              : x;
          const frozen = args.map((x) => deep(x, (v) => Object.freeze([...v])));
          const typed = args.map((x) => deep(x, (v) => Float64Array.from(v)));
          const copies = structuredClone(typed);
          const tolerant = (call: () => unknown): void => {
            try {
              call();
            } catch (error) {
              if (!(error instanceof stats.StatsInputError)) throw error; // a frozen-array write is a TypeError
            }
          };
          tolerant(() => fn(...frozen));
          tolerant(() => fn(...typed));
          expect(typed, name).toEqual(copies);
        }
      }),
      { numRuns: 25 },
    );
  });
});
