import type { Clock } from '../../ports/clock.js';
import type { LeaseRepository, PredictionLog, ReferenceProfileRepository } from '../../ports/store.js';
import { championReferenceSource, needsChampionReference } from '../champion/champion-reference.js';
import type { MonitoredModels } from '../monitored-models.js';
import type { ServingModels } from '../serving/serving-models.js';
import { DEFAULT_EVALUATE_EVERY_SECONDS, DEFAULT_WINDOW, type DriftMonitoring } from './drift-monitoring.js';
import { createPerModelLoop } from './per-model-loop.js';

/** Default of how often every replica re-reads the champion alias from the registry (ms). */
export const DEFAULT_CHAMPION_REFRESH_MS = 5000;

export interface MonitoringSchedulerOptions {
  readonly store: PredictionLog & LeaseRepository & ReferenceProfileRepository;
  readonly models: MonitoredModels;
  readonly monitoring: DriftMonitoring;
  /** When given, each tick also picks up a new champion (promotion or rollback made elsewhere) on every replica; the lease holder stores its reference. */
  readonly serving?: ServingModels;
  readonly clock: Clock;
  /** This replica's identity for leases. */
  readonly holder: string;
  /** How often the scheduler looks for due evaluations (default 1000 ms). */
  readonly tickMs?: number;
  /**
   * How often a tick re-reads each model's champion alias from the registry (default DEFAULT_CHAMPION_REFRESH_MS):
   * one registry call per model per refresh. A promotion / rollback through this replica swaps at once anyway, and
   * `followChampion` asks for a re-read on the next tick (a champion change announced by another replica).
   */
  readonly championRefreshMs?: number;
  /** How long a replica keeps a model's monitoring lease without renewing it (default 30 s). */
  readonly leaseMs?: number;
  readonly onError?: (model: string, error: unknown) => void;
  /** Delete logged predictions older than this (retention); null or absent keeps them forever. */
  readonly retentionMs?: number | null;
  /** How often retention runs (default hourly). */
  readonly retentionEveryMs?: number;
}

/**
 * Runs each model's drift evaluation every N new events or T seconds, whichever comes first (per the model's
 * `monitoring` settings; defaults: the window's step, 60 s). One replica evaluates a model at a time: it must hold
 * the model's lease in the store. Ticks never overlap; an evaluation's failure is reported and retried next tick.
 * The lease holder also applies the prediction-log retention (hourly by default).
 */
export function createMonitoringScheduler(options: MonitoringSchedulerOptions) {
  const { store, clock } = options;
  const tickMs = options.tickMs ?? 1000;
  const leaseMs = options.leaseMs ?? 30_000;
  /** Per model: the newest sequence and the time of the last evaluation (new events are counted after it). */
  const last = new Map<string, { sequence: number; atMs: number }>();
  const retentionEveryMs = options.retentionEveryMs ?? 3_600_000;
  const lastRetention = new Map<string, number>();
  const championRefreshMs = options.championRefreshMs ?? DEFAULT_CHAMPION_REFRESH_MS;
  /** Per model: when this replica last read the champion alias (absent: due). */
  const lastChampionRead = new Map<string, number>();

  async function refreshChampionIfDue(name: string) {
    if (options.serving === undefined) return null;
    const now = clock.nowMs();
    const readAt = lastChampionRead.get(name);
    if (readAt !== undefined && now - readAt < championRefreshMs && now >= readAt) return null;
    const loaded = await options.serving.refresh(name);
    lastChampionRead.set(name, now);
    return loaded;
  }

  async function tickModel(name: string): Promise<void> {
    const definition = (await options.models.get(name)).definition;
    // Every replica follows the registry's champion (a promotion or rollback made on another replica or in MLflow),
    // re-reading the alias every championRefreshMs.
    const loaded = await refreshChampionIfDue(name);
    if (!(await store.tryAcquireLease(`monitor:${name}`, options.holder, leaseMs, clock.nowMs()))) return;
    // The champion's training data is the reference (unless one was uploaded for it), whoever moved the champion. A
    // start-up's first load is no move: a restart keeps a reference uploaded after the champion's.
    if (loaded !== null && loaded.referenceProfile !== null) {
      const latest = await store.latestReferenceProfile(name);
      const moved = loaded.changed && loaded.previousVersion !== null;
      if (needsChampionReference(latest?.source ?? null, loaded.serving.version, moved)) {
        await store.saveReferenceProfile(
          name,
          championReferenceSource(loaded.serving.version),
          loaded.referenceProfile,
          clock.nowMs(),
        );
      }
    }
    const retentionMs = options.retentionMs ?? null;
    if (retentionMs !== null && clock.nowMs() - (lastRetention.get(name) ?? -Infinity) >= retentionEveryMs) {
      lastRetention.set(name, clock.nowMs());
      await store.deletePredictionsBefore(name, clock.nowMs() - retentionMs);
    }
    const window = definition.drift?.window ?? DEFAULT_WINDOW;
    const everyEvents = definition.monitoring?.evaluateEveryEvents ?? (window.type === 'count' ? window.step : 500);
    const everyMs =
      (definition.monitoring?.evaluateEverySeconds ??
        (window.type === 'time' ? window.stepSeconds : DEFAULT_EVALUATE_EVERY_SECONDS)) * 1000;
    const previous = last.get(name);
    const now = clock.nowMs();
    let sequence: number;
    if (previous === undefined) {
      const newest = await store.latestPredictions(name, 1);
      if (newest.length === 0) return;
      sequence = newest[0].sequence;
    } else {
      const { count, lastSequence } = await store.countPredictionsAfter(name, previous.sequence);
      if (lastSequence === null || (count < everyEvents && now - previous.atMs < everyMs)) return;
      sequence = lastSequence;
    }
    last.set(name, { sequence, atMs: now });
    await options.monitoring.evaluate(name);
  }

  const loop = createPerModelLoop({
    models: options.models,
    leases: store,
    holder: options.holder,
    leaseName: (name) => `monitor:${name}`,
    tickMs,
    tickModel,
    onError: options.onError,
  });
  return {
    ...loop,
    /** The champion of `name` moved (announced by another replica): re-read the alias on the next tick. */
    followChampion(name: string): void {
      lastChampionRead.delete(name);
    },
  };
}

export type MonitoringScheduler = ReturnType<typeof createMonitoringScheduler>;
