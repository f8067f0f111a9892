import type { DemoApi } from './demo-api.js';

/** A retraining job as the API and the `retraining` events carry it (only the fields the demo prints). */
interface JobView {
  readonly id: string;
  readonly status: string;
  readonly deferral?: { readonly reason: string };
  readonly data?: { readonly trainRows?: number; readonly validationRows?: number; readonly testRows?: number };
  readonly metrics?: {
    readonly challenger?: { readonly test?: Record<string, number | null> };
    readonly champion?: { readonly test?: Record<string, number | null> } | null;
  };
  readonly decision?: { readonly promote: boolean; readonly reason: string };
  readonly tracking?: { readonly runId?: string; readonly registeredVersion?: string };
  readonly error?: string;
  readonly steps?: readonly { readonly status: string; readonly message: string }[];
}

/** What the service has told the demo so far (from its events and API, never assumed by the script). */
export interface StageState {
  severity: string;
  driftShare: number;
  mediumSeen: boolean;
  highSeen: boolean;
  retrainingEvents: number;
  deferralReason: string | null;
  finished: 'promoted' | 'rejected' | 'failed' | null;
  promotedVersion: string | null;
  alertsResolved: boolean;
}

const fmt = (x: number | null | undefined, digits = 3) =>
  typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : 'n/a';

/**
 * The service's own words for the job's current step, when its last step is that status: ` <message>` when the
 * message starts with the status ("training a gbdt challenger …"), else ` — <message>`.
 */
function stepMessage(job: JobView): string | undefined {
  const step = job.steps?.at(-1);
  if (step === undefined || step.status !== job.status || step.message === '') return undefined;
  return step.message.startsWith(`${job.status} `) ? step.message.slice(job.status.length) : ` — ${step.message}`;
}

/** The line a job's new status deserves, or null when it is not worth one (queued, repeated deferral …). */
export function jobLine(job: JobView): string | null {
  switch (job.status) {
    case 'deferred':
      return `retraining deferred: ${job.deferral?.reason ?? 'not enough labelled data'}`;
    case 'training':
      return `retraining: training${stepMessage(job) ?? (job.data?.trainRows === undefined ? '' : ` a challenger on ${job.data.trainRows.toLocaleString('en-US')} recent labelled rows`)}`;
    case 'evaluating':
      return `retraining: evaluating${stepMessage(job) ?? ' challenger vs champion on the same test rows'}`;
    case 'tracking':
      return 'retraining: tracking the run and registering the challenger version';
    case 'promoted': {
      const challenger = job.metrics?.challenger?.test;
      const champion = job.metrics?.champion?.test;
      const run = job.tracking?.runId === undefined ? '' : `, run ${job.tracking.runId}`;
      const why =
        challenger === undefined
          ? (job.decision?.reason ?? 'the challenger beats the champion')
          : `test accuracy ${fmt(champion?.accuracy)} → ${fmt(challenger.accuracy)}, ROC AUC ${fmt(champion?.rocAuc)} → ${fmt(challenger.rocAuc)}`;
      return `retraining: promoted version ${job.tracking?.registeredVersion ?? '?'} (${why}${run})`;
    }
    case 'rejected':
      return `retraining: rejected (${job.decision?.reason ?? 'the challenger did not beat the champion'})`;
    case 'failed':
      return `retraining: failed (${job.error ?? 'unknown error'})`;
    default:
      return null;
  }
}

/**
 * Turns the service's Server-Sent Events into one line per stage: drift severity rising to medium / high (with the
 * drifted features from the stored report), each retraining job's steps, and "alerts resolved" once every alert of
 * the model is resolved after a promotion. Handlers run one at a time, in arrival order.
 */
