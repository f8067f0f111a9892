import { type Static, Type } from 'typebox';

export const ErrorDetailSchema = Type.Object({
  path: Type.String({
    description: 'JSON Pointer into the request (prefixed by `query`, `params` or `headers` outside the body)',
  }),
  reason: Type.String(),
});

/** Every non-2xx answer has this body. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.String({
      description: 'machine-readable code, e.g. bad_request, unauthorized, not_found, conflict, unprocessable',
    }),
    message: Type.String(),
    details: Type.Array(ErrorDetailSchema),
  },
  { $id: 'ErrorBody' },
);

export type ErrorBody = Static<typeof ErrorBodySchema>;

/** Standard error responses a route may give, for its OpenAPI entry. */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBodySchema]));
}
