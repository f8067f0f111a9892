import type { StatTest } from './stat-test.js';
import { andersonDarlingStatTest } from './stattests/anderson-darling.js';
import { chiSquareContingencyStatTest } from './stattests/chi-square-contingency.js';
import { chiSquareGoodnessOfFitStatTest } from './stattests/chi-square-goodness-of-fit.js';
import { cramerVonMisesStatTest } from './stattests/cramer-von-mises.js';
import { energyDistanceStatTest } from './stattests/energy-distance.js';
import { fisherExactStatTest } from './stattests/fisher-exact.js';
import { gTestStatTest } from './stattests/g-test.js';
import { hellingerStatTest } from './stattests/hellinger.js';
import { jensenShannonStatTest } from './stattests/jensen-shannon.js';
import { klDivergenceStatTest } from './stattests/kl-divergence.js';
import { ksStatTest } from './stattests/ks.js';
import { mannWhitneyStatTest } from './stattests/mann-whitney.js';
import { psiStatTest } from './stattests/psi.js';
import { totalVariationStatTest } from './stattests/total-variation.js';
import { wassersteinNormedStatTest } from './stattests/wasserstein-normed.js';
import { welchTStatTest } from './stattests/welch-t.js';
import { zProportionsStatTest } from './stattests/z-proportions.js';

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
