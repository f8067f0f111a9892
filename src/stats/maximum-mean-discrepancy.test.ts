import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../tests/support/oracle/oracle.js';
import { lcgStream } from '../../tests/support/oracle/recipes.js';
import {
  euclideanSquaredDistance,
  kernelSums,
  medianHeuristicBandwidth,
  mmdPermutationTest,
  rbfKernelMatrix,
  unbiasedMmd2,
} from './maximum-mean-discrepancy.js';
import { permutationPValue } from './permutation-p-value.js';
import { StatsInputError } from './stats-input-error.js';

const fixture = loadOracle<{ x: number[][]; y: number[][] }, { sigma: number; mmd2: number }>('mmd');

/** Pooled row-major matrix: x's rows, then y's. */
function pooled(x: number[][], y: number[][]): { z: Float64Array; n: number; d: number } {
  return { z: Float64Array.from([...x, ...y].flat()), n: x.length + y.length, d: x[0].length };
}
const lastRows = (n: number, m: number): Int32Array => Int32Array.from({ length: m }, (_, k) => n - m + k);

describe(`MMD vs alibi-detect's definitions (${fixture.generator})`, () => {
  it('has cases', () => expect(fixture.cases.length).toBeGreaterThanOrEqual(5));
  for (const c of fixture.cases) {
    it(`${c.id}: ${c.call}`, () => {
      const { z, n, d } = pooled(c.inputs.x, c.inputs.y);
      const distance = euclideanSquaredDistance(z, d);
      const sigma = medianHeuristicBandwidth(n, distance);
      expectClose(sigma, c.expected.sigma, 1e-14, 0, 'sigma');
      const kernel = rbfKernelMatrix(n, distance, sigma);
      expectClose(
        unbiasedMmd2(kernel, kernelSums(kernel, n), lastRows(n, c.inputs.y.length)),
        c.expected.mmd2,
        1e-11,
        1e-15,
        'mmd2',
      );
    });
  }
});

describe('mmdPermutationTest', () => {
  const normal = (u: () => number): number => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const sample = (rows: number, seed: number, shift = 0): number[][] => {
    const u = lcgStream(seed);
    return Array.from({ length: rows }, () => [normal(u) + shift, normal(u)]);
  };
  const test = (x: number[][], y: number[][], permutations: number, seed: number) => {
    const { z, n, d } = pooled(x, y);
    const distance = euclideanSquaredDistance(z, d);
    return mmdPermutationTest(
      rbfKernelMatrix(n, distance, medianHeuristicBandwidth(n, distance)),
      n,
      y.length,
      permutations,
      lcgStream(seed),
    );
  };

  it('rejects a location shift with the smallest p-value permutations allow: 1/(n + 1), never 0', () => {
    const result = test(sample(60, 1), sample(60, 2, 1.5), 99, 3);
    expect(result.pValue).toBe(1 / 100);
    expect(result.mmd2).toBeGreaterThan(0);
  });

  it('gives p-values in (0, 1], roughly uniform under H0; false alarms at most 5 % + sampling error', () => {
    const pValues = Array.from(
      { length: 80 },
      (_, t) => test(sample(25, 100 + 2 * t), sample(20, 101 + 2 * t), 99, t).pValue,
    );
    for (const p of pValues) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    const share = (limit: number): number => pValues.filter((p) => p < limit).length / pValues.length;
    expect(share(0.05)).toBeLessThanOrEqual(0.05 + 2.5 * Math.sqrt((0.05 * 0.95) / 80));
    expect(share(0.5)).toBeGreaterThan(0.3);
    expect(share(0.5)).toBeLessThan(0.7);
  });

  it('MMD² is symmetric in the two groups and the unbiased estimate averages ≈ 0 under H0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const x = sample(8, seed);
        const y = sample(6, seed + 1);
        const a = pooled(x, y);
        const b = pooled(y, x);
        const [da, db] = [euclideanSquaredDistance(a.z, a.d), euclideanSquaredDistance(b.z, b.d)];
        const sigma = medianHeuristicBandwidth(a.n, da);
        expect(medianHeuristicBandwidth(b.n, db)).toBeCloseTo(sigma, 12);
        const ka = rbfKernelMatrix(a.n, da, sigma);
        const kb = rbfKernelMatrix(b.n, db, sigma);
        expect(unbiasedMmd2(ka, kernelSums(ka, a.n), lastRows(a.n, 6))).toBeCloseTo(
          unbiasedMmd2(kb, kernelSums(kb, b.n), lastRows(b.n, 8)),
          12,
        );
      }),
      { numRuns: 40 },
    );
    const mean =
      Array.from({ length: 200 }, (_, t) => test(sample(15, 5000 + 2 * t), sample(15, 5001 + 2 * t), 1, t).mmd2).reduce(
        (s, v) => s + v,
        0,
      ) / 200;
    expect(Math.abs(mean)).toBeLessThan(0.01);
  });

  it('refuses unusable input naming the argument', () => {
    const line = euclideanSquaredDistance(Float64Array.from([1, 2, 3]), 1);
    expect(() => medianHeuristicBandwidth(1, line)).toThrow(/^n:/);
    expect(() => euclideanSquaredDistance(Float64Array.from([1, Number.NaN]), 1)).toThrow(/^x\[1\]/);
    expect(() => euclideanSquaredDistance(Float64Array.from([1, 2, 3]), 2)).toThrow(/^x:/);
    expect(() => rbfKernelMatrix(2, line, 0)).toThrow(/^sigma:/);
    const k = rbfKernelMatrix(3, line, 1);
    expect(() => unbiasedMmd2(k, kernelSums(k, 3), lastRows(3, 1))).toThrow(StatsInputError);
    expect(() => mmdPermutationTest(k, 3, 2, 0, lcgStream(1))).toThrow(/^permutations:/);
  });
});

describe('permutationPValue', () => {
  it('is (k + 1)/(n + 1): never 0, 1 when every permutation is as extreme', () => {
    expect(permutationPValue(0, 99)).toBe(0.01);
    expect(permutationPValue(99, 99)).toBe(1);
    expect(permutationPValue(4, 19)).toBe(0.25);
    expect(() => permutationPValue(5, 4)).toThrow(/^exceedances:/);
    expect(() => permutationPValue(0, 0)).toThrow(/^permutations:/);
  });
});
