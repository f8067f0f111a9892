import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../services/config/serve-settings.js';
import type { ApiKeyVerifier } from './api-keys.js';
import { authHook, type RouteAccess } from './auth-hook.js';
import { createClientErrorHandler } from './client-error-handler.js';
import { dashboardFallback, registerDashboard } from './dashboard-routes.js';
import { ErrorBodySchema } from './error-body.js';
import { handleError, MAX_PATH_PARAMETER_CHARS } from './error-handler.js';
import type { HttpServices } from './http-services.js';
import { registerStrictJsonParser } from './json-body-parser.js';
import { registerRequestLog, requestIdOf } from './request-log.js';
import { alertRoutes } from './routes/alert-routes.js';
import { driftReportRoutes } from './routes/drift-report-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { modelRoutes } from './routes/model-routes.js';
import { predictionRoutes } from './routes/prediction-routes.js';
import { retrainingDataRoutes } from './routes/retraining-data-routes.js';
import { retrainingRoutes } from './routes/retraining-routes.js';
import { refuseUnstorableParameters } from './unstorable-text-hook.js';

export interface HttpAppOptions {
  readonly services: HttpServices;
  readonly apiKeys: ApiKeyVerifier;
  /** Let GET routes through without a key (mutating routes always need one). Default false. */
  readonly openRead?: boolean;
  /** Largest accepted request body; default 16 MiB (a 500-row batch of 50 features is about 1 MiB). */
  readonly bodyLimitBytes?: number;
  /**
   * A request's headers and body must have arrived within this many ms, else 408 and the connection is closed
   * (slow or stalled uploads never hold a connection open). Default DEFAULT_REQUEST_TIMEOUT_MS (60 s).
   */
  readonly requestTimeoutMs?: number;
  /** A pino logger (compose.ts createLogger): one line per request, errors with their stack. Default: none. */
  readonly logger?: FastifyBaseLogger;
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
  const app = createFastify(options);
  const openRead = options.openRead === true;
  const dashboardDir = options.dashboardDir ?? null;
  recordRouteAccess(app, openRead);
  registerStrictJsonParser(app as unknown as FastifyInstance);
  app.setErrorHandler(handleError);
  registerRequestLog(app as unknown as FastifyInstance);
  observeRequestDurations(app, options.services);
  setNotFoundHandler(app, dashboardDir);
  app.addHook('onRequest', authHook({ apiKeys: options.apiKeys, openRead }));
  app.addHook('preValidation', refuseUnstorableParameters);
  await registerDocs(app);
  await registerRoutes(app, options.services, dashboardDir);
  return app;
}

function createFastify(options: HttpAppOptions): HttpApp {
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return Fastify({
    // Node checks both every connectionsCheckingInterval; headers get the same bound as the whole request.
    requestTimeout: requestTimeoutMs,
    http: {
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(requestTimeoutMs / 4)),
    },
    ...(options.logger === undefined ? { logger: false } : { loggerInstance: options.logger }),
    // One line per request from registerRequestLog (method, route, status, duration), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    bodyLimit: options.bodyLimitBytes ?? 16 * 1024 * 1024,
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_CHARS },
    // Errors raised before a route runs answer with the same error body as every other error.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
    clientErrorHandler: createClientErrorHandler((body) => ({ ...body, requestId: randomUUID() })),
    // No coercion and no silent removal: a wrong type or an unknown field is refused with its path.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, useDefaults: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as HttpApp;
}

/** Keeps every route's access as it is registered (read by `routeAccessOf`); /docs is open. */
function recordRouteAccess(app: HttpApp, openRead: boolean): void {
  const routeAccess: RouteAccessEntry[] = [];
  accessByApp.set(app, routeAccess);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, access: 'open' };
    const access = (route.config as { access?: RouteAccess } | undefined)?.access ?? 'admin';
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routeAccess.push({ method, url: route.url, access: access === 'read' && openRead ? 'open' : access });
    }
  });
}

function observeRequestDurations(app: HttpApp, services: HttpServices): void {
  const requestSeconds = services.metrics.histogram(
    'driftguard_http_request_duration_seconds',
    'HTTP request latency by route, method and status code.',
    ['route', 'method', 'status'],
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  );
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requestSeconds.observe(
      { route, method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

/** Unknown paths: the dashboard's client-side routes when it is served, else a 404 error body. */
function setNotFoundHandler(app: HttpApp, dashboardDir: string | null): void {
  app.setNotFoundHandler(
    (request, reply) =>
      (dashboardDir !== null && dashboardFallback(request, reply)) ||
      reply
        .status(404)
        .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}`, details: [] }),
  );
}

/** OpenAPI document (collected from the route schemas registered after it) and Swagger UI at /docs. */
async function registerDocs(app: HttpApp): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'driftguard',
        version: '1',
        description: 'Drift monitoring, alerting and retraining for ML models.',
      },
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
}

async function registerRoutes(app: HttpApp, services: HttpServices, dashboardDir: string | null): Promise<void> {
  await app.register(healthRoutes(services));
  await app.register(modelRoutes(services));
  await app.register(predictionRoutes(services));
  await app.register(driftReportRoutes(services));
  await app.register(alertRoutes(services));
  await app.register(eventRoutes(services));
  await app.register(retrainingRoutes(services));
  await app.register(retrainingDataRoutes(services));
  if (dashboardDir !== null) await registerDashboard(app as unknown as FastifyInstance, dashboardDir);
  app.get('/openapi.json', { config: { access: 'open' }, schema: { hide: true } }, async () => app.swagger());
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
