import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { StoreInputError } from '../ports/store.js';
import { TrackingError } from '../ports/tracking-error.js';
import { type ErrorDetail, ServiceError } from '../services/service-errors.js';
import type { ErrorBody } from './error-body.js';

interface AjvError {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Longest path parameter the router matches (Fastify's maxParamLength); ids and names are far shorter. */
export const MAX_PATH_PARAMETER_CHARS = 200;

const SERVICE_STATUS = {
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  forbidden: 403,
  unavailable: 503,
} as const;

const FASTIFY_CODES: Record<string, { status: number; error: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: 'bad_request' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'bad_request' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'bad_request' },
  FST_ERR_BAD_URL: { status: 400, error: 'bad_request' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, error: 'uri_too_long' },
};

/** Where each framework error points in the request (a JSON Pointer as in validation details). */
const FASTIFY_DETAIL: Record<string, ErrorDetail> = {
  FST_ERR_BAD_URL: { path: '/params', reason: 'a path segment is not valid percent-encoded UTF-8' },
  FST_ERR_MAX_PARAM_LENGTH: {
    path: '/params',
    reason: `a path parameter is longer than ${MAX_PATH_PARAMETER_CHARS} characters`,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { path: '/headers/content-length', reason: 'does not match the body' },
};

/** Fastify's message without the echoed URL (which may be long or hold what made it invalid). */
function frameworkMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_BAD_URL') return 'the URL path is not valid percent-encoded UTF-8';
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return 'a path parameter is too long';
  return error.message;
}

/** One readable reason per AJV error, with the JSON path of the field it concerns. */
function validationDetails(errors: readonly AjvError[], context: string | undefined): ErrorDetail[] {
  // Fastify names the query string `querystring`; the documented prefix is `query`.
  const prefix =
    context === undefined || context === 'body' ? '' : context === 'querystring' ? '/query' : `/${context}`;
  const details = errors
    // anyOf reports each failed branch and then itself: keep the summary, drop the branch noise.
    .filter(
      (e, _, all) =>
        !(e.keyword === 'type' && all.some((o) => o.keyword === 'anyOf' && o.instancePath === e.instancePath)),
    )
    .map((e) => {
      if (e.keyword === 'required')
        return { path: `${prefix}${e.instancePath}/${String(e.params.missingProperty)}`, reason: 'is required' };
      if (e.keyword === 'additionalProperties') {
        return {
          path: `${prefix}${e.instancePath}/${String(e.params.additionalProperty)}`,
          reason: 'is not allowed here',
        };
      }
      if (e.keyword === 'anyOf')
        return {
          path: `${prefix}${e.instancePath}`,
          reason: 'must be a number, a string, a boolean or null as the schema allows',
        };
      return { path: `${prefix}${e.instancePath}`, reason: e.message ?? e.keyword };
    });
  return details.filter((d, i) => details.findIndex((o) => o.path === d.path && o.reason === d.reason) === i);
}

/** Maps every error to `{ error, message, details[] }`; bad input is always a 4xx, never a 500. */
export function handleError(
  error: FastifyError & { validation?: AjvError[] },
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  let status = 500;
  let body: ErrorBody = { error: 'internal', message: 'internal error; see the server log', details: [] };
  if (error instanceof ServiceError) {
    status = SERVICE_STATUS[error.kind];
    body = { error: error.kind, message: error.message, details: [...error.details] };
    if (status === 503) reply.header('retry-after', '5');
  } else if (error instanceof StoreInputError) {
    // The edge refuses such input before a use case runs; this catches what a use case derived from it.
    status = 422;
    body = {
      error: 'unprocessable',
      message: 'a value cannot be stored',
      details: [{ path: error.path, reason: error.reason }],
    };
  } else if (error instanceof TrackingError && (error.kind === 'unavailable' || error.kind === 'unauthorized')) {
    // A dependency outage (MLflow down, timing out, refusing our credentials), not a fault of the request: retry later.
    status = 503;
    const reason =
      error.kind === 'unavailable' ? 'unreachable, timing out or failing' : 'refusing the configured credentials';
    body = {
      error: 'unavailable',
      message: `the tracking backend (model registry) is unavailable: ${error.message}`,
      details: [{ path: '/tracking', reason: `${error.operation}: ${reason}` }],
    };
    reply.header('retry-after', '5');
  } else if (error.validation !== undefined) {
    status = 400;
    const details = validationDetails(error.validation, error.validationContext);
    body = { error: 'bad_request', message: `invalid request: ${details.length} problem(s)`, details };
  } else if (error.code !== undefined && FASTIFY_CODES[error.code] !== undefined) {
    const mapped = FASTIFY_CODES[error.code];
    status = mapped.status;
    const detail = FASTIFY_DETAIL[error.code];
    body = { error: mapped.error, message: frameworkMessage(error), details: detail === undefined ? [] : [detail] };
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode;
    body = { error: 'bad_request', message: error.message, details: [] };
  }
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  // Framework errors (bad URL, over-long parameter) skip the route's hooks: the request id is set here too.
  return reply
    .status(status)
    .header('x-request-id', request.id)
    .send({ ...body, requestId: request.id });
}
