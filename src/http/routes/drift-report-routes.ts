import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { parseTimestamp } from '../../domain/timestamp.js';
import type { StoredDriftReport } from '../../ports/store.js';
import type { NumberedDriftReport } from '../../services/monitoring/drift-report-queries.js';
import { errorResponses } from '../error-body.js';
import type { HttpServices } from '../http-services.js';
import { ModelNameParams } from './model-routes.js';
import { pageLimit } from './page-limit.js';

const Digits = Type.String({ pattern: '^[0-9]{1,15}$' });
const DateTime = Type.String({ format: 'date-time' });

export const DriftReportEnvelopeSchema = Type.Object({
  id: Type.Integer({ description: 'unique over all models' }),
  sequence: Type.Integer({ minimum: 1, description: "the report's number among its model's reports (1 = first)" }),
  model: Type.String(),
  windowStart: DateTime,
  windowEnd: DateTime,
  createdAt: DateTime,
  severity: Type.Union([Type.Literal('none'), Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]),
  driftShare: Type.Number(),
  report: Type.Unsafe<StoredDriftReport['report']>(
    Type.Record(Type.String(), Type.Unknown(), { description: 'the drift report (docs/report-schema.md)' }),
  ),
});

export const MonitoringStatusSchema = Type.Object({
  model: Type.String(),
  state: Type.Union([Type.Literal('no_reference'), Type.Literal('collecting'), Type.Literal('monitoring')]),
  message: Type.String(),
  reference: Type.Union([
    Type.Object({
      source: Type.String(),
      createdAt: DateTime,
      rows: Type.Integer(),
      features: Type.Array(Type.Object({ name: Type.String(), kind: Type.String() })),
    }),
    Type.Null(),
  ]),
  predictions: Type.Object({ total: Type.Integer(), labeled: Type.Integer() }),
  latestReport: Type.Union([
    Type.Object({
      id: Type.Integer(),
      createdAt: DateTime,
      severity: Type.Union([Type.Literal('none'), Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]),
    }),
    Type.Null(),
  ]),
});

const present = (r: NumberedDriftReport) => ({
  id: r.id,
  sequence: r.sequence,
  model: r.model,
  windowStart: new Date(r.windowStartMs).toISOString(),
  windowEnd: new Date(r.windowEndMs).toISOString(),
  createdAt: new Date(r.createdAtMs).toISOString(),
  severity: r.severity,
  driftShare: r.driftShare,
  report: r.report,
});

function parseTime(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (typeof ms === 'string') {
    throw Object.assign(new Error(`query ${field} must be an ISO 8601 date-time`), {
      statusCode: 400,
      validation: [{ instancePath: `/${field}`, keyword: 'format', params: {}, message: ms }],
      validationContext: 'query',
    });
  }
  return ms;
}

const ReportPageLimit = pageLimit(50);

const Num = Type.Union([Type.Number(), Type.Null()]);
const EstimatedMetricSchema = Type.Object({
  metric: Type.String(),
  value: Num,
  lower: Num,
  upper: Num,
  samplingError: Num,
  reference: Num,
  threshold: Num,
  betterWhen: Type.Literal('higher'),
  alert: Type.Boolean(),
});
export const WindowPerformanceSchema = Type.Object({
  driftReportId: Type.Integer(),
  windowStart: DateTime,
  windowEnd: DateTime,
  severity: Type.Union([Type.Literal('none'), Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]),
  impact: Type.Union([
    Type.Object({
      grade: Type.String({
        description: '`performance-drop`, `no-measurable-impact`, `no-drift` or `not-estimated` (docs/estimation.md)',
      }),
      reason: Type.String(),
      dataDriftTriggers: Type.Boolean(),
    }),
    Type.Null(),
  ]),
  estimated: Type.Union([Type.Array(EstimatedMetricSchema), Type.Null()]),
  unavailableReason: Type.Union([Type.String(), Type.Null()]),
  realized: Type.Union([
    Type.Object({
      labelledRows: Type.Integer(),
      values: Type.Record(Type.String(), Num),
      warnings: Type.Array(
        Type.Object({ code: Type.String(), message: Type.String(), metric: Type.Optional(Type.String()) }),
      ),
    }),
    Type.Null(),
  ]),
});

/** Stored drift reports: pages newest first (cursor `before`), a time range, and the latest report. */
export function driftReportRoutes(
  services: Pick<HttpServices, 'driftReports' | 'monitoringStatus'>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/models/:name/drift-reports',
      {
        config: { access: 'read' },
        schema: {
          tags: ['drift'],
          params: ModelNameParams,
          querystring: Type.Object(
            {
              limit: ReportPageLimit.schema,
              before: Type.Optional(Digits),
              from: Type.Optional(DateTime),
              to: Type.Optional(DateTime),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(DriftReportEnvelopeSchema),
              nextBefore: Type.Union([Type.Integer(), Type.Null()]),
            }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await services.driftReports.page(request.params.name, {
          limit: ReportPageLimit.value(q.limit),
          beforeId: q.before === undefined ? undefined : Number(q.before),
          fromMs: parseTime(q.from, 'from'),
          toMs: parseTime(q.to, 'to'),
        });
        return { items: page.items.map(present), nextBefore: page.nextBefore };
      },
    );
    app.get(
      '/v1/models/:name/drift-reports/latest',
      {
        config: { access: 'read' },
        schema: {
          tags: ['drift'],
          params: ModelNameParams,
          response: { 200: DriftReportEnvelopeSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => present(await services.driftReports.latest(request.params.name)),
    );
    app.get(
      '/v1/models/:name/estimated-performance',
      {
        config: { access: 'read' },
        schema: {
          tags: ['drift'],
          description:
            'Performance estimated from the scores of each monitoring window (CBPE: value, band, threshold), oldest first, and the performance realized from the labels that arrived since, beside it (docs/estimation.md). A realized value outside the band is flagged `concept-shift`.',
          params: ModelNameParams,
          querystring: Type.Object({ limit: ReportPageLimit.schema }, { additionalProperties: false }),
          response: {
            200: Type.Object({ items: Type.Array(WindowPerformanceSchema) }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const items = await services.driftReports.performance(
          request.params.name,
          ReportPageLimit.value(request.query.limit),
        );
        return {
          items: items.map(({ windowStartMs, windowEndMs, estimated, realized, ...rest }) => ({
            ...rest,
            windowStart: new Date(windowStartMs).toISOString(),
            windowEnd: new Date(windowEndMs).toISOString(),
            estimated: estimated === null ? null : [...estimated],
            realized:
              realized === null
                ? null
                : {
                    labelledRows: realized.labelledRows,
                    values: { ...realized.values },
                    warnings: [...realized.warnings],
                  },
          })),
        };
      },
    );
    app.get(
      '/v1/models/:name/monitoring',
      {
        config: { access: 'read' },
        schema: {
          tags: ['drift'],
          description:
            'Where monitoring stands: `no_reference` (and how to give one: PUT /v1/models/{name}/reference), `collecting` the first window, or `monitoring`, in one sentence, with the reference in force and the latest report.',
          params: ModelNameParams,
          response: { 200: MonitoringStatusSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const s = await services.monitoringStatus.status(request.params.name);
        return {
          ...s,
          reference:
            s.reference === null
              ? null
              : {
                  ...s.reference,
                  features: [...s.reference.features],
                  createdAt: new Date(s.reference.createdAtMs).toISOString(),
                },
          latestReport:
            s.latestReport === null
              ? null
              : { ...s.latestReport, createdAt: new Date(s.latestReport.createdAtMs).toISOString() },
        };
      },
    );
  };
}
