/** Entry point of a drift-column worker thread: runs each column task it is sent and posts the result or the error back. */
import { parentPort } from 'node:worker_threads';
import { SchemaError } from '../domain/schema-error.js';
import type { EvaluateColumnTask, ProfileColumnTask } from '../ports/drift-column-runner.js';
import { runEvaluateColumnTask, runProfileColumnTask } from '../services/reports/drift-column-tasks.js';
import { type ThreadError, toThreadError } from './worker-thread.js';

export type DriftColumnThreadRequest =
  | { readonly id: number; readonly type: 'profile'; readonly task: ProfileColumnTask }
  | { readonly id: number; readonly type: 'evaluate'; readonly task: EvaluateColumnTask };

export type DriftColumnThreadReply =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly schemaError: { readonly field: string; readonly reason: string } }
  | { readonly id: number; readonly error: ThreadError };

parentPort?.on('message', (message: DriftColumnThreadRequest) => {
  let reply: DriftColumnThreadReply;
  try {
    const result =
      message.type === 'profile' ? runProfileColumnTask(message.task) : runEvaluateColumnTask(message.task);
    reply = { id: message.id, result };
  } catch (error) {
    reply =
      error instanceof SchemaError
        ? { id: message.id, schemaError: { field: error.field, reason: error.reason } }
        : { id: message.id, error: toThreadError(error) };
  }
  parentPort?.postMessage(reply);
});
