/** Entry point of the drift-evaluation worker thread: evaluates each request and posts the report or the error back. */
import { parentPort } from 'node:worker_threads';
import { evaluateDriftWindow, type DriftWindowRequest } from './drift-window-evaluation.js';

export interface DriftThreadRequest {
  readonly id: number;
  readonly request: DriftWindowRequest;
}

export type DriftThreadReply =
  | { readonly id: number; readonly report: unknown }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };

parentPort?.on('message', (message: DriftThreadRequest) => {
  let reply: DriftThreadReply;
  try {
    reply = { id: message.id, report: evaluateDriftWindow(message.request) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { id: message.id, error: { name: e.name, message: e.message } };
  }
  parentPort?.postMessage(reply);
});
