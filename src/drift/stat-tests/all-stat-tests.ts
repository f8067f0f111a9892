import { andersonDarlingStatTest } from './anderson-darling.js';
import { chiSquareContingencyStatTest } from './chi-square-contingency.js';
import { chiSquareGoodnessOfFitStatTest } from './chi-square-goodness-of-fit.js';
import { cramerVonMisesStatTest } from './cramer-von-mises.js';
import { energyDistanceStatTest } from './energy-distance.js';
import { fisherExactStatTest } from './fisher-exact.js';
import { gTestStatTest } from './g-test.js';
import { hellingerStatTest } from './hellinger.js';
import { jensenShannonStatTest } from './jensen-shannon.js';
import { klDivergenceStatTest } from './kl-divergence.js';
import { ksStatTest } from './ks.js';
import { mannWhitneyStatTest } from './mann-whitney.js';
import { psiStatTest } from './psi.js';
import type { StatTest } from './stat-test.js';
import { totalVariationStatTest } from './total-variation.js';
import { wassersteinNormedStatTest } from './wasserstein-normed.js';
import { welchTStatTest } from './welch-t.js';
import { zProportionsStatTest } from './z-proportions.js';

/** Every drift test, by name. The explicit list is the registry: a test exists when it is listed here. */
export const STAT_TESTS: readonly StatTest[] = [
  ksStatTest,
  chiSquareGoodnessOfFitStatTest,
  chiSquareContingencyStatTest,
  gTestStatTest,
  zProportionsStatTest,
  fisherExactStatTest,
  wassersteinNormedStatTest,
  jensenShannonStatTest,
  psiStatTest,
  klDivergenceStatTest,
  hellingerStatTest,
  totalVariationStatTest,
  energyDistanceStatTest,
  cramerVonMisesStatTest,
  andersonDarlingStatTest,
  mannWhitneyStatTest,
  welchTStatTest,
];

/** The test named `name`, or undefined. */
export function findStatTest(name: string): StatTest | undefined {
  return STAT_TESTS.find((t) => t.name === name);
}
