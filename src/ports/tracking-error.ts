/**
 * Why a tracking / registry call failed, independent of the backend.
 * - `not_found`: the experiment, run, artifact, model, version or alias does not exist.
 * - `already_exists`: a create collided with an existing entity.
 * - `invalid`: the request was rejected as malformed (bad argument, limit exceeded).
 * - `unauthorized`: the backend refused the credentials (401 / 403).
 * - `unavailable`: the backend could not be reached, timed out or answered 5xx / 429; retrying later may work.
 * - `conflict`: the state does not allow the operation (e.g. rollback with no previous champion).
 */
export type TrackingErrorKind =
  | 'not_found'
  | 'already_exists'
  | 'invalid'
  | 'unauthorized'
  | 'unavailable'
  | 'conflict';

/** Options of {@link TrackingError}; `status` / `errorCode` are what the backend reported, when it reported anything. */
export interface TrackingErrorOptions {
  readonly kind: TrackingErrorKind;
  readonly operation: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly cause?: unknown;
}

/**
 * The one error type of the TrackingStore / ModelRegistry ports. `retryable` is true exactly for `unavailable`:
 * the caller may try the same operation again later (an MLflow outage, a timeout, HTTP 429 / 5xx).
 */
export class TrackingError extends Error {
  readonly kind: TrackingErrorKind;
  readonly operation: string;
  readonly status: number | undefined;
  readonly errorCode: string | undefined;

  constructor(message: string, options: TrackingErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrackingError';
    this.kind = options.kind;
    this.operation = options.operation;
    this.status = options.status;
    this.errorCode = options.errorCode;
  }

  get retryable(): boolean {
    return this.kind === 'unavailable';
  }
}

/** True when `error` is a TrackingError of the given kind. */
export function isTrackingError(error: unknown, kind?: TrackingErrorKind): error is TrackingError {
  return error instanceof TrackingError && (kind === undefined || error.kind === kind);
}
