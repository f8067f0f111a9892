import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Built asset names are content-hashed (Vite), so they can be cached for good; index.html never is. */
const ASSET = /(?:^|\/)assets\/([A-Za-z0-9._-]+)$/;

/**
 * The dashboard's built files (Vite output) at `/`, open to everyone: it is static code that holds no data; the data
 * comes from the API with the key the user types in. Other GET paths a browser asks for as HTML fall back to the
 * page (single-page app); `…/assets/<file>` is served from any prefix so the page also works under `/dashboard/`.
 */
export async function registerDashboard(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, { root: dir, serve: false, decorateReply: true });
  const page = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  for (const url of ['/', '/dashboard', '/dashboard/'])
    app.get(url, { config: { access: 'open' }, schema: { hide: true } }, page);
  app.get('/assets/*', { config: { access: 'open' }, schema: { hide: true } }, (request, reply) =>
    sendAsset(reply, (request.params as { '*': string })['*']),
  );
}

function sendAsset(reply: FastifyReply, name: string) {
  return reply.sendFile(`assets/${name}`, { maxAge: 31_536_000_000, immutable: true });
}

/**
 * For the not-found handler: answers a dashboard asset under any prefix, or the page for an HTML navigation outside
 * the API; returns false when the request is not the dashboard's (the caller answers 404 JSON).
 */
export function dashboardFallback(request: FastifyRequest, reply: FastifyReply): false | FastifyReply {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0];
  if (/^\/(v1|docs|openapi\.json|metrics|healthz|readyz)(\/|$)/.test(path)) return false;
  const asset = ASSET.exec(path);
  if (asset !== null) return sendAsset(reply, asset[1]);
  if (!(request.headers.accept ?? '').includes('text/html')) return false;
  return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
}
