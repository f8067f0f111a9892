// Evaluation of src/models: re-exports only.
export {
  pairedBootstrap,
  percentileOfSorted,
  type BootstrapOptions,
  type ConfidenceInterval,
  type PairedBootstrapResult,
} from './bootstrap-interval.js';
export {
  compareChampionChallenger,
  DEFAULT_COMPARISON_RULE,
  type ChampionChallengerInput,
  type ComparisonCheck,
  type ComparisonDecision,
  type ComparisonRule,
  type ResolvedComparisonRule,
  type SignificanceResult,
} from './champion-challenger.js';
export {
  COMPARISON_METRICS,
  comparisonMetric,
  type ComparisonMetric,
  type ComparisonMetricName,
} from './comparison-metrics.js';
export { delongTest, type DelongResult } from './delong-test.js';
export { mcnemarTest, type McnemarOptions, type McnemarResult } from './mcnemar-test.js';
export { midranks } from './midranks.js';
export { createSeededRandom, type RandomSource } from './seeded-random.js';
export { selectRows } from './select-rows.js';
export {
  explicitSplit,
  timeOrderedSplit,
  type DataSplit,
  type TimeOrderedSplitOptions,
} from './time-ordered-split.js';
