/**
 * The retraining policy of one monitored model: when retraining is triggered, whether enough labelled data exists,
 * which guards hold it back, and the promotion rule. Pure: the caller passes the windows, counts and clock readings.
 * Every default is documented in docs/retraining.md.
 */
import { SchemaError } from './schema-error.js';
import type { Severity } from './severity.js';

/** The promotion rule (see compareChampionChallenger in src/models/evaluation). */
export interface PromotionRule {
  /**
   * Metric compared on the shared test set (default `logLoss`: a proper scoring rule that sees a shifted decision
   * boundary or a miscalibrated model, which ROC AUC, a ranking measure, does not).
   */
  readonly metric: 'rocAuc' | 'prAuc' | 'accuracy' | 'precision' | 'recall' | 'f1' | 'logLoss' | 'brier';
  /** Required improvement of the challenger over the champion, in the metric's units (default 0: at least as good). */
  readonly margin: number;
  /** Significance level of the "not significantly worse" check (default 0.05). */
  readonly alpha: number;
  /** Also require a significant improvement (default false). */
  readonly requireSignificantImprovement: boolean;
}

export interface RetrainingPolicy {
  /** Retraining is automatic (drift and schedule triggers); manual triggers work either way (default true). */
  readonly enabled: boolean;
  /** Consecutive `high` windows (data drift `high` or performance drift) that fire the drift trigger (default 2). */
  readonly persistWindows: number;
  /** Performance drift (labels) counts as `high` (default true). */
  readonly triggerOnPerformanceDrift: boolean;
  /** Data drift severity `high` counts (default true). */
  readonly triggerOnDataDrift: boolean;
  /** A window whose multivariate test (drift.multivariate) says drift counts as `high` (default false). */
  readonly triggerOnMultivariateDrift: boolean;
  /** Retrain on a schedule every this many ms since the last training (default null: no schedule). */
  readonly scheduleEveryMs: number | null;
  /** Labelled rows needed in the training horizon (default 1,000). */
  readonly minLabeledRows: number;
  /** Labelled rows needed of each class (default 50). */
  readonly minPerClass: number;
  /** The most recent labelled rows used to train, at most (default 5,000). */
  readonly horizonRows: number;
  /**
   * Rows a drift-triggered job trains on. `since-drift`: the rows since the drift began (at least `minLabeledRows`,
   * at most `horizonRows`), so the challenger learns the new concept rather than a mix of old and new; `horizon`:
   * the last `horizonRows` rows; `best` (default): one challenger on each and the better one on the newest rows
   * (a test block neither trained on) goes on to the promotion rule. Manual and scheduled jobs use `horizonRows`.
   */
  readonly trainOn: 'best' | 'since-drift' | 'horizon';
  /** Rows sampled from the champion's reference mixed into the training rows (default 0: recent rows only). */
  readonly referenceSampleRows: number;
  /** No automatic retraining sooner than this after the previous one finished (default 0; manual triggers ignore it). */
  readonly cooldownMs: number;
  /**
   * No automatic retraining before this many monitoring windows were evaluated since the previous one finished
   * (default 3; manual triggers ignore it). Independent of the window length, so a backtest tunes it for live use.
   */
  readonly cooldownWindows: number;
  /** A job still training / evaluating / tracking after this long fails as out of time (default 15 min). */
  readonly maxTrainingMs: number;
  readonly promotion: PromotionRule;
}

export const DEFAULT_PROMOTION_RULE: PromotionRule = {
  metric: 'logLoss',
  margin: 0,
  alpha: 0.05,
  requireSignificantImprovement: false,
};

export const DEFAULT_RETRAINING_POLICY: RetrainingPolicy = {
  enabled: true,
  persistWindows: 2,
  triggerOnPerformanceDrift: true,
  triggerOnDataDrift: true,
  triggerOnMultivariateDrift: false,
  scheduleEveryMs: null,
  minLabeledRows: 1000,
  minPerClass: 50,
  horizonRows: 5000,
  trainOn: 'best',
  referenceSampleRows: 0,
  cooldownMs: 0,
  cooldownWindows: 3,
  maxTrainingMs: 15 * 60_000,
  promotion: DEFAULT_PROMOTION_RULE,
};

