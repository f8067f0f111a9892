/** `driftguard/client`: batching, retrying client of `driftguard serve` (fetch only; Node ≥ 18, browsers, Deno, Bun). */
export { createDriftguardClient } from './driftguard-client.js';
export type { DriftguardClient, DriftguardClientOptions, LabelInput, PredictionInput, PredictRow, ReferenceSummary, ServedPrediction, FlushResult } from './driftguard-client.js';
export { DriftguardClientStateError, DriftguardNetworkError, DriftguardRequestError, type ErrorDetail } from './client-errors.js';
export type { RetryOptions } from './retry-policy.js';
