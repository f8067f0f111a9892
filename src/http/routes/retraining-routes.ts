import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RetrainingJob } from '../../domain/retraining-job.js';
import { errorResponses } from '../error-body.js';
import type { HttpServices } from '../http-services.js';
import { ModelNameParams } from './model-routes.js';
import { pageLimit } from './page-limit.js';
import { RetrainingJobSchema } from './retraining-job-schema.js';

const Reason = Type.String({
  minLength: 1,
  maxLength: 2000,
  pattern: '\\S',
  description: 'why (recorded in the registry and the job)',
});
const ChampionChangeSchema = Type.Object({
  fromVersion: Type.Union([Type.String(), Type.Null()]),
  toVersion: Type.String(),
  changed: Type.Boolean({ description: 'false when the champion already was that version' }),
});

/** The job as the response schema types it (mutable arrays; the JSON is the same). */
const present = (job: RetrainingJob) => ({ ...job, steps: [...job.steps] });

const JobPageLimit = pageLimit(50);

/**
 * Retraining and champion moves (docs/retraining.md): trigger a job (admin), list / get jobs (read), roll back
 * and promote the champion (admin) — the serving model and the reference follow the champion.
 */
export function retrainingRoutes(services: Pick<HttpServices, 'retraining' | 'champions'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/v1/models/:name/retraining',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['retraining'],
          description:
            'Manual retraining trigger: opens a job (queued, or deferred with the exact reason when the labelled data does not suffice); an open deferred job is looked at again. 409 when a job is already queued or running.',
          params: ModelNameParams,
          body: Type.Object(
            { reason: Type.Optional(Type.String({ maxLength: 2000 })) },
            { additionalProperties: false, description: 'optional: no body is the same as {}' },
          ),
          response: {
            202: Type.Object({ job: RetrainingJobSchema }),
            ...errorResponses(400, 401, 403, 404, 409, 415, 422),
          },
        },
        // A POST without a body (curl -X POST …) is a trigger without a reason.
        preValidation: async (request) => {
          if (request.body === undefined || request.body === null) request.body = {};
        },
      },
      async (request, reply) => {
        const job = await services.retraining.trigger(
          request.params.name,
          request.body.reason,
          request.principalName ?? 'api',
        );
        return reply.status(202).send({ job: present(job) });
      },
    );
    app.get(
      '/v1/models/:name/retraining-jobs',
      {
        config: { access: 'read' },
        schema: {
          tags: ['retraining'],
          description: 'Retraining jobs of the model, newest first.',
          params: ModelNameParams,
          querystring: Type.Object(
            {
              limit: JobPageLimit.schema,
              before: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 100,
                  description: 'cursor: the id of the last job of the previous page',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ jobs: Type.Array(RetrainingJobSchema) }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const { limit, before } = request.query;
        const jobs = await services.retraining.list(request.params.name, {
          limit: JobPageLimit.value(limit),
          ...(before === undefined ? {} : { before }),
        });
        return { jobs: jobs.map(present) };
      },
    );
    app.get(
      '/v1/models/:name/retraining-jobs/:id',
      {
        config: { access: 'read' },
        schema: {
          tags: ['retraining'],
          params: Type.Object({
            name: ModelNameParams.properties.name,
            id: Type.String({ minLength: 1, maxLength: 100 }),
          }),
          response: { 200: Type.Object({ job: RetrainingJobSchema }), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => ({ job: present(await services.retraining.get(request.params.name, request.params.id)) }),
    );
    app.post(
      '/v1/models/:name/rollback',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['retraining'],
          description:
            'Moves the champion back to the version that held it before; serving and the reference follow. 409 when there is none.',
          params: ModelNameParams,
          body: Type.Object({ reason: Reason }, { additionalProperties: false }),
          response: { 200: ChampionChangeSchema, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        services.champions.rollback(request.params.name, {
          by: request.principalName ?? 'api',
          reason: request.body.reason,
        }),
    );
    app.post(
      '/v1/models/:name/promote',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['retraining'],
          description: 'Points the champion at a registered version; serving and the reference follow.',
          params: ModelNameParams,
          body: Type.Object(
            {
              version: Type.String({ pattern: '^[0-9]{1,9}$', description: 'registry version number' }),
              reason: Reason,
            },
            { additionalProperties: false },
          ),
          response: { 200: ChampionChangeSchema, ...errorResponses(400, 401, 403, 404, 409, 415) },
        },
      },
      async (request) =>
        services.champions.promote(request.params.name, request.body.version, {
          by: request.principalName ?? 'api',
          reason: request.body.reason,
        }),
    );
  };
}