/** Overrides as given in a config file (every field optional, `promotion` merged field by field). */
export type RetrainingPolicyOverrides = Partial<Omit<RetrainingPolicy, 'promotion'>> & {
  readonly promotion?: Partial<PromotionRule>;
};

const PROMOTION_METRICS: readonly PromotionRule['metric'][] = [
  'rocAuc',
  'prAuc',
  'accuracy',
  'precision',
  'recall',
  'f1',
  'logLoss',
  'brier',
];

function requireInteger(value: unknown, field: string, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new SchemaError(field, `must be an integer ≥ ${min}, got ${String(value)}`);
}

function requireNumber(value: unknown, field: string, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
    throw new SchemaError(field, `must be a number ≥ ${min}, got ${String(value)}`);
}

function requireBoolean(value: unknown, field: string): void {
  if (typeof value !== 'boolean') throw new SchemaError(field, `must be true or false, got ${String(value)}`);
}

/** Merges overrides over the defaults and validates every field; a bad one → SchemaError naming `retraining.<field>`. */
export function createRetrainingPolicy(
  overrides: RetrainingPolicyOverrides = {},
  field = 'retraining',
): RetrainingPolicy {
  if (overrides === null || typeof overrides !== 'object') throw new SchemaError(field, 'must be an object');
  const known = new Set(Object.keys(DEFAULT_RETRAINING_POLICY));
  for (const key of Object.keys(overrides)) {
    if (!known.has(key)) throw new SchemaError(`${field}.${key}`, `unknown setting; valid: ${[...known].join(', ')}`);
  }
  const promotion = { ...DEFAULT_PROMOTION_RULE, ...overrides.promotion };
  const policy: RetrainingPolicy = { ...DEFAULT_RETRAINING_POLICY, ...overrides, promotion };
  requireBoolean(policy.enabled, `${field}.enabled`);
  requireInteger(policy.persistWindows, `${field}.persistWindows`, 1);
  requireBoolean(policy.triggerOnPerformanceDrift, `${field}.triggerOnPerformanceDrift`);
  requireBoolean(policy.triggerOnDataDrift, `${field}.triggerOnDataDrift`);
  requireBoolean(policy.triggerOnMultivariateDrift, `${field}.triggerOnMultivariateDrift`);
  if (policy.scheduleEveryMs !== null) requireNumber(policy.scheduleEveryMs, `${field}.scheduleEveryMs`, 1);
  requireInteger(policy.minLabeledRows, `${field}.minLabeledRows`, 1);
  requireInteger(policy.minPerClass, `${field}.minPerClass`, 0);
  requireInteger(policy.horizonRows, `${field}.horizonRows`, 1);
  if (!['best', 'since-drift', 'horizon'].includes(policy.trainOn)) {
    throw new SchemaError(
      `${field}.trainOn`,
      `must be "best", "since-drift" or "horizon", got ${JSON.stringify(policy.trainOn)}`,
    );
  }
  requireInteger(policy.referenceSampleRows, `${field}.referenceSampleRows`, 0);
  requireNumber(policy.cooldownMs, `${field}.cooldownMs`, 0);
  requireInteger(policy.cooldownWindows, `${field}.cooldownWindows`, 0);
  requireNumber(policy.maxTrainingMs, `${field}.maxTrainingMs`, 1);
  if (policy.horizonRows < policy.minLabeledRows) {
    throw new SchemaError(
      `${field}.horizonRows`,
      `must be ≥ minLabeledRows (${policy.minLabeledRows}), got ${policy.horizonRows}`,
    );
  }
  if (!PROMOTION_METRICS.includes(promotion.metric)) {
    throw new SchemaError(
      `${field}.promotion.metric`,
      `must be one of ${PROMOTION_METRICS.join(', ')}, got ${String(promotion.metric)}`,
    );
  }
  if (typeof promotion.margin !== 'number' || !Number.isFinite(promotion.margin)) {
    throw new SchemaError(`${field}.promotion.margin`, `must be a finite number, got ${String(promotion.margin)}`);
  }
  if (typeof promotion.alpha !== 'number' || !(promotion.alpha > 0 && promotion.alpha < 1)) {
    throw new SchemaError(`${field}.promotion.alpha`, `must be in (0, 1), got ${String(promotion.alpha)}`);
  }
  requireBoolean(promotion.requireSignificantImprovement, `${field}.promotion.requireSignificantImprovement`);
  return policy;
}

