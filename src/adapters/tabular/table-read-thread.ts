/**
 * Worker-thread entry of createThreadedTableReader and createThreadedTextParser: reads one file (or parses CSV bytes
 * handed over by the caller) with the in-thread readers and posts the typed columns back, their buffers transferred
 * (not copied). Started with `workerData` = { path, sampleRows? } or { bytes, source }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tableBuffers } from '../../domain/data-table.js';
import { TableReadError } from '../../ports/table-reader.js';
import { createCsvTextParser } from './csv-reader.js';
import { createInThreadTableReader } from './in-thread-table-reader.js';
import type { TableThreadMessage, TableThreadRequest } from './threaded-table-reader.js';

const request = workerData as TableThreadRequest;
const post = (message: TableThreadMessage, transfer: ArrayBuffer[] = []): void =>
  parentPort?.postMessage(message, transfer);
const file = 'path' in request ? request.path : request.source;

try {
  const table =
    'path' in request
      ? await createInThreadTableReader().read(request.path, {
          ...(request.sampleRows === undefined ? {} : { sampleRows: request.sampleRows }),
          onProgress: (progress) => post({ type: 'progress', progress }),
        })
      : await createCsvTextParser().parse(request.bytes, request.source);
  post({ type: 'table', table }, tableBuffers(table));
} catch (error) {
  const e = error instanceof TableReadError ? error : null;
  post({
    type: 'error',
    error:
      e === null
        ? { file, reason: error instanceof Error ? error.message : String(error) }
        : {
            file: e.file,
            reason: e.reason,
            ...(e.line === undefined ? {} : { line: e.line }),
            ...(e.column === undefined ? {} : { column: e.column }),
          },
  });
}
