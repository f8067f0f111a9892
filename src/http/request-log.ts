import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** A client's X-Request-Id is kept when it is this plain (so it can be logged and echoed as is); else one is made. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's genReqId: the client's X-Request-Id when sane, else a random UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

const isErrorBody = (payload: unknown): payload is Record<string, unknown> =>
  payload !== null && typeof payload === 'object' && 'error' in payload && 'message' in payload;

/**
 * Request ids and the request log: every answer carries `X-Request-Id`, every error body its `requestId`, and each
 * request writes one info line `{ msg: "request", reqId, method, route, status, durationMs }` when it is answered.
 * Only these fields: no header (API keys), no body (feature values), no query string.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload) =>
    reply.statusCode >= 400 && isErrorBody(payload) ? { ...payload, requestId: request.id } : payload,
  );
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
  });
}
