/**
 * Test helper: a small KServe / Open Inference Protocol v2 server on loopback (kserve.github.io data-plane v2):
 * health, model metadata, model readiness and `POST /v2/models/<name>/infer` with typed tensors, checked as the spec
 * says (shape × data length, declared inputs and datatypes; errors as 400 / 404 `{"error": …}`). Its behaviour can
 * be switched to hang (never answer) or to fail with a status, for time-out and circuit-breaker tests.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface V2Tensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly datatype: string;
  readonly data: readonly unknown[];
}

export type V2Behaviour =
  | { readonly kind: 'serve' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'fail'; readonly status: number };

export interface KserveV2ServerOptions {
  readonly modelName: string;
  /** Declared inputs (name, datatype); requests must send exactly these. */
  readonly inputs: readonly { readonly name: string; readonly datatype: string }[];
  /** Outputs for the request's columns (input name → values, one per row) and row count. */
  readonly score: (columns: Readonly<Record<string, readonly unknown[]>>, rows: number) => V2Tensor[];
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

function checkInfer(
  body: unknown,
  options: KserveV2ServerOptions,
): { columns: Record<string, unknown[]>; rows: number } | string {
  const inputs = (body as { inputs?: unknown } | null)?.inputs;
  if (!Array.isArray(inputs)) return 'request has no "inputs" list';
  const columns: Record<string, unknown[]> = {};
  let rows = -1;
  for (const input of inputs as V2Tensor[]) {
    const declared = options.inputs.find((i) => i.name === input?.name);
    if (declared === undefined) return `unexpected input "${input?.name}"`;
    if (input.datatype !== declared.datatype)
      return `input "${input.name}": datatype ${input.datatype}, expected ${declared.datatype}`;
    if (!Array.isArray(input.shape) || !Array.isArray(input.data)) return `input "${input.name}" needs shape and data`;
    if (input.shape.reduce((a, b) => a * b, 1) !== input.data.length)
      return `input "${input.name}": shape [${input.shape.join(', ')}] does not hold ${input.data.length} values`;
    if (rows !== -1 && input.shape[0] !== rows)
      return `input "${input.name}" has ${input.shape[0]} rows, others ${rows}`;
    rows = input.shape[0];
    columns[input.name] = [...input.data];
  }
  const missing = options.inputs.find((i) => columns[i.name] === undefined);
  return missing ? `missing input "${missing.name}"` : { columns, rows };
}

export async function startKserveV2Server(options: KserveV2ServerOptions) {
  let behaviour: V2Behaviour = { kind: 'serve' };
  let inferCalls = 0;
  const hanging = new Set<ServerResponse>();
  const prefix = `/v2/models/${options.modelName}`;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (url === `${prefix}/infer` && req.method === 'POST') inferCalls++;
      if (behaviour.kind === 'hang') {
        hanging.add(res);
        return;
      }
      if (behaviour.kind === 'fail')
        return send(res, behaviour.status, { error: `model ${options.modelName} is unavailable` });
      if (
        req.method === 'GET' &&
        (url === '/v2/health/live' || url === '/v2/health/ready' || url === `${prefix}/ready`)
      )
        return send(res, 200, {});
      if (req.method === 'GET' && url === prefix) {
        return send(res, 200, {
          name: options.modelName,
          versions: ['1'],
          platform: 'driftguard-test',
          inputs: options.inputs.map((i) => ({ ...i, shape: [-1] })),
        });
      }
      if (req.method === 'POST' && url === `${prefix}/infer`) {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(res, 400, { error: 'request body is not JSON' });
        }
        const checked = checkInfer(body, options);
        if (typeof checked === 'string') return send(res, 400, { error: checked });
        return send(res, 200, {
          model_name: options.modelName,
          model_version: '1',
          outputs: options.score(checked.columns, checked.rows),
        });
      }
      send(res, 404, { error: `no route ${req.method} ${url}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get inferCalls() {
      return inferCalls;
    },
    behave(next: V2Behaviour) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
