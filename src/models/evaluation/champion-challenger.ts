import {
  type BinaryClassificationMetrics,
  binaryClassificationMetrics,
} from '../metrics/binary-classification-metrics.js';
import { MetricInputError } from '../metrics/metric-input-error.js';
import { type BootstrapOptions, type PairedBootstrapResult, pairedBootstrap } from './bootstrap-interval.js';
import { type ComparisonMetricName, comparisonMetric } from './comparison-metrics.js';
import { type DelongResult, delongTest } from './delong-test.js';
import { type McnemarResult, mcnemarTest } from './mcnemar-test.js';

/** The promotion rule; every field optional with the documented default. */
export interface ComparisonRule {
  /** Metric compared (default `rocAuc`). */
  readonly metric?: ComparisonMetricName;
  /**
   * Required improvement of the challenger over the champion in the metric's own units and direction
   * (default 0: at least as good). Negative = tolerated loss.
   */
  readonly margin?: number;
  /** Significance level of the comparison test (default 0.05). */
  readonly alpha?: number;
  /** Also require the challenger to be significantly better (default false: only "not significantly worse"). */
  readonly requireSignificantImprovement?: boolean;
}

export type ResolvedComparisonRule = Required<ComparisonRule>;

export const DEFAULT_COMPARISON_RULE: ResolvedComparisonRule = {
  metric: 'rocAuc',
  margin: 0,
  alpha: 0.05,
  requireSignificantImprovement: false,
};

/** One rule check with its numbers in words. */
export interface ComparisonCheck {
  readonly name: 'margin' | 'not-significantly-worse' | 'significantly-better';
  readonly passed: boolean;
  readonly detail: string;
}

/** Which test decides significance: DeLong for ROC AUC, McNemar for accuracy, the paired bootstrap otherwise. */
export interface SignificanceResult {
  readonly test: 'delong' | 'mcnemar' | 'bootstrap';
  /** Two-sided p-value (DeLong, McNemar); null for the bootstrap (decided by its 1 − alpha interval). */
  readonly pValue: number | null;
  readonly significantlyWorse: boolean;
  readonly significantlyBetter: boolean;
}

/** The decision object: what was decided, why, and every number behind it. */
export interface ComparisonDecision {
  readonly decision: 'promote' | 'reject';
  /** Failed checks when rejected; all checks when promoted. */
  readonly reasons: readonly string[];
  readonly checks: readonly ComparisonCheck[];
  readonly rule: ResolvedComparisonRule;
  readonly higherIsBetter: boolean;
  readonly championValue: number;
  readonly challengerValue: number;
  /** Challenger minus champion, signed so that positive = better. */
  readonly improvement: number;
  readonly significance: SignificanceResult;
  readonly champion: BinaryClassificationMetrics;
  readonly challenger: BinaryClassificationMetrics;
  /** null when fewer than 2 labels of a class make the test undefined. */
  readonly delong: DelongResult | null;
  readonly mcnemar: McnemarResult;
  /** Paired bootstrap of the rule's metric at level 1 − alpha. */
  readonly bootstrap: PairedBootstrapResult;
}

/** Champion and challenger probabilities on the SAME labelled test rows. */
export interface ChampionChallengerInput {
  readonly yTrue: ArrayLike<number>;
  readonly championScores: ArrayLike<number>;
  readonly challengerScores: ArrayLike<number>;
  readonly rule?: ComparisonRule;
  /** Bootstrap resamples and seed (confidence level is 1 − alpha). */
  readonly bootstrap?: Omit<BootstrapOptions, 'confidenceLevel'>;
}

function resolveRule(rule: ComparisonRule): ResolvedComparisonRule {
  const resolved = { ...DEFAULT_COMPARISON_RULE, ...rule };
  comparisonMetric(resolved.metric);
  if (!Number.isFinite(resolved.margin))
    throw new MetricInputError('margin', `must be a finite number, got ${resolved.margin}`);
  if (!(resolved.alpha > 0 && resolved.alpha < 1))
    throw new MetricInputError('alpha', `must be in (0, 1), got ${resolved.alpha}`);
  return resolved;
}

const format = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4));
const signed = (x: number): string => (x >= 0 ? `+${format(x)}` : format(x));

