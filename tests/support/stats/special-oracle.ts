import { describe, it } from 'vitest';
import { expectClose, loadOracle } from '../oracle/oracle.js';

interface SpecialInputs {
  fn: string;
  args: number[];
}
interface SpecialExpected {
  value: number;
  relative: number;
  note?: string;
}

/** Runs every case of tests/oracle/fixtures/special.json whose `fn` is a key of `functions`. */
export function describeSpecialOracle(title: string, functions: Record<string, (...args: number[]) => number>): void {
  const fixture = loadOracle<SpecialInputs, SpecialExpected>('special');
  describe(`${title} vs scipy (${fixture.generator}, scipy ${fixture.versions.scipy})`, () => {
    const cases = fixture.cases.filter((c) => c.inputs.fn in functions);
    it('has cases', () => {
      if (cases.length === 0) throw new Error(`no oracle cases for ${Object.keys(functions).join(', ')}`);
    });
    for (const c of cases) {
      it(`${c.call}${c.expected.note ? ' (looser: scipy kernel)' : ''}`, () => {
        const actual = functions[c.inputs.fn](...c.inputs.args);
        expectClose(actual, c.expected.value, c.expected.relative, 1e-300, c.id);
      });
    }
  });
}
