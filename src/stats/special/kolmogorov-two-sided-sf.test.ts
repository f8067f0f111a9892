import { describe, it } from 'vitest';
import { expectClose, loadOracle, P_VALUE_TOLERANCE } from '../../../tests/support/oracle/oracle.js';
import { kolmogorovTwoSidedSf } from './kolmogorov-two-sided-sf.js';

const oracle = loadOracle<{ n: number; d: number[] }, { values: number[] }>('kolmogorov_distribution');

describe('kolmogorovTwoSidedSf vs scipy.stats.kstwo.sf', () => {
  it.each(oracle.cases.filter((c) => c.id.startsWith('kstwo-sf')).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    c.inputs.d.forEach((d, i) => {
      expectClose(
        kolmogorovTwoSidedSf(c.inputs.n, d),
        c.expected.values[i],
        P_VALUE_TOLERANCE.relative,
        P_VALUE_TOLERANCE.absolute,
        `${c.call} at n=${c.inputs.n}, d=${d}`,
      );
    });
  });
});
