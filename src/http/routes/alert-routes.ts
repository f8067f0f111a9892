import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Alert } from '../../domain/alert.js';
import { errorResponses } from '../error-body.js';
import type { HttpServices } from '../http-services.js';
import { pageLimit } from './page-limit.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const SeveritySchema = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);
const StatusSchema = Type.Union([Type.Literal('firing'), Type.Literal('acknowledged'), Type.Literal('resolved')]);

export const AlertSchema = Type.Object({
  id: Type.String(),
  model: Type.String(),
  kind: Type.Union([
    Type.Literal('data_drift'),
    Type.Literal('prediction_drift'),
    Type.Literal('performance_drift'),
    Type.Literal('data_quality'),
    Type.Literal('multivariate_drift'),
    Type.Literal('estimated_performance'),
  ]),
  severity: SeveritySchema,
  peakSeverity: SeveritySchema,
  status: StatusSchema,
  dedupKey: Type.String(),
  summary: Type.String(),
  firstSeen: DateTime,
  lastSeen: DateTime,
  resolvedAt: Nullable(DateTime),
  acknowledgedAt: Nullable(DateTime),
  acknowledgedBy: Nullable(Type.String()),
  driftReportId: Type.Union([Type.Integer(), Type.Null()]),
});

export const AlertDeliverySchema = Type.Object({
  sink: Type.String(),
  event: Type.String(),
  attempt: Type.Integer(),
  outcome: Type.String(),
  httpStatus: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  at: DateTime,
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const present = (a: Alert) => ({
  id: a.id,
  model: a.model,
  kind: a.kind,
  severity: a.severity,
  peakSeverity: a.peakSeverity,
  status: a.status,
  dedupKey: a.dedupKey,
  summary: a.summary,
  firstSeen: iso(a.firstSeenMs)!,
  lastSeen: iso(a.lastSeenMs)!,
  resolvedAt: iso(a.resolvedAtMs),
  acknowledgedAt: iso(a.acknowledgedAtMs),
  acknowledgedBy: a.acknowledgedBy,
  driftReportId: a.driftReportId,
});

const AlertPageLimit = pageLimit(100);

/** Alerts: filter by model / status / severity (read), details with deliveries (read), acknowledge (admin). */
export function alertRoutes(services: Pick<HttpServices, 'alerts'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/alerts',
      {
        config: { access: 'read' },
        schema: {
          tags: ['alerts'],
          querystring: Type.Object(
            {
              model: Type.Optional(Type.String({ minLength: 1 })),
              status: Type.Optional(StatusSchema),
              severity: Type.Optional(SeveritySchema),
              limit: AlertPageLimit.schema,
              before: Type.Optional(
                Type.String({ pattern: '^[0-9]{1,15}$', description: 'cursor: nextBefore of the previous page' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(AlertSchema), nextBefore: Type.Union([Type.Integer(), Type.Null()]) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await services.alerts.list({
          model: q.model,
          status: q.status,
          severity: q.severity,
          limit: AlertPageLimit.value(q.limit),
          beforeFirstSeenMs: q.before === undefined ? undefined : Number(q.before),
        });
        return { items: page.items.map(present), nextBefore: page.nextBefore };
      },
    );
    app.get(
      '/v1/alerts/:id',
      {
        config: { access: 'read' },
        schema: {
          tags: ['alerts'],
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
          response: {
            200: Type.Object({
              alert: AlertSchema,
              deliveries: Type.Array(AlertDeliverySchema),
            }),
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request) => {
        const { alert, deliveries } = await services.alerts.get(request.params.id);
        return {
          alert: present(alert),
          deliveries: deliveries.map((d) => ({
            sink: d.sink,
            event: d.event,
            attempt: d.attempt,
            outcome: d.outcome,
            httpStatus: d.httpStatus,
            error: d.error,
            at: iso(d.atMs)!,
          })),
        };
      },
    );
    app.post(
      '/v1/alerts/:id/acknowledge',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['alerts'],
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
          response: { 200: AlertSchema, ...errorResponses(400, 401, 403, 404, 422) },
        },
      },
      // Recorded as acknowledged by the API key's name: who acknowledged is not the client's to claim.
      async (request) => present(await services.alerts.acknowledge(request.params.id, request.principalName ?? 'api')),
    );
  };
}
