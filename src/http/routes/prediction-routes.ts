import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { HttpServices } from '../http-services.js';
import { errorResponses } from '../error-body.js';
import { ModelNameParams } from './model-routes.js';

/** The most rows one request may carry; larger loads are split by the client (driftguard/client does). */
export const MAX_ROWS_PER_REQUEST = 10_000;

const CellSchema = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]);
const ClassSchema = Type.Union([Type.Number(), Type.String(), Type.Boolean()]);
const TimestampSchema = Type.Union([
  Type.String({ description: 'ISO 8601 date-time' }),
  Type.Number({ minimum: 0, description: 'milliseconds since the Unix epoch' }),
]);

export const PredictionInputSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'default: a generated UUID' })),
    timestamp: Type.Optional(TimestampSchema),
    modelVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    features: Type.Record(Type.String({ minLength: 1 }), CellSchema, { description: 'feature name → value; null for missing' }),
    prediction: Type.Union([ClassSchema, Type.Null()], { description: 'predicted class (or value, for regression)' }),
    score: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'positive-class probability' })),
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
    features: Type.Record(Type.String({ minLength: 1 }), CellSchema, { description: 'feature name → value; null or absent for missing' }),
  },
  { additionalProperties: false },
);

const ServedPredictionSchema = Type.Object({
  id: Type.String(),
  class: Type.Union([Type.String(), Type.Number()], { description: 'predicted class label (binary) or value (regression)' }),
  score: Type.Union([Type.Number(), Type.Null()], { description: 'P(positive class); null for regression' }),
  modelVersion: Type.String(),
});

/** Serving the champion, logging predictions made elsewhere, and joining ground truth that arrives later. */
export function predictionRoutes(services: Pick<HttpServices, 'predictionLogging' | 'predictionServing'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/models/:name/predict',
      {
        config: { access: 'ingest' },
        schema: {
          tags: ['serving'],
          description: 'Scores one row (`{ features }`) or a batch (`{ rows: [...] }`) with the champion version and logs every prediction.',
          params: ModelNameParams,
          body: Type.Union([PredictRowSchema, Type.Object({ rows: Type.Array(PredictRowSchema, { minItems: 1, maxItems: MAX_ROWS_PER_REQUEST }) }, { additionalProperties: false })]),
          response: {
            200: Type.Union([ServedPredictionSchema, Type.Object({ predictions: Type.Array(ServedPredictionSchema) })]),
            ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
          },
        },
      },
      async (request) => {
        const body = request.body;
        if ('rows' in body) return { predictions: await services.predictionServing.predict(request.params.name, body.rows) };
        const [one] = await services.predictionServing.predict(request.params.name, [body]);
        return one;
      },
    );
    app.post(
      '/v1/models/:name/predictions',
      {
        config: { access: 'ingest' },
        schema: {
          tags: ['ingestion'],
          description: 'Logs a batch of predictions; the batch is accepted or refused as a whole, with per-row reasons.',
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
        reply.status(201).send(await services.predictionLogging.logPredictions(request.params.name, request.body.predictions)),
    );
    app.post(
      '/v1/models/:name/labels',
      {
        config: { access: 'ingest' },
        schema: {
          tags: ['ingestion'],
          description: 'Joins ground truth to earlier predictions by id; unknown ids are listed, not stored.',
          params: ModelNameParams,
          body: Type.Object({ labels: Type.Array(LabelInputSchema, { minItems: 1, maxItems: MAX_ROWS_PER_REQUEST }) }, { additionalProperties: false }),
          response: {
            200: Type.Object({ joined: Type.Integer(), unknownIds: Type.Array(Type.String()) }),
            ...errorResponses(400, 401, 403, 404, 413, 415, 422),
          },
        },
      },
      async (request) => {
        const result = await services.predictionLogging.attachLabels(request.params.name, request.body.labels);
        return { joined: result.joined, unknownIds: [...result.unknownIds] };
      },
    );
  };
}
