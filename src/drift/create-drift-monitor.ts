import { createDriftEngineConfig } from './create-drift-engine-config.js';
import type { DriftEngineOptions } from './drift-config.js';
import { DriftConfigError } from './drift-config-error.js';
import type { DriftReport } from './drift-report.js';
import { evaluateDrift } from './evaluate-drift.js';
import type { ReferenceProfile } from './reference-profile.js';
import { createSlidingWindow, type WindowBatch, type WindowRow } from './sliding-window.js';

/** Options of `createDriftMonitor`; `options.window` is required. */
export interface DriftMonitorOptions {
  readonly profile: ReferenceProfile;
  readonly options: DriftEngineOptions;
  /** `highStreak` of the last report before a restart (default 0), so persistence survives restarts. */
  readonly initialHighStreak?: number;
}

/** A sliding window wired to the engine: push events, get one report per due window. */
export interface DriftMonitor {
  push(row: WindowRow, timestampSeconds?: number): DriftReport[];
  advanceTo(nowSeconds: number): DriftReport[];
  readonly highStreak: number;
  readonly eventCount: number;
  readonly lateEventCount: number;
}

/**
 * Evaluates every window emitted by `createSlidingWindow(options.window)` against `profile` with `evaluateDrift`,
 * carrying the high-severity streak from one window to the next (persistence).
 */
export function createDriftMonitor({ profile, options, initialHighStreak = 0 }: DriftMonitorOptions): DriftMonitor {
  const config = createDriftEngineConfig(options);
  if (config.window === null) throw new DriftConfigError('window', 'a monitor needs a count or time window');
  const window = createSlidingWindow(config.window);
  let highStreak = initialHighStreak;
  const evaluate = (batches: WindowBatch[]): DriftReport[] =>
    batches.map((b) => {
      const report = evaluateDrift(profile, b.toTable(), config, {
        previousHighStreak: highStreak,
        window: { type: b.type, start: b.start, end: b.end },
      });
      highStreak = report.highStreak;
      return report;
    });
  return {
    push: (row, timestampSeconds) => evaluate(window.push(row, timestampSeconds)),
    advanceTo: (now) => evaluate(window.advanceTo(now)),
    get highStreak() {
      return highStreak;
    },
    get eventCount() {
      return window.eventCount;
    },
    get lateEventCount() {
      return window.lateEventCount;
    },
  };
}
