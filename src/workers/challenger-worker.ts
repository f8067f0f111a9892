/**
 * Where a retraining job's challenger pipeline runs. The service runs it in a worker thread per job, so training never
 * blocks the event loop that serves requests and a job past its deadline is stopped by terminating the thread; tests
 * and tools may run it on the calling thread. Models cross the thread boundary as their JSON (`toJSON` / `loadModel`).
 */
import { Worker } from 'node:worker_threads';
import type { SerializedModel, TrainedModel } from '../models/index.js';
import { loadModel } from '../models/index.js';
import {
  type ChallengerExecutor,
  type ChallengerRequest,
  type ChallengerResult,
  ChallengerTimeoutError,
} from '../ports/challenger-executor.js';
import type { Clock } from '../ports/clock.js';
import { createChallengerPipeline, InsufficientDataError } from '../services/retraining/challenger-pipeline.js';
import { errorFromThread, settleOnce, type ThreadEntry, type ThreadError } from './worker-thread.js';

/** A challenger request with the champion as its JSON model (structured-cloneable). */
export type PortableChallengerRequest = Omit<ChallengerRequest, 'champion'> & { readonly champion: SerializedModel };
/** A challenger result without the live model object (rebuilt from `challenger.serialized`). */
export type PortableChallengerResult = Omit<ChallengerResult, 'challenger'> & {
  readonly challenger: Omit<TrainedModel, 'model'>;
};

export type ChallengerThreadReply =
  | { readonly result: PortableChallengerResult }
  | { readonly error: ThreadError & { readonly sufficiency?: InsufficientDataError['sufficiency'] } };

export function toPortableRequest(request: ChallengerRequest): PortableChallengerRequest {
  return { ...request, champion: request.champion.toJSON() };
}

/** Runs a portable request (in the worker thread, or in-thread) and strips the live model from the result. */
export function runPortableRequest(request: PortableChallengerRequest, clock: Clock): PortableChallengerResult {
  const result = createChallengerPipeline({ clock }).run({ ...request, champion: loadModel(request.champion) });
  const { model: _model, ...challenger } = result.challenger;
  return { ...result, challenger };
}

export function revive(result: PortableChallengerResult): ChallengerResult {
  return { ...result, challenger: { ...result.challenger, model: loadModel(result.challenger.serialized) } };
}

/** A worker thread per job from `entry` (see locateThreadEntry), terminated on completion or at the deadline. */
export function createWorkerChallengerExecutor(entry: Extract<ThreadEntry, { kind: 'worker' }>): ChallengerExecutor {
  return {
    run(request, timeoutMs) {
      const portable = toPortableRequest(request);
      return new Promise<ChallengerResult>((resolve, reject) => {
        const worker = new Worker(entry.url, { name: 'driftguard-challenger' });
        const settle = settleOnce(worker, () => clearTimeout(timer));
        const timer = setTimeout(
          () =>
            settle(() =>
              reject(
                new ChallengerTimeoutError(
                  `out of time while training (${Math.round(timeoutMs)} ms left when it started)`,
                ),
              ),
            ),
          Math.max(0, timeoutMs),
        );
        worker.once('message', (reply: ChallengerThreadReply) =>
          settle(() => {
            if ('result' in reply) return resolve(revive(reply.result));
            if (reply.error.sufficiency !== undefined)
              return reject(new InsufficientDataError(reply.error.sufficiency));
            reject(errorFromThread(reply.error));
          }),
        );
        worker.once('error', (error) => settle(() => reject(new Error(`challenger thread failed: ${error.message}`))));
        worker.once('exit', (code) => settle(() => reject(new Error(`challenger thread exited (code ${code})`))));
        worker.postMessage(portable);
      });
    },
  };
}
