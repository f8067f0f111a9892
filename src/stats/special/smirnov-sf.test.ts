import { describe, expect, it } from 'vitest';
import { expectClose, loadOracle, P_VALUE_TOLERANCE } from '../../../tests/support/oracle/oracle.js';
import { smirnovSf, twoProductError } from './smirnov-sf.js';

const oracle = loadOracle<{ n: number; d: number[] }, { values: number[] }>('kolmogorov_distribution');

describe('smirnovSf vs scipy.special.smirnov', () => {
  it.each(oracle.cases.filter((c) => c.id.startsWith('smirnov')).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    c.inputs.d.forEach((d, i) => {
      expectClose(
        smirnovSf(c.inputs.n, d),
        c.expected.values[i],
        P_VALUE_TOLERANCE.relative,
        P_VALUE_TOLERANCE.absolute,
        `${c.call} at n=${c.inputs.n}, d=${d}`,
      );
    });
  });
});

describe('twoProductError', () => {
  it('recovers the exact rounding error of a product', () => {
    // 0.1 * 3 = 0.30000000000000004 in doubles; exact product of the doubles is 0.3000000000000000166533453693773…
    const product = 0.1 * 3;
    expect(twoProductError(0.1, 3, product)).toBe(-2.7755575615628914e-17);
    expect(twoProductError(2 ** 30 + 1, 2 ** 30 + 1, (2 ** 30 + 1) * (2 ** 30 + 1))).toBe(1);
  });
});
