import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ApiKeyVerifier, hasRole, type Role } from './api-keys.js';

/** What a route needs: `open` routes need no key; the others need a key holding the role. */
export type RouteAccess = Role | 'open';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Name of the API key that authenticated the request (for audit records), if any. */
    principalName?: string;
  }
}

export interface AuthHookOptions {
  readonly apiKeys: ApiKeyVerifier;
  /** Let `read` routes through without a key. */
  readonly openRead: boolean;
}

/**
 * The onRequest hook: authenticates the API key (Authorization: Bearer or X-API-Key) and checks the route's role
 * (`config.access`, default `admin`). Unknown routes pass through to the 404 handler.
 */
export function authHook(options: AuthHookOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access ?? 'admin';
    if (request.is404 || access === 'open' || (access === 'read' && options.openRead)) return;
    const presented = bearerToken(request.headers.authorization) ?? headerValue(request.headers['x-api-key']);
    if (presented === undefined) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({
        error: 'unauthorized',
        message: 'an API key is required (Authorization: Bearer <key> or X-API-Key)',
        details: [],
      });
    }
    const principal = options.apiKeys.verify(presented);
    if (principal === null) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: 'unknown API key', details: [] });
    }
    request.principalName = principal.name;
    if (!hasRole(principal, access)) {
      return reply.status(403).send({
        error: 'forbidden',
        message: `this route needs the ${access} role; key ${principal.name} lacks it`,
        details: [],
      });
    }
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match === null ? undefined : match[1];
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
