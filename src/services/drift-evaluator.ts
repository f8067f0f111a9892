import type { DriftReport } from '../drift/index.js';
import { evaluateDriftWindow, type DriftWindowRequest } from './drift-window-evaluation.js';

/** Runs window evaluations for the monitoring loop; the service uses a worker thread so requests are never blocked. */
export interface DriftEvaluator {
  evaluate(request: DriftWindowRequest): Promise<DriftReport>;
  /** Stops any thread it started; later evaluations start a new one. */
  close(): Promise<void>;
}

/** Evaluates on the calling thread (blocks its event loop for the evaluation's duration): unit tests and one-shot tools. */
export function createInThreadDriftEvaluator(): DriftEvaluator {
  return {
    async evaluate(request) {
      return evaluateDriftWindow(request);
    },
    async close() {},
  };
}
