import type { DriftReport, MultivariateOptionsInput } from '../../drift/index.js';
import type { MonitoredModelDefinition } from '../config/monitored-model-definition.js';

type MultivariateSettings = NonNullable<NonNullable<MonitoredModelDefinition['drift']>['multivariate']>;

/** Whether a window runs the multivariate test, with the detector options and the cadence state it records. */
export interface MultivariatePlan {
  readonly due: boolean;
  readonly options: MultivariateOptionsInput;
  readonly everyWindows: number;
  readonly windowsSinceDue: number;
  /** The verdict of the latest run before this window (carried forward), null when none. */
  readonly lastDrifted: boolean | null;
}

/**
 * The multivariate plan of the next window from the model's `drift.multivariate` settings and the previous report
 * (stateless: the cadence lives in the stored reports, so any replica continues it). Null when the test is off. Due
 * on the first window, then on every `everyWindows`-th (default 1: every window); a changed `everyWindows` restarts
 * the count.
 */
export function planMultivariate(
  settings: MultivariateSettings | undefined,
  previous: DriftReport | null,
): MultivariatePlan | null {
  if (settings === undefined || settings.enabled === false) return null;
  const { enabled: _enabled, everyWindows = 1, ...options } = settings;
  const last = previous?.multivariateCadence;
  const since = last === undefined || last.everyWindows !== everyWindows ? everyWindows : last.windowsSinceDue + 1;
  const due = since >= everyWindows;
  return {
    due,
    options,
    everyWindows,
    windowsSinceDue: due ? 0 : since,
    lastDrifted: last?.lastDrifted ?? null,
  };
}

/** The cadence record of a window's report once evaluated: a run's verdict replaces the carried one. */
export function cadenceOf(
  plan: MultivariatePlan,
  report: DriftReport,
): NonNullable<DriftReport['multivariateCadence']> {
  const lastDrifted = !plan.due
    ? plan.lastDrifted
    : report.multivariate !== undefined
      ? report.multivariate.drifted
      : null;
  return { everyWindows: plan.everyWindows, windowsSinceDue: plan.windowsSinceDue, lastDrifted };
}
