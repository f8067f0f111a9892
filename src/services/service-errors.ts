/** One reason a request was refused, attached to the JSON path of the offending field. */
export interface ErrorDetail {
  /** JSON Pointer-like path into the request, e.g. `/predictions/3/features/income`. */
  readonly path: string;
  readonly reason: string;
}

/** Base of errors a use case raises on purpose; the HTTP edge maps `kind` to a status code. */
export abstract class ServiceError extends Error {
  abstract readonly kind: 'bad_request' | 'not_found' | 'conflict' | 'unprocessable' | 'forbidden' | 'unavailable';
  constructor(
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** Input the use case cannot read at all (e.g. malformed CSV in a body); nothing was written. */
export class BadRequestError extends ServiceError {
  override readonly name = 'BadRequestError';
  readonly kind = 'bad_request';
}

export class NotFoundError extends ServiceError {
  override readonly name = 'NotFoundError';
  readonly kind = 'not_found';
}

export class ConflictError extends ServiceError {
  override readonly name = 'ConflictError';
  readonly kind = 'conflict';
}

/** Well-formed input that breaks a rule of the model (unknown feature, duplicate id …); nothing was written. */
export class UnprocessableError extends ServiceError {
  override readonly name = 'UnprocessableError';
  readonly kind = 'unprocessable';
}

/** A dependency the request needs cannot answer now (the model's endpoint down, its circuit open): retry later. */
export class UnavailableError extends ServiceError {
  override readonly name = 'UnavailableError';
  readonly kind = 'unavailable';
}

/**
 * The same error with every detail path under `from` moved under `to` (e.g. `/predictions/3/id` → `/rows/3/id`), for
 * a use case that reuses another's checks but whose request names the rows differently.
 */
export function rebaseDetailPaths<E extends ServiceError>(error: E, from: RegExp, to: string): E {
  const rebased = Object.create(Object.getPrototypeOf(error) as object) as E;
  Object.assign(rebased, error, {
    details: error.details.map((d) => ({ path: d.path.replace(from, to), reason: d.reason })),
  });
  Object.defineProperty(rebased, 'message', { value: error.message, writable: true, configurable: true });
  Object.defineProperty(rebased, 'stack', { value: error.stack, writable: true, configurable: true });
  return rebased;
}
