import type { ErrorDetail } from '../services/service-errors.js';

export type { ErrorDetail };

/**
 * The server refused a request with a 4xx answer (`{ error, message, details[] }`), or kept failing with 429 / 5xx
 * until the retries ran out. `details` name the offending field and the reason, as the server sent them.
 */
export class DriftguardRequestError extends Error {
  override readonly name = 'DriftguardRequestError';
  constructor(
    /** HTTP status code. */
    readonly status: number,
    /** Machine-readable code from the server: bad_request, unauthorized, not_found, conflict, unprocessable, … */
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[],
    /** Attempts made, including the first. */
    readonly attempts = 1,
  ) {
    super(message);
  }
}

/** The server could not be reached (connection refused or reset, DNS, timeout) on every attempt. */
export class DriftguardNetworkError extends Error {
  override readonly name = 'DriftguardNetworkError';
  constructor(
    message: string,
    readonly attempts: number,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The client refused a row without sending it: it is closed, or its queue is full (the server is down or slow). */
export class DriftguardClientStateError extends Error {
  override readonly name = 'DriftguardClientStateError';
}
