import type { Cell, DataTable } from '../domain/data-table.js';
import { dataTableFromRows } from '../domain/data-table.js';
import { validateWindowOptions } from './create-drift-engine-config.js';
import type { WindowOptions } from './drift-config.js';
import { DriftConfigError } from './drift-config-error.js';

/** One row of events pushed into a window. */
export type WindowRow = Readonly<Record<string, Cell>>;

/** A window ready to evaluate. Count windows: event indices [start, end); time windows: seconds [start, end). */
export interface WindowBatch {
  readonly type: 'count' | 'time';
  readonly start: number;
  readonly end: number;
  readonly rows: readonly WindowRow[];
  /** The rows as a DataTable (built on each call). */
  toTable(): DataTable;
}

/** An incrementally evaluated sliding window. */
export interface SlidingWindow {
  readonly options: WindowOptions;
  /**
   * Adds one event. `timestampSeconds` (event time, e.g. epoch seconds) is required for time windows and ignored by
   * count windows. Returns the windows that became due (usually none or one), oldest first.
   */
  push(row: WindowRow, timestampSeconds?: number): WindowBatch[];
  /** Time windows: closes every window ending at or before `nowSeconds` (an injected clock), without an event. */
  advanceTo(nowSeconds: number): WindowBatch[];
  /** Events pushed so far, and time-window events that arrived after their window was already emitted. */
  readonly eventCount: number;
  readonly lateEventCount: number;
}

function batch(type: 'count' | 'time', start: number, end: number, rows: readonly WindowRow[]): WindowBatch {
  return { type, start, end, rows, toTable: () => dataTableFromRows(rows) };
}

function countWindow(options: { windowSize: number; step: number }, validated: WindowOptions): SlidingWindow {
  const { windowSize, step } = options;
  const ring = new Array<WindowRow>(windowSize);
  let eventCount = 0;
  return {
    options: validated,
    push(row) {
      ring[eventCount % windowSize] = row;
      eventCount++;
      if (eventCount < windowSize || (eventCount - windowSize) % step !== 0) return [];
      const head = eventCount % windowSize;
      const rows = head === 0 ? ring.slice() : ring.slice(head).concat(ring.slice(0, head));
      return [batch('count', eventCount - windowSize, eventCount, rows)];
    },
    advanceTo() {
      return [];
    },
    get eventCount() {
      return eventCount;
    },
    lateEventCount: 0,
  };
}

function timeWindow(options: { windowSeconds: number; stepSeconds: number }, validated: WindowOptions): SlidingWindow {
  const { windowSeconds, stepSeconds } = options;
  // Events sorted by timestamp; window ends are multiples of stepSeconds (epoch-aligned, hence restart-stable).
  const events: { t: number; row: WindowRow }[] = [];
  let nextEnd: number | null = null;
  let lastEmittedEnd = -Infinity;
  let eventCount = 0;
  let lateEventCount = 0;

  const due = (now: number): WindowBatch[] => {
    const out: WindowBatch[] = [];
    while (nextEnd !== null && nextEnd <= now) {
      const end: number = nextEnd;
      const start = end - windowSeconds;
      const rows = events.filter((e) => e.t >= start && e.t < end).map((e) => e.row);
      if (rows.length > 0) out.push(batch('time', start, end, rows));
      lastEmittedEnd = end;
      nextEnd = end + stepSeconds;
      let drop = 0;
      while (drop < events.length && events[drop].t < nextEnd - windowSeconds) drop++;
      events.splice(0, drop);
      if (events.length === 0) nextEnd = null;
    }
    return out;
  };

  const requireTime = (t: unknown, field: string): number => {
    if (typeof t !== 'number' || !Number.isFinite(t))
      throw new DriftConfigError(field, `must be a finite number of seconds, got ${String(t)}`);
    return t;
  };

  return {
    options: validated,
    push(row, timestampSeconds) {
      const t = requireTime(timestampSeconds, 'timestampSeconds');
      eventCount++;
      if (t < lastEmittedEnd + stepSeconds - windowSeconds) {
        lateEventCount++;
        return [];
      }
      let i = events.length;
      while (i > 0 && events[i - 1].t > t) i--;
      events.splice(i, 0, { t, row });
      if (nextEnd === null)
        nextEnd = Math.max(Math.floor(t / stepSeconds) * stepSeconds + stepSeconds, lastEmittedEnd + stepSeconds);
      return due(t);
    },
    advanceTo(nowSeconds) {
      return due(requireTime(nowSeconds, 'nowSeconds'));
    },
    get eventCount() {
      return eventCount;
    },
    get lateEventCount() {
      return lateEventCount;
    },
  };
}

/**
 * A sliding window (no clock inside: event timestamps or `advanceTo` drive time).
 * Count: after every `step` events once `windowSize` have arrived, the last `windowSize` events.
 * Time: windows [end − windowSeconds, end) with `end` a multiple of `stepSeconds` (epoch-aligned); a window is
 * emitted when an event at or after its end arrives, or on `advanceTo(now ≥ end)`. The first window is the first
 * end after the first event (it may cover time before that event); windows without events are skipped. Events out
 * of order are placed by timestamp; an event older than the start of every window still to come is counted in
 * `lateEventCount` and not added (never silently dropped).
 */
export function createSlidingWindow(options: WindowOptions): SlidingWindow {
  const validated = validateWindowOptions(options);
  return validated.type === 'count' ? countWindow(validated, validated) : timeWindow(validated, validated);
}
