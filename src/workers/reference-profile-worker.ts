import { Worker } from 'node:worker_threads';
import { tableBuffers } from '../domain/data-table.js';
import { SchemaError } from '../domain/schema-error.js';
import type { ProfiledReference, ReferenceProfiler } from '../ports/reference-profiler.js';
import { createInThreadReferenceProfiler } from '../services/ingestion/reference-profiling.js';
import type { ReferenceProfileReply } from './reference-profile-thread.js';
import { errorFromThread, locateThreadEntry, settleOnce, type ThreadEntry } from './worker-thread.js';

/**
 * Profiles each uploaded reference in a worker thread of its own (entry: reference-profile-thread.ts), so schema
 * inference and profile building (sorting every numeric column) never block the event loop. The table's typed columns
 * go to the thread and come back transferred, not copied. Without a worker entry, profiling runs on the calling thread.
 */
export function createWorkerReferenceProfiler(
  entry: ThreadEntry = locateThreadEntry('reference-profile-thread'),
): ReferenceProfiler & { readonly mode: ThreadEntry['kind'] } {
  if (entry.kind === 'in-thread') return { ...createInThreadReferenceProfiler(), mode: 'in-thread' };
  return {
    mode: 'worker',
    profile(request) {
      return new Promise<ProfiledReference>((resolve, reject) => {
        const worker = new Worker(entry.url, {
          name: 'driftguard-reference-profile',
          workerData: request,
          transferList: tableBuffers(request.table),
        });
        const settle = settleOnce(worker);
        worker.on('message', (reply: ReferenceProfileReply) =>
          settle(() => {
            if (reply.type === 'profile') resolve({ profile: reply.profile, table: reply.table });
            else if (reply.type === 'schema-error') reject(new SchemaError(reply.field, reply.reason));
            else reject(errorFromThread(reply.error));
          }),
        );
        worker.on('error', (error) =>
          settle(() => reject(new Error(`reference profiling thread failed: ${error.message}`))),
        );
        worker.on('exit', (code) =>
          settle(() =>
            reject(new Error(`reference profiling thread exited (code ${code}) before the profile was built`)),
          ),
        );
      });
    },
  };
}
