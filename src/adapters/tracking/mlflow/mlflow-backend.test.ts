import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithComponent } from '../../../../tests/support/components/describe-with-component.js';
import { mlflowServer, mlflowTrackingUri } from '../../../../tests/support/components/mlflow-server.js';
import { isTrackingError, TrackingError } from '../../../ports/tracking-error.js';
import { trackModelRun } from '../../../services/tracking/track-model-run.js';
import { trackingContract } from '../tracking.contract.js';
import { createMlflowBackend } from './mlflow-backend.js';
import { createMlflowClient, errorFromResponse, mlflowOptionsFromEnv } from './mlflow-client.js';

const trackingUri = mlflowTrackingUri;

/** A port nothing listens on (bound then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<TrackingError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isTrackingError(error), String(error)).toBe(true);
  return error as TrackingError;
}

const SECRET_PASSWORD = 'pa55-Secret-XYZ';
const SECRET_TOKEN = 'tok-Secret-9876';

describe('MLflow REST client without a server', () => {
  it('turns a refused connection into a retryable typed error, retries reads only, and never leaks credentials', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    const client = createMlflowClient({
      trackingUri: `http://127.0.0.1:${port}`,
      username: 'alice',
      password: SECRET_PASSWORD,
      maxRetries: 2,
      retryBaseDelayMs: 5,
      log: (line) => lines.push(line),
    });
    const read = await failure(client.call('getRun', { run_id: 'abc' }));
    expect(read).toMatchObject({ kind: 'unavailable', retryable: true, operation: 'GET /api/2.0/mlflow/runs/get' });
    expect(read.message).toMatch(/could not reach/);
    expect(lines).toHaveLength(2);
    lines.length = 0;
    const create = await failure(client.call('createRun', { experiment_id: '0', run_name: 'x', start_time: 1 }));
    expect(create.retryable).toBe(true);
    expect(lines).toHaveLength(0);
    const basic = Buffer.from(`alice:${SECRET_PASSWORD}`).toString('base64');
    for (const text of [read.message, create.message, String(read.stack), ...lines]) {
      expect(text).not.toContain(SECRET_PASSWORD);
      expect(text).not.toContain(basic);
    }
  });

  it('trackModelRun against an unreachable MLflow rejects with a retryable error and registers nothing', async () => {
    const backend = createMlflowBackend({
      trackingUri: `http://127.0.0.1:${await closedPort()}`,
      maxRetries: 1,
      retryBaseDelayMs: 1,
    });
    const error = await failure(
      trackModelRun({
        tracking: backend.tracking,
        registry: backend.registry,
        experimentName: 'e',
        runName: 'r',
        modelFiles: [{ path: 'MLmodel', content: 'x' }],
        register: { modelName: 'm', alias: 'champion' },
      }),
    );
    expect(error).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      operation: 'GET /api/2.0/mlflow/experiments/get-by-name',
    });
  });

  it('moves credentials out of the URL and never prints them', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    const client = createMlflowClient({
      trackingUri: `http://bob:${SECRET_PASSWORD}@127.0.0.1:${port}/`,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      log: (l) => lines.push(l),
    });
    expect(client.baseUrl).toBe(`http://127.0.0.1:${port}`);
    const error = await failure(client.call('getRun', { run_id: 'abc' }));
    expect([error.message, ...lines].join('\n')).not.toContain(SECRET_PASSWORD);
  });

  it('sends basic auth, or bearer when MLFLOW_TRACKING_TOKEN is set (captured by a plain HTTP listener)', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized: bad credentials');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const basic = createMlflowClient({
        ...mlflowOptionsFromEnv({ MLFLOW_TRACKING_USERNAME: 'alice', MLFLOW_TRACKING_PASSWORD: SECRET_PASSWORD }),
        trackingUri: uri,
      });
      const error = await failure(basic.call('getRun', { run_id: 'abc' }));
      expect(error).toMatchObject({ kind: 'unauthorized', status: 401, retryable: false });
      expect(error.message).toContain('Unauthorized: bad credentials');
      expect(seen[0].authorization).toBe(`Basic ${Buffer.from(`alice:${SECRET_PASSWORD}`).toString('base64')}`);
      const bearer = createMlflowClient({
        ...mlflowOptionsFromEnv({
          MLFLOW_TRACKING_URI: uri,
          MLFLOW_TRACKING_TOKEN: SECRET_TOKEN,
          MLFLOW_TRACKING_USERNAME: 'alice',
        }),
        trackingUri: uri,
      });
      const bearerError = await failure(bearer.putArtifact('1/r/artifacts/x', new Uint8Array([1])));
      expect(seen[1].authorization).toBe(`Bearer ${SECRET_TOKEN}`);
      expect(bearerError.message).not.toContain(SECRET_TOKEN);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('maps JSON and plain-text error bodies to kinds', () => {
    expect(
      errorFromResponse('GET /x', 404, '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Run with id=x not found"}'),
    ).toMatchObject({
      kind: 'not_found',
      status: 404,
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      message: 'MLflow GET /x failed: HTTP 404 RESOURCE_DOES_NOT_EXIST: Run with id=x not found',
    });
    expect(errorFromResponse('POST /y', 503, 'upstream connect error')).toMatchObject({
      kind: 'unavailable',
      status: 503,
      errorCode: undefined,
    });
    expect(errorFromResponse('POST /y', 400, '{"error_code":"RESOURCE_ALREADY_EXISTS","message":"m"}').kind).toBe(
      'already_exists',
    );
    expect(errorFromResponse('POST /y', 400, '').message).toContain('(empty body)');
    expect(errorFromResponse('POST /y', 429, 'slow down').retryable).toBe(true);
  });

  it('rejects a tracking URI that is not http(s)', () => {
    expect(() => createMlflowClient({ trackingUri: 'ftp://host' })).toThrow(/trackingUri: scheme ftp:/);
    expect(() => createMlflowClient({ trackingUri: 'not a url' })).toThrow(/trackingUri/);
  });
});

describeWithComponent('MLflow adapter against a real MLflow server', mlflowServer, () => {
  trackingContract(async () => createMlflowBackend({ trackingUri, retryBaseDelayMs: 50 }));

  it('reports a plain-text (HTML) error body of the real server with its status', async () => {
    const client = createMlflowClient({
      trackingUri: `${trackingUri.replace(/\/+$/, '')}/no-such-prefix`,
      maxRetries: 0,
    });
    const error = await failure(client.call('getExperimentByName', { experiment_name: 'x' }));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, errorCode: undefined });
    expect(error.message).toMatch(/HTTP 404: 404 Not Found/);
  });

  it('reports MLflow JSON errors with error_code', async () => {
    const backend = createMlflowBackend({ trackingUri });
    const error = await failure(backend.tracking.getRun('0123456789abcdef0123456789abcdef'));
    expect(error).toMatchObject({
      kind: 'not_found',
      status: 404,
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      retryable: false,
    });
  });

  it('surfaces a timeout as a retryable typed error', async () => {
    const backend = createMlflowBackend({ trackingUri, timeoutMs: 1, maxRetries: 0 });
    const error = await failure(backend.tracking.searchRuns(['0']));
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it('downloads a version registered as runs:/<run>/<path> (MLflow 2 style sources)', async () => {
    const backend = createMlflowBackend({ trackingUri });
    const experiment = await backend.tracking.ensureExperiment('driftguard-runs-source');
    const run = await backend.tracking.createRun({
      experimentId: experiment.experimentId,
      runName: 'r',
      startTimeMs: Date.now(),
    });
    await backend.tracking.logArtifacts(run.runId, [{ path: 'MLmodel', content: 'flavors: {}\n' }], 'model');
    const name = `runs-source-${randomUUID().slice(0, 8)}`;
    await backend.registry.ensureRegisteredModel(name);
    const version = await backend.registry.createModelVersion({
      name,
      source: `runs:/${run.runId}/model`,
      runId: run.runId,
    });
    const dir = await mkdtemp(join(tmpdir(), 'driftguard-runs-source-'));
    try {
      await backend.registry.downloadModelVersion(name, version.version, dir);
      expect(await readFile(join(dir, 'MLmodel'), 'utf8')).toBe('flavors: {}\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('surfaces an outage (wrong port) as a retryable typed error from the ports', async () => {
    const backend = createMlflowBackend({
      trackingUri: `http://127.0.0.1:${await closedPort()}`,
      maxRetries: 1,
      retryBaseDelayMs: 1,
    });
    expect(await failure(backend.tracking.ensureExperiment('x'))).toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
    expect(await failure(backend.registry.getVersionByAlias('m', 'champion'))).toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
  });
});