// ---------------------------------------------------------------------------------------------------------------
// Triggers

/** What one monitoring window said, oldest first in the lists given to {@link decideTrigger}. */
export interface WindowSignal {
  /** Data-drift severity of the window (as graded by the drift engine). */
  readonly severity: Severity;
  /** The window's performance drift verdict (false when no labels). */
  readonly performanceDrifted: boolean;
  readonly driftShare: number;
  readonly driftReportId?: number;
  /** The latest multivariate verdict at this window (carried over windows the test skips); absent = no drift. */
  readonly multivariateDrifted?: boolean;
  /**
   * Impact-aware grading (src/domain/performance-impact.ts): false when the window's data drift had no measurable
   * impact on the estimated performance and impact awareness is on — its data drift does not count on its own.
   * Absent = true (windows graded without an estimate).
   */
  readonly dataDriftTriggers?: boolean;
  /** The performance estimated from scores dropped beyond its threshold: counts as performance drift. */
  readonly estimatedPerformanceDrop?: boolean;
}

export type TriggerKind = 'drift' | 'manual' | 'schedule';

/** The trigger of a job as stored in it (see RetrainingJob.trigger). */
export interface RetrainingTrigger {
  readonly kind: TriggerKind;
  readonly reason: string;
  readonly driftReportId?: number;
  readonly severity?: string;
  readonly driftShare?: number;
}

export type TriggerDecision =
  | { readonly fire: true; readonly trigger: RetrainingTrigger }
  | { readonly fire: false; readonly reason: string };

export interface TriggerInput {
  /** Windows evaluated since the serving model was put in place (or the last retraining), oldest first. */
  readonly windows: readonly WindowSignal[];
  readonly nowMs: number;
  /** When the serving model was last trained (or put in place); null = unknown. */
  readonly lastTrainingAtMs: number | null;
}

/** Does this window count as `high` for the policy? */
export function isHighWindow(policy: RetrainingPolicy, window: WindowSignal): boolean {
  return (
    (policy.triggerOnDataDrift && window.severity === 'high' && window.dataDriftTriggers !== false) ||
    (policy.triggerOnPerformanceDrift && (window.performanceDrifted || window.estimatedPerformanceDrop === true)) ||
    (policy.triggerOnMultivariateDrift && window.multivariateDrifted === true)
  );
}

function describeWindow(window: WindowSignal): string {
  const parts: string[] = [];
  if (window.severity === 'high' && window.dataDriftTriggers !== false)
    parts.push(`data drift high (share ${window.driftShare.toFixed(2)})`);
  if (window.performanceDrifted) parts.push('performance drift');
  else if (window.estimatedPerformanceDrop === true) parts.push('estimated performance drop');
  if (window.multivariateDrifted === true) parts.push('multivariate drift');
  return parts.join(' and ');
}

/**
 * Fires the drift trigger when the last `persistWindows` windows are all `high` (data drift `high` and/or
 * performance drift, as enabled), else the schedule when `scheduleEveryMs` elapsed since the last training.
 * Never fires when the policy is disabled (manual triggers do not go through here).
 */
export function decideTrigger(policy: RetrainingPolicy, input: TriggerInput): TriggerDecision {
  if (!policy.enabled) return { fire: false, reason: 'automatic retraining is disabled' };
  const recent = input.windows.slice(-policy.persistWindows);
  if (recent.length === policy.persistWindows && recent.every((w) => isHighWindow(policy, w))) {
    const last = recent[recent.length - 1];
    const n = policy.persistWindows;
    return {
      fire: true,
      trigger: {
        kind: 'drift',
        reason: `${describeWindow(last)} for ${n} consecutive window${n === 1 ? '' : 's'}`,
        severity: 'high',
        driftShare: last.driftShare,
        ...(last.driftReportId === undefined ? {} : { driftReportId: last.driftReportId }),
      },
    };
  }
  if (
    policy.scheduleEveryMs !== null &&
    input.lastTrainingAtMs !== null &&
    input.nowMs - input.lastTrainingAtMs >= policy.scheduleEveryMs
  ) {
    return {
      fire: true,
      trigger: {
        kind: 'schedule',
        reason: `scheduled: ${formatDuration(input.nowMs - input.lastTrainingAtMs)} since the last training`,
      },
    };
  }
  let streak = 0;
  for (let i = input.windows.length - 1; i >= 0 && isHighWindow(policy, input.windows[i]); i--) streak++;
  return { fire: false, reason: `${streak} of ${policy.persistWindows} consecutive high windows` };
}

