import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with the n-th request (0-based): forward it, answer with a status itself, or drop the connection. */
export type ProxyAction =
  | { readonly kind: 'forward' }
  /** Answers `status` without forwarding. */
  | { readonly kind: 'fail'; readonly status: number; readonly retryAfter?: string }
  /** Forwards (the server commits) but answers `status` instead of the server's reply: a lost acknowledgement. */
  | { readonly kind: 'forward-then-fail'; readonly status: number }
  /** Destroys the socket without answering (a network error for the client). */
  | { readonly kind: 'drop' };

export interface ProxiedRequest {
  readonly method: string;
  readonly url: string;
  readonly action: ProxyAction['kind'];
  /** Status the client received (null when dropped). */
  readonly status: number | null;
}

/** A real HTTP proxy on loopback in front of `target` that misbehaves as `plan(request, index)` says. */
export async function startFlakyProxy(target: string, plan: (request: IncomingMessage, index: number) => ProxyAction) {
  const requests: ProxiedRequest[] = [];
  const forward = async (req: IncomingMessage, body: Buffer) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    const reply = await fetch(`${target}${req.url ?? '/'}`, {
      method: req.method,
      headers,
      body: body.length > 0 ? body : undefined,
    });
    return { status: reply.status, text: await reply.text() };
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const action = plan(req, requests.length);
      const record = (status: number | null) =>
        requests.push({ method: req.method ?? '', url: req.url ?? '', action: action.kind, status });
      const answer = (status: number, text: string, extra: Record<string, string> = {}) => {
        record(status);
        res.writeHead(status, { 'content-type': 'application/json', ...extra });
        res.end(text);
      };
      if (action.kind === 'drop') {
        record(null);
        req.socket.destroy();
        return;
      }
      if (action.kind === 'fail') {
        answer(
          action.status,
          JSON.stringify({ error: 'unavailable', message: 'flaky proxy', details: [] }),
          action.retryAfter ? { 'retry-after': action.retryAfter } : {},
        );
        return;
      }
      forward(req, Buffer.concat(chunks)).then(
        (reply) =>
          action.kind === 'forward'
            ? answer(reply.status, reply.text)
            : answer(action.status, JSON.stringify({ error: 'bad_gateway', message: 'reply lost', details: [] })),
        (error: Error) => answer(502, JSON.stringify({ error: 'bad_gateway', message: error.message, details: [] })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
