import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../error-body.js';
import type { HttpServices } from '../http-services.js';

/** How often an idle stream sends a comment line so proxies keep it open (ms). */
export const SSE_HEARTBEAT_MS = 15_000;

/** Live service events as Server-Sent Events: `event: <type>` and `data: <json>` per event, optional model filter. */
export function eventRoutes(services: Pick<HttpServices, 'events'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Open streams end when the app closes; otherwise close() would wait for every dashboard tab to disconnect.
    const open = new Set<{ end(): unknown }>();
    app.addHook('preClose', async () => {
      for (const res of open) res.end();
    });
    app.get(
      '/v1/events',
      {
        config: { access: 'read' },
        schema: {
          tags: ['events'],
          description:
            'Server-Sent Events: drift_report, alert, predictions_logged, model, retraining. With a PostgreSQL store, the events of every replica (LISTEN/NOTIFY).',
          querystring: Type.Object(
            { model: Type.Optional(Type.String({ minLength: 1 })) },
            { additionalProperties: false },
          ),
          response: { ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(': connected\n\n');
        const filter = request.query.model;
        const unsubscribe = services.events.subscribe((event) => {
          if (filter !== undefined && event.model !== filter) return;
          res.write(
            `event: ${event.type}\ndata: ${JSON.stringify({ ...event, at: new Date(event.atMs).toISOString() })}\n\n`,
          );
        });
        const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
        heartbeat.unref();
        open.add(res);
        request.raw.on('close', () => {
          open.delete(res);
          clearInterval(heartbeat);
          unsubscribe();
        });
      },
    );
  };
}
