/**
 * Worker-thread entry of createThreadedTableReader: reads one file with the in-thread readers and posts the typed
 * columns back, their buffers transferred (not copied). Started with `workerData` = { path, sampleRows? }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TableReadError } from '../../ports/table-reader.js';
import { createInThreadTableReader } from './in-thread-table-reader.js';
import type { TableThreadMessage, TableThreadRequest } from './threaded-table-reader.js';

const request = workerData as TableThreadRequest;
const post = (message: TableThreadMessage, transfer: ArrayBuffer[] = []): void =>
  parentPort?.postMessage(message, transfer);

try {
  const table = await createInThreadTableReader().read(request.path, {
    ...(request.sampleRows === undefined ? {} : { sampleRows: request.sampleRows }),
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  const transfer: ArrayBuffer[] = [];
  for (const column of table.columns.values()) {
    if (column.type === 'number') transfer.push(column.values.buffer as ArrayBuffer);
    else if (column.type === 'category') transfer.push(column.codes.buffer as ArrayBuffer);
  }
  post({ type: 'table', table }, transfer);
} catch (error) {
  const e = error instanceof TableReadError ? error : null;
  post({
    type: 'error',
    error:
      e === null
        ? { file: request.path, reason: error instanceof Error ? error.message : String(error) }
        : {
            file: e.file,
            reason: e.reason,
            ...(e.line === undefined ? {} : { line: e.line }),
            ...(e.column === undefined ? {} : { column: e.column }),
          },
  });
}
