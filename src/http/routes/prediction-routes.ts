import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { rebaseDetailPaths, ServiceError } from '../../services/service-errors.js';
import { errorResponses } from '../error-body.js';
import type { HttpServices } from '../http-services.js';
import { ModelNameParams } from './model-routes.js';
import { pageLimit } from './page-limit.js';

/** The most rows one request may carry; larger loads are split by the client (driftguard/client does). */
export const MAX_ROWS_PER_REQUEST = 10_000;

const CellSchema = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]);
const ClassSchema = Type.Union([Type.Number(), Type.String(), Type.Boolean()]);
/** Checked by the use case (domain/timestamp.ts), so that a refusal is a 422 naming the row like every row rule. */
const TimestampSchema = Type.Union(
  [
    Type.String({
      description:
        'ISO 8601 date-time, RFC 3339 profile: calendar-valid, with seconds and Z or ±hh:mm (e.g. 2026-11-27T08:15:00.123Z); years 1970–9999',
    }),
    Type.Number({ description: 'milliseconds since the Unix epoch, 0 … 253402300799999 (9999-12-31T23:59:59.999Z)' }),
  ],
  { description: 'default: the time it is received; fractional milliseconds are rounded to the nearest one' },
);

export const PredictionInputSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'default: a generated UUID' })),
    timestamp: Type.Optional(TimestampSchema),
    modelVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    features: Type.Record(Type.String({ minLength: 1 }), CellSchema, {
      description: 'feature name → value; null for missing',
    }),
    prediction: Type.Union([ClassSchema, Type.Null()], { description: 'predicted class (or value, for regression)' }),
    score: Type.Optional(
      Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'positive-class probability' }),
    ),
  },
  { additionalProperties: false },
);

export const LabelInputSchema = Type.Object(
  {
    predictionId: Type.String({ minLength: 1, maxLength: 200 }),
    label: ClassSchema,
    timestamp: Type.Optional(TimestampSchema),
  },
  { additionalProperties: false },
);

/** Logging predictions made elsewhere, and joining ground truth that arrives later (ingest role). */
const PredictRowSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'default: a generated UUID' })),
    timestamp: Type.Optional(TimestampSchema),
    features: Type.Record(Type.String({ minLength: 1 }), CellSchema, {
      description: 'feature name → value; null or absent for missing',
    }),
  },
  { additionalProperties: false },
);

const ServedPredictionSchema = Type.Object({
  id: Type.String(),
  class: Type.Union([Type.String(), Type.Number()], {
    description: 'predicted class label (binary) or value (regression)',
  }),
  score: Type.Union([Type.Number(), Type.Null()], { description: 'P(positive class); null for regression' }),
  modelVersion: Type.String(),
});

const Digits = (description: string) => Type.String({ pattern: '^[0-9]{1,15}$', description });

const PredictionPageLimit = pageLimit(50);
const RevisionPageLimit = pageLimit(100);

export const PredictionListQuerySchema = Type.Object(
  {
    limit: PredictionPageLimit.schema,
    before: Type.Optional(Digits('cursor: nextBefore of the previous page')),
    fromMs: Type.Optional(Digits('only predictions at or after this time (ms since the epoch)')),
    toMs: Type.Optional(Digits('only predictions before this time (ms since the epoch)')),
    class: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'predicted class, e.g. 1 or yes' })),
    labeled: Type.Optional(
      Type.Union([Type.Literal('true'), Type.Literal('false')], {
        description: 'true: labelled rows only; false: unlabelled only',
      }),
    ),
  },
  { additionalProperties: false },
);

