import { loadOracle, type OracleCase } from '../oracle/oracle.js';

/** Cases of tests/oracle/fixtures/categorical.json (tests/oracle/gen_categorical.py) for one function. */
export function categoricalCases<I, E>(
  test: string,
): { generator: string; cases: OracleCase<I & { test: string }, E>[] } {
  const fixture = loadOracle<I & { test: string }, E>('categorical');
  const cases = fixture.cases.filter((c) => c.inputs.test === test);
  if (cases.length === 0) throw new Error(`no oracle cases for ${test}`);
  return { generator: fixture.generator, cases };
}
