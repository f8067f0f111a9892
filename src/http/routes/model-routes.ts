import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ModelName, MonitoredModelDefinitionSchema } from '../../services/monitored-model-definition.js';
import type { MonitoredModel } from '../../services/monitored-models.js';
import { UnprocessableError } from '../../services/service-errors.js';
import type { HttpServices } from '../http-services.js';
import { errorResponses } from '../error-body.js';

export const MonitoredModelSchema = Type.Object({
  definition: MonitoredModelDefinitionSchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ModelNameParams = Type.Object({ name: ModelName });

const present = (m: MonitoredModel) => ({
  definition: m.definition,
  createdAt: new Date(m.createdAtMs).toISOString(),
  updatedAt: new Date(m.updatedAtMs).toISOString(),
});

/** Monitored models: create (admin), replace (admin), list and get (read). */
export function modelRoutes(services: Pick<HttpServices, 'models'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/models',
      {
        config: { access: 'admin' },
        schema: { tags: ['models'], body: MonitoredModelDefinitionSchema, response: { 201: MonitoredModelSchema, ...errorResponses(400, 401, 403, 409) } },
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
          throw new UnprocessableError('the body names another model than the URL', [{ path: '/name', reason: `must be ${request.params.name}` }]);
        }
        return present(await services.models.replace(request.body));
      },
    );
    app.get(
      '/v1/models',
      { config: { access: 'read' }, schema: { tags: ['models'], response: { 200: Type.Object({ items: Type.Array(MonitoredModelSchema) }), ...errorResponses(401, 403) } } },
      async () => ({ items: (await services.models.list()).map(present) }),
    );
    app.get(
      '/v1/models/:name',
      {
        config: { access: 'read' },
        schema: { tags: ['models'], params: ModelNameParams, response: { 200: MonitoredModelSchema, ...errorResponses(400, 401, 403, 404) } },
      },
      async (request) => present(await services.models.get(request.params.name)),
    );
  };
}