export const LoggedPredictionSchema = Type.Object({
  sequence: Type.Integer(),
  id: Type.String(),
  modelVersion: Type.Union([Type.String(), Type.Null()]),
  timestamp: Type.String({ format: 'date-time' }),
  features: Type.Record(Type.String(), CellSchema),
  prediction: Type.Union([ClassSchema, Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  label: CellSchema,
  labelTimestamp: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const PredictionLogPageSchema = Type.Object({
  items: Type.Array(LoggedPredictionSchema),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], {
    description: 'cursor of the next (older) page; null on the last',
  }),
  counts: Type.Object(
    { total: Type.Integer(), labeled: Type.Integer() },
    { description: 'the whole log of the model' },
  ),
});

/** Serving the champion, logging predictions made elsewhere, and joining ground truth that arrives later. */
export function predictionRoutes(
  services: Pick<HttpServices, 'predictionLogging' | 'predictionServing' | 'predictionLog'>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/models/:name/predictions',
      {
        config: { access: 'read' },
        schema: {
          tags: ['ingestion'],
          description:
            'Pages the prediction log newest first, filtered by time, predicted class and whether a label arrived.',
          params: ModelNameParams,
          querystring: PredictionListQuerySchema,
          response: { 200: PredictionLogPageSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const q = request.query;
        const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));
        const page = await services.predictionLog.page(request.params.name, {
          limit: PredictionPageLimit.value(q.limit),
          beforeSequence: num(q.before),
          fromMs: num(q.fromMs),
          toMs: num(q.toMs),
          predictedClass: q.class,
          labeled: q.labeled === undefined ? undefined : q.labeled === 'true',
        });
        return {
          items: page.items.map((p) => ({
            sequence: p.sequence,
            id: p.id,
            modelVersion: p.modelVersion,
            timestamp: new Date(p.timestampMs).toISOString(),
            features: { ...p.features },
            prediction: p.predictedClass,
            score: p.score,
            label: p.label,
            labelTimestamp: p.labelTimestampMs === null ? null : new Date(p.labelTimestampMs).toISOString(),
          })),
          nextBefore: page.nextBefore,
          counts: page.counts,
        };
      },
    );
    app.post(
      '/v1/models/:name/predict',
      {
        config: { access: 'ingest' },
        schema: {
          tags: ['serving'],
          description:
            'Scores one row (`{ features }`) or a batch (`{ rows: [...] }`) with the champion version and logs every prediction.',
          params: ModelNameParams,
          body: Type.Union([
            PredictRowSchema,
            Type.Object(
              { rows: Type.Array(PredictRowSchema, { minItems: 1, maxItems: MAX_ROWS_PER_REQUEST }) },
              { additionalProperties: false },
            ),
          ]),
          response: {
            200: Type.Union([ServedPredictionSchema, Type.Object({ predictions: Type.Array(ServedPredictionSchema) })]),
            ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 503),
          },
        },
      },
      async (request) => {
        const body = request.body;
        if ('rows' in body)
          return { predictions: await services.predictionServing.predict(request.params.name, body.rows) };
        // One row: detail paths are relative to the body as sent (`/features/x`, not `/rows/0/features/x`).
        const [one] = await services.predictionServing.predict(request.params.name, [body]).catch((error: unknown) => {
          throw error instanceof ServiceError ? rebaseDetailPaths(error, /^\/rows\/0(?=\/|$)/, '') : error;
        });
        return one;
      },
    );
    app.post(
      '/v1/models/:name/predictions',
      {
        config: { access: 'ingest' },
        schema: {
          tags: ['ingestion'],
          description:
            'Logs a batch of predictions; the batch is accepted or refused as a whole, with per-row reasons.',
          params: ModelNameParams,
          body: Type.Object(
            { predictions: Type.Array(PredictionInputSchema, { minItems: 1, maxItems: MAX_ROWS_PER_REQUEST }) },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ accepted: Type.Integer(), ids: Type.Array(Type.String()) }),
            ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await services.predictionLogging.logPredictions(request.params.name, request.body.predictions)),
    );
    app.post(
      '/v1/models/:name/labels',
      {
        config: { access: 'ingest' },
        schema: {
          tags: ['ingestion'],
          description: 'Joins ground truth to earlier predictions by id; unknown ids are listed, not stored.',
          params: ModelNameParams,
          body: Type.Object(
            {
              labels: Type.Array(LabelInputSchema, { minItems: 1, maxItems: MAX_ROWS_PER_REQUEST }),
              overwrite: Type.Optional(
                Type.Boolean({
                  description:
                    'replace labels that differ from the stored ones (each replaced label is kept, GET …/label-revisions); default false: such a batch is a 409 listing the ids',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              joined: Type.Integer(),
              unknownIds: Type.Array(Type.String()),
              relabeledIds: Type.Array(Type.String(), {
                description: 'predictions whose different label was replaced (overwrite)',
              }),
            }),
            ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
          },
        },
      },
      async (request) => {
        const result = await services.predictionLogging.attachLabels(request.params.name, request.body.labels, {
          overwrite: request.body.overwrite,
          by: request.principalName,
        });
        return { joined: result.joined, unknownIds: [...result.unknownIds], relabeledIds: [...result.relabeledIds] };
      },
    );
    app.get(
      '/v1/models/:name/label-revisions',
      {
        config: { access: 'read' },
        schema: {
          tags: ['ingestion'],
          description: 'Labels replaced with "overwrite": true, newest first: the audit trail of ground truth.',
          params: ModelNameParams,
          querystring: Type.Object(
            {
              predictionId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              limit: RevisionPageLimit.schema,
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  predictionId: Type.String(),
                  previousLabel: ClassSchema,
                  previousLabelTimestamp: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
                  label: ClassSchema,
                  labelTimestamp: Type.String({ format: 'date-time' }),
                  revisedAt: Type.String({ format: 'date-time' }),
                  revisedBy: Type.String({ description: 'the name of the API key that sent the new label' }),
                }),
              ),
            }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const revisions = await services.predictionLogging.labelRevisions(request.params.name, {
          predictionId: request.query.predictionId,
          limit: RevisionPageLimit.value(request.query.limit),
        });
        const iso = (ms: number) => new Date(ms).toISOString();
        return {
          items: revisions.map((r) => ({
            predictionId: r.predictionId,
            previousLabel: r.previousLabel,
            previousLabelTimestamp: r.previousLabelTimestampMs === null ? null : iso(r.previousLabelTimestampMs),
            label: r.label,
            labelTimestamp: iso(r.labelTimestampMs),
            revisedAt: iso(r.revisedAtMs),
            revisedBy: r.revisedBy,
          })),
        };
      },
    );
  };
}
