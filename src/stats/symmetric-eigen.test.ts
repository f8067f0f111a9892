import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle } from '../../tests/support/oracle/oracle.js';
import { buildSample, type SampleRecipe } from '../../tests/support/oracle/recipes.js';
import { StatsInputError } from './stats-input-error.js';
import { symmetricEigen } from './symmetric-eigen.js';

type MatrixInput = number[][] | { n: number; shift: number; recipe: SampleRecipe };
const fixture = loadOracle<
  { matrix: MatrixInput; n: number },
  { values: number[]; vectors: number[]; distinct: boolean }
>('symmetric_eigen');

/** The generator's A = (B + Bᵀ) / 2 + shift · I, elementwise (bit-identical to numpy). */
function matrixOf(input: MatrixInput, n: number): Float64Array {
  if (Array.isArray(input)) return Float64Array.from(input.flat());
  const b = buildSample(input.recipe);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) a[i * n + j] = (b[i * n + j] + b[j * n + i]) / 2 + (i === j ? input.shift : 0);
  return a;
}

/** max |A·v − λ·v| over all pairs, and max |VᵀV − I|. */
function residuals(
  a: Float64Array,
  n: number,
  values: Float64Array,
  vectors: Float64Array,
): { eigen: number; orthogonality: number } {
  let eigen = 0;
  let orthogonality = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let j = 0; j < n; j++) av += a[i * n + j] * vectors[j * n + k];
      eigen = Math.max(eigen, Math.abs(av - values[k] * vectors[i * n + k]));
    }
    for (let l = 0; l < n; l++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += vectors[i * n + k] * vectors[i * n + l];
      orthogonality = Math.max(orthogonality, Math.abs(dot - (k === l ? 1 : 0)));
    }
  }
  return { eigen, orthogonality };
}

describe(`symmetricEigen vs numpy (${fixture.generator})`, () => {
  it('has cases', () => expect(fixture.cases.length).toBeGreaterThanOrEqual(10));
  for (const c of fixture.cases) {
    it(`${c.id}: ${c.call}`, () => {
      const n = c.inputs.n;
      const a = matrixOf(c.inputs.matrix, n);
      const { values, vectors } = symmetricEigen(a, n);
      const scale = Math.max(1, ...c.expected.values.map(Math.abs));
      c.expected.values.forEach((v, k) => expectClose(values[k], v, 0, 1e-12 * scale, `${c.id} value ${k}`));
      // eigenvectors are unique (up to the sign convention) only for distinct eigenvalues; stored for small matrices
      c.expected.vectors.forEach((v, i) => expectClose(vectors[i], v, 0, 1e-9, `${c.id} vector entry ${i}`));
      const r = residuals(a, n, values, vectors);
      expect(r.eigen).toBeLessThan(1e-11 * scale);
      expect(r.orthogonality).toBeLessThan(1e-12 * n);
    });
  }
});

describe('symmetricEigen properties', () => {
  const symmetric = fc.integer({ min: 1, max: 9 }).chain((n) =>
    fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n * n, maxLength: n * n }).map((b) => {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (b[i * n + j] + b[j * n + i]) / 2;
      return { n, a };
    }),
  );

  it('A·v = λ·v, V orthonormal, eigenvalues descending with the trace preserved; the input is not modified', () => {
    fc.assert(
      fc.property(symmetric, ({ n, a }) => {
        const before = Float64Array.from(a);
        const { values, vectors } = symmetricEigen(a, n);
        expect(a).toEqual(before);
        const scale = Math.max(1, ...Array.from(a, Math.abs));
        const r = residuals(a, n, values, vectors);
        expect(r.eigen).toBeLessThan(1e-10 * scale * n);
        expect(r.orthogonality).toBeLessThan(1e-12 * n);
        for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
        let trace = 0;
        for (let i = 0; i < n; i++) trace += a[i * n + i];
        expect(Math.abs(values.reduce((s, v) => s + v, 0) - trace)).toBeLessThan(1e-10 * scale * n);
      }),
      { numRuns: 80 },
    );
  });

  it('rejects a non-square, non-symmetric or non-finite matrix naming the argument', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(StatsInputError);
    expect(() => symmetricEigen([1, 2, 3, 4], 2)).toThrow(/must be symmetric/);
    expect(() => symmetricEigen([1, Number.NaN, Number.NaN, 1], 2)).toThrow(/^matrix\[1\]/);
    expect(() => symmetricEigen([], 0)).toThrow(/^n:/);
  });
});
