/** Entry point of the drift-evaluation worker thread: evaluates each request and posts the report or the error back. */
import { parentPort } from 'node:worker_threads';
import type { DriftReport } from '../drift/index.js';
import type { DriftWindowRequest } from '../ports/drift-evaluator.js';
import { evaluateDriftWindow } from '../services/monitoring/drift-window-evaluation.js';
import { type ThreadError, toThreadError } from './worker-thread.js';

export interface DriftThreadRequest {
  readonly id: number;
  readonly request: DriftWindowRequest;
}

export type DriftThreadReply =
  | { readonly id: number; readonly report: DriftReport }
  | { readonly id: number; readonly error: ThreadError };

parentPort?.on('message', (message: DriftThreadRequest) => {
  let reply: DriftThreadReply;
  try {
    reply = { id: message.id, report: evaluateDriftWindow(message.request) };
  } catch (error) {
    reply = { id: message.id, error: toThreadError(error) };
  }
  parentPort?.postMessage(reply);
});
