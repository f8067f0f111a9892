/**
 * The table readers, composed apart from compose.ts so that commands that only read files (`driftguard report`)
 * do not load the store, tracking and serving adapters at start-up.
 */

import { createCsvTextParser } from './adapters/tabular/csv-reader.js';
import { createInThreadTableReader } from './adapters/tabular/in-thread-table-reader.js';
import { createThreadedTableReader, createThreadedTextParser } from './adapters/tabular/threaded-table-reader.js';
import type { TableReader, TableTextParser } from './ports/table-reader.js';
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
