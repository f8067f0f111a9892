/** Entry point of a retraining job's worker thread: runs the challenger pipeline once and posts the result or the error. */
import { parentPort } from 'node:worker_threads';
import { InsufficientDataError } from '../services/retraining/challenger-pipeline.js';
import { type ChallengerThreadReply, type PortableChallengerRequest, runPortableRequest } from './challenger-worker.js';
import { toThreadError } from './worker-thread.js';

parentPort?.once('message', (request: PortableChallengerRequest) => {
  let reply: ChallengerThreadReply;
  try {
    reply = { result: runPortableRequest(request, { nowMs: () => Date.now() }) };
  } catch (error) {
    reply = {
      error: {
        ...toThreadError(error),
        ...(error instanceof InsufficientDataError ? { sufficiency: error.sufficiency } : {}),
      },
    };
  }
  parentPort?.postMessage(reply);
});
