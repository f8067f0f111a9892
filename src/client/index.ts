/** `driftguard/client`: batching, retrying client of `driftguard serve` (fetch only; Node ≥ 18, browsers, Deno, Bun). */

export {
  DriftguardClientStateError,
  DriftguardNetworkError,
  DriftguardRequestError,
  type ErrorDetail,
} from './client-errors.js';
export type {
  DriftguardClient,
  DriftguardClientOptions,
  FlushResult,
  LabelInput,
  PredictionInput,
  PredictRow,
  ReferenceSummary,
  ServedPrediction,
} from './driftguard-client.js';
export { createDriftguardClient } from './driftguard-client.js';
export type { RetryOptions } from './retry-policy.js';