export function createStageTracker(deps: { api: DemoApi; model: string; print: (line: string) => void }) {
  const { api, model, print } = deps;
  const state: StageState = {
    severity: 'none',
    driftShare: 0,
    mediumSeen: false,
    highSeen: false,
    retrainingEvents: 0,
    deferralReason: null,
    finished: null,
    promotedVersion: null,
    alertsResolved: false,
  };
  const printed = new Set<string>();
  let queue: Promise<void> = Promise.resolve();
  const waiters: (() => void)[] = [];

  async function driftLine(severity: string, share: number): Promise<string> {
    const latest = await api.call<{
      report: { features?: { name: string; drifted: boolean }[]; testedFeatureCount?: number };
    }>('GET', `/v1/models/${model}/drift-reports/latest`);
    const features = latest.report.features ?? [];
    const drifted = features.filter((f) => f.drifted).map((f) => f.name);
    return `drift: ${severity} — ${drifted.length} of ${latest.report.testedFeatureCount ?? features.length} features drifted (${drifted.join(', ')}), share ${share.toFixed(2)}`;
  }

  async function checkAlertsResolved(): Promise<void> {
    if (state.alertsResolved || state.finished !== 'promoted') return;
    const alerts = await api.call<{ items: { kind: string; status: string; peakSeverity?: string }[] }>(
      'GET',
      `/v1/alerts?model=${model}&limit=1000`,
    );
    if (alerts.items.length === 0 || alerts.items.some((a) => a.status !== 'resolved')) return;
    state.alertsResolved = true;
    const kinds = [...new Set(alerts.items.map((a) => a.kind.replace('_', ' ')))].join(', ');
    const n = alerts.items.length;
    print(
      `alerts resolved — ${n} alert${n === 1 ? '' : 's'} (${kinds}) resolved after version ${state.promotedVersion} took over`,
    );
  }

  async function handle(type: string, payload: Record<string, unknown>): Promise<void> {
    const data = (payload.data ?? payload) as Record<string, unknown>;
    if (type === 'drift_report') {
      const severity = String(data.severity);
      state.severity = severity;
      state.driftShare = Number(data.driftShare);
      if (severity === 'medium' && !state.mediumSeen && !state.highSeen) {
        state.mediumSeen = true;
        print(await driftLine(severity, state.driftShare));
      }
      if (severity === 'high' && !state.highSeen) {
        state.highSeen = true;
        print(await driftLine(severity, state.driftShare));
      }
      await checkAlertsResolved();
    } else if (type === 'retraining') {
      const job = (data.job ?? payload.job) as JobView | undefined;
      if (job === undefined) return;
      state.retrainingEvents++;
      if (job.status === 'deferred') state.deferralReason = job.deferral?.reason ?? '';
      const key = `${job.id}:${job.status}`;
      const line = jobLine(job);
      if (line !== null && !printed.has(key)) {
        printed.add(key);
        print(line);
      }
      if (job.status === 'promoted' || job.status === 'rejected' || job.status === 'failed') {
        state.finished = job.status;
        if (job.status === 'promoted') state.promotedVersion = job.tracking?.registeredVersion ?? '?';
        await checkAlertsResolved();
      }
    } else if (type === 'alert') {
      await checkAlertsResolved();
    }
  }

  return {
    state,
    onEvent(type: string, payload: unknown): void {
      queue = queue
        .then(() => handle(type, (payload ?? {}) as Record<string, unknown>))
        .catch((error: unknown) =>
          process.stderr.write(`demo: reading the ${type} event failed: ${(error as Error).message}\n`),
        )
        .then(() => {
          for (const wake of waiters.splice(0)) wake();
        });
    },
    /** Resolves after the next handled event (or the timeout), so callers can re-check the state. */
    nextEvent(timeoutMs: number): Promise<void> {
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    /** Waits until every queued event has been handled. */
    settled: () => queue,
    checkAlertsResolved: () => {
      queue = queue.then(checkAlertsResolved);
      return queue;
    },
  };
}

export type StageTracker = ReturnType<typeof createStageTracker>;
