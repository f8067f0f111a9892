/**
 * The table readers and the drift-column threads, composed apart from compose.ts so that commands that only read
 * files (`driftguard report`) do not load the store, tracking and serving adapters at start-up.
 */

import { createCsvTextParser } from './adapters/tabular/csv-reader.js';
import { createInThreadTableReader } from './adapters/tabular/in-thread-table-reader.js';
import { createThreadedTableReader, createThreadedTextParser } from './adapters/tabular/threaded-table-reader.js';
import type { DriftColumnRunner } from './ports/drift-column-runner.js';
import type { TableReader, TableTextParser } from './ports/table-reader.js';
import { createDriftColumnPool, defaultColumnThreads } from './workers/drift-column-pool.js';
import { locateThreadEntry } from './workers/worker-thread.js';

/**
 * Reads tabular files by extension — `.csv` / `.tsv` / `.csv.gz` (byte tokenizer into typed columns) and `.parquet` /
 * `.pq` (hyparquet) — each file in its own worker thread when the entry module is found (see threaded-table-reader.ts).
 */
export function createTableReader(): TableReader {
  return createThreadedTableReader(readThreadUrl(), createInThreadTableReader());
}

/** Parses uploaded CSV bodies (reference uploads) in a worker thread each, off the event loop (see threaded-table-reader.ts). */
export function createCsvBodyParser(): TableTextParser {
  return createThreadedTextParser(readThreadUrl(), createCsvTextParser());
}

function readThreadUrl(): URL | null {
  const entry = locateThreadEntry('table-read-thread', new URL('./adapters/tabular/', import.meta.url).href);
  return entry.kind === 'worker' ? entry.url : null;
}

/** The environment variable that sets the number of drift-column threads of `report` (`--threads` wins over it). */
export const THREADS_ENV = 'DRIFTGUARD_THREADS';

/**
 * The threads `report` profiles and tests columns on: `threads` if given, else `DRIFTGUARD_THREADS`, else the cores
 * this process may use. A value that is not an integer ≥ 1 is a RangeError naming where it came from.
 */
export function columnThreadsOf(threads: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const [text, origin] = threads !== undefined ? [threads, '--threads'] : [env[THREADS_ENV], THREADS_ENV];
  if (text === undefined || text === '') return defaultColumnThreads();
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`${origin} must be an integer ≥ 1, got "${text}"`);
  return n;
}

/** Per-column profiling and tests of `report` on a pool of `threads` worker threads (1: the calling thread). */
export function createDriftColumnRunner(threads: number): DriftColumnRunner {
  return createDriftColumnPool(threads);
}
