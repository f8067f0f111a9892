import { type Static, Type } from 'typebox';

export const ErrorDetailSchema = Type.Object({
  path: Type.String({
    description: 'JSON Pointer into the request (prefixed by `query`, `params` or `headers` outside the body)',
  }),
  reason: Type.String(),
});

/** Every non-2xx answer has this body (the request id is added to every error body by the app). */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.String({
      description: 'machine-readable code, e.g. bad_request, unauthorized, not_found, conflict, unprocessable',
    }),
    message: Type.String(),
    details: Type.Array(ErrorDetailSchema),
    requestId: Type.String({
      description: 'the request id (also the X-Request-Id response header and the reqId of its log lines)',
    }),
  },
  { $id: 'ErrorBody' },
);

/** An error body as handlers build it; the app adds `requestId` to every one (request-log.ts). */
export type ErrorBody = Omit<Static<typeof ErrorBodySchema>, 'requestId'>;

/** Standard error responses a route may give, for its OpenAPI entry. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBodySchema]));
}