/**
 * The training horizons (most recent labelled rows) of a job: for a drift trigger, per `trainOn`, the rows since the
 * drift began clamped to [minLabeledRows, horizonRows] and / or `horizonRows`; otherwise `[horizonRows]`.
 */
export function trainingHorizons(
  policy: RetrainingPolicy,
  triggerKind: TriggerKind,
  rowsSinceDriftBegan: number,
): number[] {
  const sinceDrift = Math.min(policy.horizonRows, Math.max(policy.minLabeledRows, rowsSinceDriftBegan));
  if (triggerKind !== 'drift' || policy.trainOn === 'horizon') return [policy.horizonRows];
  if (policy.trainOn === 'since-drift' || sinceDrift === policy.horizonRows) return [sinceDrift];
  return [sinceDrift, policy.horizonRows];
}

/**
 * How many of the newest windows (newest last) belong to the drift: when the newest window shows performance drift,
 * the trailing run of performance-drifted windows (the labels date the concept change best); otherwise the trailing
 * run of high windows.
 */
export function windowsSinceDriftBegan(policy: RetrainingPolicy, windows: readonly WindowSignal[]): number {
  const byPerformance = policy.triggerOnPerformanceDrift && windows.at(-1)?.performanceDrifted === true;
  const counts = (w: WindowSignal): boolean => (byPerformance ? w.performanceDrifted : isHighWindow(policy, w));
  let run = 0;
  while (run < windows.length && counts(windows[windows.length - 1 - run])) run++;
  return run;
}

/** Rows since the drift began: the row counts (given beside each window's signal, newest last) of those windows. */
export function rowsSinceDriftBegan(
  policy: RetrainingPolicy,
  windows: readonly WindowSignal[],
  rows: readonly number[],
): number {
  const run = windowsSinceDriftBegan(policy, windows);
  let total = 0;
  for (let i = windows.length - run; i < windows.length; i++) total += rows[i];
  return total;
}

/** A manual trigger (API or CLI); `reason` defaults to "manual". */
export function manualTrigger(reason?: string): RetrainingTrigger {
  const text = reason?.trim();
  return { kind: 'manual', reason: text === undefined || text === '' ? 'manual' : text };
}

// ---------------------------------------------------------------------------------------------------------------
// Sufficiency

/** Labelled data available in the training horizon. */
export interface LabelCounts {
  /** Labelled rows in the horizon. */
  readonly labeledRows: number;
  /** Labelled rows per class (string form of the label). */
  readonly perClass: Readonly<Record<string, number>>;
  /** Classes the model knows; a class missing from `perClass` counts 0. Default: the keys of `perClass`. */
  readonly classes?: readonly string[];
  /** Recent predictions and how many of them have a label, for the coverage figure. */
  readonly recentPredictions: number;
  readonly recentLabeled: number;
}

/** The sufficiency verdict; its fields (reason aside) are the job's `deferral` when not met. */
export interface SufficiencyResult {
  readonly met: boolean;
  /** Only the unmet parts, e.g. "412 of 1,000 labelled rows; class 1 has 17 of 50"; "" when met. */
  readonly reason: string;
  readonly labeledRows: number;
  readonly minLabeledRows: number;
  readonly perClass: Readonly<Record<string, number>>;
  readonly minPerClass: number;
  /** Share of recent predictions with a label, in [0, 1] (0 when there is no recent prediction). */
  readonly labelCoverage: number;
}

/** 12345 → "12,345" (en-US grouping, no locale dependency). */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

