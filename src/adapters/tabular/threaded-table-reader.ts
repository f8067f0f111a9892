import { Worker } from 'node:worker_threads';
import type { DataTable } from '../../domain/data-table.js';
import {
  TableReadError,
  type TableReadErrorOptions,
  type TableReader,
  type TableReadOptions,
  type TableReadProgress,
} from '../../ports/table-reader.js';

/** What the reading thread is asked to do. */
export interface TableThreadRequest {
  readonly path: string;
  readonly sampleRows?: number;
}

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
      return new Promise((resolve, reject) => {
        const worker = new Worker(entry, { workerData: request });
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
            reject(
              new TableReadError({ file: path, reason: `reader thread exited (${code}) before the table was read` }),
            ),
          ),
        );
      });
    },
  };
}
