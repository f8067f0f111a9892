import { Agent, request } from 'node:http';

export interface JsonResponse {
  readonly status: number;
  /** The raw response body (parse with JSON.parse when needed; the benchmarks skip it to save client CPU). */
  readonly text: string;
}

/**
 * A small keep-alive HTTP client for loopback tests and load generation: at most `maxSockets` connections,
 * bodies sent as given (pre-serialised Buffers cost the load generator no JSON work).
 */
export function createJsonClient(
  baseUrl: string,
  options: { maxSockets: number; headers?: Readonly<Record<string, string>> },
) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  return {
    post(path: string, body: Buffer | string | object): Promise<JsonResponse> {
      const payload = Buffer.isBuffer(body)
        ? body
        : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path,
            headers: { 'content-type': 'application/json', 'content-length': payload.length, ...options.headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close(): void {
      agent.destroy();
    },
  };
}