/** Whether the horizon holds ≥ `minLabeledRows` labelled rows and ≥ `minPerClass` of each class, with the exact reason. */
export function checkSufficiency(policy: RetrainingPolicy, counts: LabelCounts): SufficiencyResult {
  const classes = counts.classes ?? Object.keys(counts.perClass).sort();
  const perClass: Record<string, number> = {};
  for (const c of classes) perClass[c] = counts.perClass[c] ?? 0;
  for (const [c, n] of Object.entries(counts.perClass)) perClass[c] ??= n;
  const unmet: string[] = [];
  if (counts.labeledRows < policy.minLabeledRows)
    unmet.push(`${formatCount(counts.labeledRows)} of ${formatCount(policy.minLabeledRows)} labelled rows`);
  for (const c of classes) {
    if (perClass[c] < policy.minPerClass)
      unmet.push(`class ${c} has ${formatCount(perClass[c])} of ${formatCount(policy.minPerClass)}`);
  }
  const labelCoverage = counts.recentPredictions > 0 ? Math.min(1, counts.recentLabeled / counts.recentPredictions) : 0;
  return {
    met: unmet.length === 0,
    reason: unmet.join('; '),
    labeledRows: counts.labeledRows,
    minLabeledRows: policy.minLabeledRows,
    perClass,
    minPerClass: policy.minPerClass,
    labelCoverage,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Guards

export interface GuardInput {
  readonly nowMs: number;
  readonly triggerKind: TriggerKind;
  /** When the last finished retraining (promoted, rejected or failed) finished; null = never. */
  readonly lastFinishedAtMs: number | null;
  /** Whether a job of this model is queued / training / evaluating / tracking. */
  readonly jobRunning: boolean;
  /** Monitoring windows evaluated since the last retraining finished; omitted = not counted (no window cooldown). */
  readonly windowsSinceLastFinished?: number;
}

export type GuardDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly guard: 'running' | 'cooldown'; readonly reason: string };

/** At most one running job per model; automatic triggers also wait out `cooldownMs` and `cooldownWindows` (manual ones do not). */
export function checkGuards(policy: RetrainingPolicy, input: GuardInput): GuardDecision {
  if (input.jobRunning)
    return { allowed: false, guard: 'running', reason: 'a retraining job is already running for this model' };
  if (input.triggerKind !== 'manual' && input.lastFinishedAtMs !== null) {
    const elapsed = input.nowMs - input.lastFinishedAtMs;
    if (elapsed < policy.cooldownMs) {
      return {
        allowed: false,
        guard: 'cooldown',
        reason: `cooldown: ${formatDuration(elapsed)} since the last retraining, ${formatDuration(policy.cooldownMs)} required`,
      };
    }
    const windows = input.windowsSinceLastFinished;
    if (windows !== undefined && windows < policy.cooldownWindows) {
      return {
        allowed: false,
        guard: 'cooldown',
        reason: `cooldown: ${windows} window${windows === 1 ? '' : 's'} since the last retraining, ${policy.cooldownWindows} required`,
      };
    }
  }
  return { allowed: true };
}

/** What the automatic loop does after a window: nothing, hold a fired trigger (a guard's reason), or open a job. */
export type AutomaticStep =
  | { readonly kind: 'none' }
  | { readonly kind: 'held'; readonly trigger: RetrainingTrigger; readonly reason: string }
  | { readonly kind: 'open'; readonly trigger: RetrainingTrigger };

/**
 * The automatic loop's step, shared by the service runner and the backtest: the trigger (persistence or schedule),
 * then the guards of an automatic trigger (no job is running when the loop looks).
 */
export function decideAutomaticStep(
  policy: RetrainingPolicy,
  input: TriggerInput & Pick<GuardInput, 'lastFinishedAtMs' | 'windowsSinceLastFinished'>,
): AutomaticStep {
  const decision = decideTrigger(policy, input);
  if (!decision.fire) return { kind: 'none' };
  const { trigger } = decision;
  const guard = checkGuards(policy, {
    nowMs: input.nowMs,
    triggerKind: trigger.kind,
    lastFinishedAtMs: input.lastFinishedAtMs,
    jobRunning: false,
    ...(input.windowsSinceLastFinished === undefined
      ? {}
      : { windowsSinceLastFinished: input.windowsSinceLastFinished }),
  });
  return guard.allowed ? { kind: 'open', trigger } : { kind: 'held', trigger, reason: guard.reason };
}

/** Whether a job that started training at `startedAtMs` has exceeded `maxTrainingMs`. */
export function isOutOfTime(policy: RetrainingPolicy, startedAtMs: number, nowMs: number): boolean {
  return nowMs - startedAtMs > policy.maxTrainingMs;
}

/** 90_000 → "1 min 30 s"; 2 h → "2 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const parts: [number, string][] = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}`);
  return shown.length === 0 ? '0 s' : shown.join(' ');
}
