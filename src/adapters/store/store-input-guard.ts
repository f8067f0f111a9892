import { rowSampleProblem } from '../../domain/reference-row-sample.js';
import { findUnstorableText } from '../../domain/storable-text.js';
import { MAX_TIMESTAMP_MS } from '../../domain/timestamp.js';
import { type Store, StoreInputError } from '../../ports/store.js';

/** Arguments holding prediction / label rows whose `timestampMs` must be whole epoch milliseconds in range. */
const TIMED_ROWS: Readonly<Record<string, number>> = { appendPredictions: 1, attachLabels: 1 };

function timestampProblem(rows: unknown): { path: string; reason: string } | null {
  if (!Array.isArray(rows)) return null;
  for (let i = 0; i < rows.length; i++) {
    const ms = (rows[i] as { timestampMs?: unknown }).timestampMs;
    if (!(typeof ms === 'number' && Number.isInteger(ms) && ms >= 0 && ms <= MAX_TIMESTAMP_MS))
      return {
        path: `/${i}/timestampMs`,
        reason: `must be whole epoch milliseconds in [0, ${MAX_TIMESTAMP_MS}], got ${String(ms)}`,
      };
  }
  return null;
}

function inputProblem(operation: string, args: readonly unknown[]): StoreInputError | null {
  for (let i = 0; i < args.length; i++) {
    const text = findUnstorableText(args[i], `/${i}`);
    if (text !== null) return new StoreInputError(operation, text.path, text.reason);
  }
  if (operation === 'saveReferenceProfile') {
    const sample = (args[2] as { rowSample?: unknown } | null | undefined)?.rowSample;
    const problem = sample === undefined ? null : rowSampleProblem(sample, '/2/rowSample');
    if (problem !== null) return new StoreInputError(operation, problem.path, problem.reason);
  }
  const timed = TIMED_ROWS[operation];
  const time = timed === undefined ? null : timestampProblem(args[timed]);
  return time === null ? null : new StoreInputError(operation, `/${timed}${time.path}`, time.reason);
}

/**
 * The store with every method's arguments checked first (StoreInputError, nothing written): both adapters are wrapped
 * by this one guard, so SQLite and PostgreSQL accept and refuse exactly the same inputs — without it PostgreSQL fails
 * on U+0000 and on fractional milliseconds while SQLite stores them, and both silently turn lone surrogates into U+FFFD.
 */
export function guardStoreInputs(store: Store): Store {
  const guarded: Record<string, unknown> = {};
  for (const [operation, member] of Object.entries(store)) {
    if (typeof member !== 'function') {
      guarded[operation] = member;
      continue;
    }
    const method = member as (...args: unknown[]) => Promise<unknown>;
    guarded[operation] = (...args: unknown[]) => {
      const problem = inputProblem(operation, args);
      return problem === null ? method.apply(store, args) : Promise.reject(problem);
    };
  }
  return guarded as unknown as Store;
}
