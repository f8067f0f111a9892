/**
 * Entry point of the reference-profiling worker thread: profiles the uploaded table of `workerData` and posts the
 * profile back with the table (its typed columns transferred, not copied), or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tableBuffers } from '../domain/data-table.js';
import { SchemaError } from '../domain/schema-error.js';
import type { ReferenceProfile } from '../drift/reference-profile.js';
import type { ReferenceProfileRequest } from '../ports/reference-profiler.js';
import { profileReferenceTable } from '../services/ingestion/reference-profiling.js';
import { type ThreadError, toThreadError } from './worker-thread.js';

export type ReferenceProfileReply =
  | { readonly type: 'profile'; readonly profile: ReferenceProfile; readonly table: ReferenceProfileRequest['table'] }
  | { readonly type: 'schema-error'; readonly field: string; readonly reason: string }
  | { readonly type: 'error'; readonly error: ThreadError };

const request = workerData as ReferenceProfileRequest;
let reply: ReferenceProfileReply;
try {
  reply = { type: 'profile', profile: profileReferenceTable(request), table: request.table };
} catch (error) {
  reply =
    error instanceof SchemaError
      ? { type: 'schema-error', field: error.field, reason: error.reason }
      : { type: 'error', error: toThreadError(error) };
}
parentPort?.postMessage(reply, reply.type === 'profile' ? tableBuffers(request.table) : []);
