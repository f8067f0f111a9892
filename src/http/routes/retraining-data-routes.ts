import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NotFoundError } from '../../services/service-errors.js';
import { errorResponses } from '../error-body.js';
import type { HttpServices } from '../http-services.js';

/**
 * A retraining job's files for the user's webhook pipeline: no API key, the one-job token in the path is the
 * credential, valid until the job stops waiting for the pipeline's version.
 */
export function retrainingDataRoutes(services: Pick<HttpServices, 'jobData'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/retraining-data/:token/:file',
      {
        config: { access: 'open' },
        schema: {
          tags: ['retraining'],
          description:
            "A retraining job's training or validation rows (Parquet) as linked in the webhook trainer's payload; the token is valid for one job while driftguard waits for its version.",
          params: Type.Object({
            token: Type.String({ pattern: '^[0-9a-f]{16,128}$' }),
            file: Type.Union([Type.Literal('train.parquet'), Type.Literal('validation.parquet')]),
          }),
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'a Parquet file' }),
            ...errorResponses(400, 404),
          },
        },
      },
      async (request, reply) => {
        const bytes = services.jobData.read(request.params.token, request.params.file);
        if (bytes === null)
          throw new NotFoundError(
            'no such file: the link is unknown, or its job is no longer waiting for its trainer',
            [{ path: '/token', reason: 'unknown or expired' }],
          );
        return reply.type('application/vnd.apache.parquet').send(Buffer.from(bytes));
      },
    );
  };
}
