import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { hasRole, type ApiKeyVerifier, type Role } from './api-keys.js';
import { dashboardFallback, registerDashboard } from './dashboard-routes.js';
import { ErrorBodySchema } from './error-body.js';
import { handleError } from './error-handler.js';
import type { HttpServices } from './http-services.js';
import { registerStrictJsonParser } from './json-body-parser.js';
import { alertRoutes } from './routes/alert-routes.js';
import { driftReportRoutes } from './routes/drift-report-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { modelRoutes } from './routes/model-routes.js';
import { predictionRoutes } from './routes/prediction-routes.js';
import { retrainingRoutes } from './routes/retraining-routes.js';

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


export interface HttpAppOptions {
  readonly services: HttpServices;
  readonly apiKeys: ApiKeyVerifier;
  /** Let GET routes through without a key (mutating routes always need one). Default false. */
  readonly openRead?: boolean;
  /** Largest accepted request body; default 16 MiB (a 500-row batch of 50 features is about 1 MiB). */
  readonly bodyLimitBytes?: number;
  readonly logger?: FastifyBaseLogger | boolean;
  /** Directory of the built dashboard (index.html + assets/) served at `/`; null or absent serves none. */
  readonly dashboardDir?: string | null;
}

export type HttpApp = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Builds the Fastify application: schema-first routes (validation, types and OpenAPI from one schema). */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes ?? 16 * 1024 * 1024,
    // No coercion and no silent removal: a wrong type or an unknown field is refused with its path.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, useDefaults: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as HttpApp;

  const routeAccess: RouteAccessEntry[] = [];
  accessByApp.set(app, routeAccess);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, access: 'open' };
    const access = (route.config as { access?: RouteAccess } | undefined)?.access ?? 'admin';
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeAccess.push({ method, url: route.url, access: access === 'read' && options.openRead === true ? 'open' : access });
    }
  });
  registerStrictJsonParser(app as unknown as FastifyInstance);
  app.setErrorHandler(handleError);
  const requestSeconds = options.services.metrics.histogram(
    'driftguard_http_request_duration_seconds',
    'HTTP request latency by route, method and status code.',
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  );
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requestSeconds.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  const dashboardDir = options.dashboardDir ?? null;
  app.setNotFoundHandler(
    (request, reply) =>
      (dashboardDir !== null && dashboardFallback(request, reply)) ||
      reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}`, details: [] }),
  );

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access ?? 'admin';
    if (request.is404 || access === 'open' || (access === 'read' && options.openRead === true)) return;
    const presented = bearerToken(request.headers.authorization) ?? headerValue(request.headers['x-api-key']);
    if (presented === undefined) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: 'an API key is required (Authorization: Bearer <key> or X-API-Key)', details: [] });
    }
    const principal = options.apiKeys.verify(presented);
    if (principal === null) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'unknown API key', details: [] });
    }
    request.principalName = principal.name;
    if (!hasRole(principal, access)) {
      return reply
        .status(403)
        .send({ error: 'forbidden', message: `this route needs the ${access} role; key ${principal.name} lacks it`, details: [] });
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'driftguard', version: '1', description: 'Drift monitoring, alerting and retraining for ML models.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'an API key' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
  });
  app.addSchema(ErrorBodySchema);
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: false } });

  await app.register(healthRoutes(options.services));
  await app.register(modelRoutes(options.services));
  await app.register(predictionRoutes(options.services));
  await app.register(driftReportRoutes(options.services));
  await app.register(alertRoutes(options.services));
  await app.register(eventRoutes(options.services));
  await app.register(retrainingRoutes(options.services));
  if (dashboardDir !== null) await registerDashboard(app as unknown as FastifyInstance, dashboardDir);
  app.get('/openapi.json', { config: { access: 'open' }, schema: { hide: true } }, async () => app.swagger());
  return app;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match === null ? undefined : match[1];
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export interface RouteAccessEntry {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
}

const accessByApp = new WeakMap<object, RouteAccessEntry[]>();

/** Every registered route with the access it needs (for the start-up log: which routes are open). */
export function routeAccessOf(app: HttpApp): readonly RouteAccessEntry[] {
  return accessByApp.get(app) ?? [];
}
