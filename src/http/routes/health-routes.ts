import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { HttpServices } from '../http-services.js';

/** Liveness (the process answers), readiness (its dependencies answer) and Prometheus metrics. */
export function healthRoutes(services: Pick<HttpServices, 'checkReady' | 'metrics'>): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/metrics',
      {
        config: { access: 'open' },
        schema: { tags: ['health'], description: 'Prometheus metrics (text exposition format 0.0.4)' },
      },
      async (_request, reply) => reply.type(services.metrics.contentType).send(await services.metrics.render()),
    );
    app.get(
      '/healthz',
      {
        config: { access: 'open' },
        schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        config: { access: 'open' },
        schema: {
          tags: ['health'],
          response: {
            200: Type.Object({ status: Type.Literal('ready') }),
            503: Type.Object({ status: Type.Literal('not_ready'), reason: Type.String() }),
          },
        },
      },
      async (_request, reply) => {
        try {
          await services.checkReady();
          return { status: 'ready' as const };
        } catch (error) {
          return reply.status(503).send({ status: 'not_ready' as const, reason: (error as Error).message });
        }
      },
    );
  };
}
