import { Worker } from 'node:worker_threads';
import type { DataTable } from '../../domain/data-table.js';
import {
  TableReadError,
  type TableReadErrorOptions,
  type TableReader,
  type TableReadOptions,
  type TableReadProgress,
  type TableTextParser,
} from '../../ports/table-reader.js';

/** What the reading thread is asked to do: read a file, or parse CSV bytes (an uploaded body) named `source`. */
export type TableThreadRequest =
  | { readonly path: string; readonly sampleRows?: number }
  | { readonly bytes: Uint8Array; readonly source: string };

/** What the reading thread posts back. */
export type TableThreadMessage =
  | { readonly type: 'progress'; readonly progress: TableReadProgress }
  | { readonly type: 'table'; readonly table: DataTable }
  | { readonly type: 'error'; readonly error: Omit<TableReadErrorOptions, 'cause'> };

/**
 * Reads each file in its own worker thread (entry: table-read-thread.ts), so two files read at once use two cores
 * and the event loop stays free; typed columns come back without a copy. Without a worker entry (`entry` null) the
 * in-thread reader does the work.
 */
export function createThreadedTableReader(entry: URL | null, inThread: TableReader): TableReader {
  if (entry === null) return inThread;
  return {
    extensions: inThread.extensions,
    read(path: string, options: TableReadOptions = {}): Promise<DataTable> {
      const request: TableThreadRequest = {
        path,
        ...(options.sampleRows === undefined ? {} : { sampleRows: options.sampleRows }),
      };
      return inWorker(entry, request, path, options);
    },
  };
}

/**
 * Parses CSV bytes (an uploaded body) in a worker thread of their own (entry: table-read-thread.ts), so that neither
 * the tokenizer nor the column building runs on the event loop: the bytes are transferred to the thread (the caller's
 * array is detached unless it is a view on a larger buffer, which is copied) and the typed columns come back
 * transferred. Text (a string) is encoded first. Without a worker entry (`entry` null) the in-thread parser does the work.
 */
export function createThreadedTextParser(entry: URL | null, inThread: TableTextParser): TableTextParser {
  if (entry === null) return inThread;
  return {
    parse(text: string | Uint8Array, source: string): Promise<DataTable> {
      let bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      if (
        bytes.byteOffset !== 0 ||
        bytes.byteLength !== bytes.buffer.byteLength ||
        !(bytes.buffer instanceof ArrayBuffer)
      )
        bytes = new Uint8Array(bytes);
      return inWorker(entry, { bytes, source }, source, {}, [bytes.buffer as ArrayBuffer]);
    },
  };
}

function inWorker(
  entry: URL,
  request: TableThreadRequest,
  path: string,
  options: TableReadOptions,
  transferList: ArrayBuffer[] = [],
): Promise<DataTable> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: request, transferList });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: TableThreadMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'table') settle(() => resolve(message.table));
      else settle(() => reject(new TableReadError(message.error)));
    });
    worker.on('error', (error) =>
      settle(() =>
        reject(new TableReadError({ file: path, reason: `reader thread failed: ${error.message}`, cause: error })),
      ),
    );
    worker.on('exit', (code) =>
      settle(() =>
        reject(new TableReadError({ file: path, reason: `reader thread exited (${code}) before the table was read` })),
      ),
    );
  });
}