function significance(
  rule: ResolvedComparisonRule,
  higherIsBetter: boolean,
  delong: DelongResult | null,
  mcnemar: McnemarResult,
  bootstrap: PairedBootstrapResult,
): SignificanceResult {
  const better = (difference: number): boolean => (higherIsBetter ? difference > 0 : difference < 0);
  if (rule.metric === 'rocAuc' && delong !== null) {
    const significant = delong.pValue < rule.alpha;
    return {
      test: 'delong',
      pValue: delong.pValue,
      significantlyWorse: significant && !better(delong.difference) && delong.difference !== 0,
      significantlyBetter: significant && better(delong.difference),
    };
  }
  if (rule.metric === 'accuracy') {
    const difference = mcnemar.onlyBCorrect - mcnemar.onlyACorrect;
    const significant = mcnemar.pValue < rule.alpha;
    return {
      test: 'mcnemar',
      pValue: mcnemar.pValue,
      significantlyWorse: significant && difference < 0,
      significantlyBetter: significant && difference > 0,
    };
  }
  const { lower, upper } = bootstrap.difference;
  return {
    test: 'bootstrap',
    pValue: null,
    significantlyWorse: higherIsBetter ? upper < 0 : lower > 0,
    significantlyBetter: higherIsBetter ? lower > 0 : upper < 0,
  };
}

function significanceDetail(
  s: SignificanceResult,
  rule: ResolvedComparisonRule,
  r: ComparisonDecision['delong'],
  m: McnemarResult,
  b: PairedBootstrapResult,
): string {
  if (s.test === 'delong' && r !== null)
    return `DeLong z = ${r.z === null ? 'undefined (zero variance)' : format(r.z)}, p = ${format(s.pValue as number)}, alpha ${rule.alpha}`;
  if (s.test === 'mcnemar')
    return `McNemar (${m.method}) b = ${m.onlyACorrect}, c = ${m.onlyBCorrect}, p = ${format(m.pValue)}, alpha ${rule.alpha}`;
  return `bootstrap ${format(100 * b.confidenceLevel)}% interval of the difference [${format(b.difference.lower)}, ${format(b.difference.upper)}] (${b.resamples} resamples, seed ${b.seed})`;
}

/**
 * Champion vs challenger on the same test rows, by a configurable rule: promote iff
 * (1) the challenger's metric beats the champion's by at least `margin` (≥; direction-aware, so for log loss
 * "beats" means lower), (2) it is not significantly worse at level `alpha` — DeLong test for `rocAuc`, McNemar
 * for `accuracy`, the paired bootstrap's (1 − alpha) interval of the difference for every other metric — and,
 * when `requireSignificantImprovement`, (3) significantly better by the same test. Defaults: rocAuc, margin 0,
 * alpha 0.05. DeLong, McNemar and the bootstrap are always reported.
 */
export function compareChampionChallenger(input: ChampionChallengerInput): ComparisonDecision {
  const rule = resolveRule(input.rule ?? {});
  const metric = comparisonMetric(rule.metric);
  const { yTrue, championScores, challengerScores } = input;
  const champion = binaryClassificationMetrics(yTrue, championScores);
  const challenger = binaryClassificationMetrics(yTrue, challengerScores);
  const enoughForDelong = champion.positives >= 2 && champion.rows - champion.positives >= 2;
  const delong = enoughForDelong ? delongTest(yTrue, championScores, challengerScores) : null;
  const mcnemar = mcnemarTest(yTrue, championScores, challengerScores);
  const bootstrap = pairedBootstrap(yTrue, championScores, challengerScores, metric, {
    ...input.bootstrap,
    confidenceLevel: 1 - rule.alpha,
  });
  const championValue = bootstrap.a.estimate;
  const challengerValue = bootstrap.b.estimate;
  const improvement = metric.higherIsBetter ? challengerValue - championValue : championValue - challengerValue;
  const s = significance(rule, metric.higherIsBetter, delong, mcnemar, bootstrap);
  const detail = significanceDetail(s, rule, delong, mcnemar, bootstrap);
  const checks: ComparisonCheck[] = [
    {
      name: 'margin',
      passed: improvement >= rule.margin,
      detail: `${rule.metric}: challenger ${format(challengerValue)} vs champion ${format(championValue)} (improvement ${signed(improvement)}, required ${signed(rule.margin)})`,
    },
    {
      name: 'not-significantly-worse',
      passed: !s.significantlyWorse,
      detail: `challenger ${s.significantlyWorse ? 'is' : 'is not'} significantly worse: ${detail}`,
    },
  ];
  if (rule.requireSignificantImprovement) {
    checks.push({
      name: 'significantly-better',
      passed: s.significantlyBetter,
      detail: `challenger ${s.significantlyBetter ? 'is' : 'is not'} significantly better: ${detail}`,
    });
  }
  const promote = checks.every((c) => c.passed);
  return {
    decision: promote ? 'promote' : 'reject',
    reasons: checks.filter((c) => promote || !c.passed).map((c) => c.detail),
    checks,
    rule,
    higherIsBetter: metric.higherIsBetter,
    championValue,
    challengerValue,
    improvement,
    significance: s,
    champion,
    challenger,
    delong,
    mcnemar,
    bootstrap,
  };
}
