import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { ModelName, MonitoredModelDefinitionSchema } from '../../services/config/monitored-model-definition.js';
import type { MonitoredModel } from '../../services/monitored-models.js';
import { UnprocessableError } from '../../services/service-errors.js';
import { errorResponses } from '../error-body.js';
import type { HttpServices } from '../http-services.js';

export const MonitoredModelSchema = Type.Object({
  definition: MonitoredModelDefinitionSchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ModelNameParams = Type.Object({ name: ModelName });

export const ModelVersionSchema = Type.Object({
  version: Type.String(),
  aliases: Type.Array(Type.String()),
  runId: Type.String(),
  source: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  tags: Type.Record(Type.String(), Type.String()),
  metrics: Type.Record(Type.String(), Type.Number()),
});

const present = (m: MonitoredModel) => ({
  definition: m.definition,
  createdAt: new Date(m.createdAtMs).toISOString(),
  updatedAt: new Date(m.updatedAtMs).toISOString(),
});

const CellSchema = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]);

const ReferenceRowsBody = Type.Object(
  { rows: Type.Array(Type.Record(Type.String({ minLength: 1 }), CellSchema), { minItems: 1, maxItems: 1_000_000 }) },
  { additionalProperties: false },
);

/** Monitored models: create (admin), replace (admin), list and get (read), set the reference (admin). */
export function modelRoutes(
  services: Pick<HttpServices, 'models' | 'referenceUpload' | 'versions'>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/models/:name/versions',
      {
        config: { access: 'read' },
        schema: {
          tags: ['models'],
          description:
            'Registry versions of the model (MLflow or the local store), newest first, with aliases, tags and run metrics.',
          params: ModelNameParams,
          response: {
            200: Type.Object({ items: Type.Array(ModelVersionSchema) }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => ({
        items: (await services.versions.list(request.params.name)).map((v) => ({
          ...v,
          aliases: [...v.aliases],
          tags: { ...v.tags },
          metrics: { ...v.metrics },
          createdAt: new Date(v.createdAtMs).toISOString(),
        })),
      }),
    );
    // Its own scope, so that only this route accepts CSV (every other route answers 415 to it) and text/plain is not taken for it.
    await app.register(async (scope) => {
      scope.removeContentTypeParser('text/plain');
      // Bytes, not a string: the body goes to the parsing thread as is (one copy, transferred), never decoded here.
      scope.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.put(
        '/v1/models/:name/reference',
        {
          config: { access: 'admin' },
          schema: {
            tags: ['models'],
            description:
              'Sets the reference drift is measured against from uploaded data (e.g. the training data): JSON rows ' +
              '(`application/json`, `{"rows": [...]}`) or CSV text with a header line (`text/csv`; RFC 4180 quoting, numbers / ' +
              'booleans / strings detected per column, empty and NA cells missing). The bounded profile is stored. Malformed ' +
              'CSV is a 400 naming the line (`/csv/line/<n>`) and the reason; other content types are a 415.',
            params: ModelNameParams,
            body: {
              content: {
                'application/json': { schema: ReferenceRowsBody },
                // No `type`: the body arrives as bytes (UTF-8), which a string schema would refuse.
                'text/csv': { schema: Type.Unsafe<Buffer>({ description: 'CSV with a header line (UTF-8)' }) },
              },
            },
            response: {
              200: Type.Object({
                model: Type.String(),
                source: Type.String(),
                rows: Type.Integer(),
                features: Type.Array(Type.Object({ name: Type.String(), kind: Type.String() })),
                createdAt: Type.String({ format: 'date-time' }),
              }),
              ...errorResponses(400, 401, 403, 404, 413, 415, 422),
            },
          },
        },
        async (request) => {
          const { name } = request.params as Static<typeof ModelNameParams>;
          const by = request.principalName ?? 'api';
          const body = request.body as Buffer | Static<typeof ReferenceRowsBody>;
          const summary =
            body instanceof Uint8Array
              ? await services.referenceUpload.setFromCsv(name, body, by)
              : await services.referenceUpload.setFromRows(name, body.rows, by);
          return {
            ...summary,
            features: [...summary.features],
            createdAt: new Date(summary.createdAtMs).toISOString(),
          };
        },
      );
    });
    app.post(
      '/v1/models',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['models'],
          body: MonitoredModelDefinitionSchema,
          response: { 201: MonitoredModelSchema, ...errorResponses(400, 401, 403, 409, 422) },
        },
      },
      async (request, reply) => reply.status(201).send(present(await services.models.create(request.body))),
    );
    app.put(
      '/v1/models/:name',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['models'],
          params: ModelNameParams,
          body: MonitoredModelDefinitionSchema,
          response: { 200: MonitoredModelSchema, ...errorResponses(400, 401, 403, 422) },
        },
      },
      async (request) => {
        if (request.body.name !== request.params.name) {
          throw new UnprocessableError('the body names another model than the URL', [
            { path: '/name', reason: `must be ${request.params.name}` },
          ]);
        }
        return present(await services.models.replace(request.body));
      },
    );
    app.get(
      '/v1/models',
      {
        config: { access: 'read' },
        schema: {
          tags: ['models'],
          response: { 200: Type.Object({ items: Type.Array(MonitoredModelSchema) }), ...errorResponses(401, 403) },
        },
      },
      async () => ({ items: (await services.models.list()).map(present) }),
    );
    app.get(
      '/v1/models/:name',
      {
        config: { access: 'read' },
        schema: {
          tags: ['models'],
          params: ModelNameParams,
          response: { 200: MonitoredModelSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => present(await services.models.get(request.params.name)),
    );
  };
}
