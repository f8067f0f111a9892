/**
 * Bring your own model, the whole loop with real components (issue 15), on SQLite and on PostgreSQL: the user's
 * scikit-learn pipeline (examples/sklearn-credit/train.py, skl2onnx, registered in a real MLflow server) is served by
 * name, monitored against the reference the user uploads, and after drift retrained by the same train.py — first as
 * the command trainer driftguard runs, then behind a webhook: a loopback receiver (the user's CI) checks the
 * signature, downloads the rows from the links in the payload and runs train.py, which registers the version itself.
 * Each challenger is judged by driftguard on held-out rows and promoted (or rejected) and served.
 * The time from trigger to promotion is printed (never asserted).
 */
import { execFile, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApi, type DemoApi } from '../../src/cli/demo/demo-api.js';
import { composeServer } from '../../src/compose.js';
import type { RetrainingJob } from '../../src/domain/retraining-job.js';
import type { MonitoredModelDefinition } from '../../src/services/config/monitored-model-definition.js';
import { describeWithComponent } from '../support/components/describe-with-component.js';
import { mlflowServerMissing, mlflowTrackingUri } from '../support/components/mlflow-server.js';
import { postgresComponent, postgresTestSchema } from '../support/components/postgres.js';
import { type ReceivedRequest, startReceiver } from '../support/network/http-receiver.js';
import { loopbackServeSettings } from '../support/services/loopback-serve-settings.js';

const python = process.env.DRIFTGUARD_BYOM_PYTHON ?? join(process.cwd(), '.venv-byom/bin/python');
const EXAMPLE = join(process.cwd(), 'examples/sklearn-credit');
const ADMIN = 'byom-admin-key-0123456789abcdef';
const SECRET_ENV = 'DRIFTGUARD_TEST_TRAINER_SECRET';
const WINDOW = 300;
const STORES = ['sqlite', 'postgres'] as const;
const run = promisify(execFile);

const byomWorld = {
  name: 'MLflow server + PostgreSQL + the bring-your-own-model venv (.ci/setup-byom-venv.sh)',
  available: async (): Promise<string | null> =>
    existsSync(python)
      ? ((await mlflowServerMissing()) ?? (await postgresComponent.available()))
      : `${python} does not exist (run bash .ci/setup-byom-venv.sh)`,
};

type CreditRow = Record<string, string | number> & { defaulted: string };

async function readCsv(path: string): Promise<CreditRow[]> {
  const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(
      names.map((n, i) => [n, n === 'employment' || n === 'defaulted' ? cells[i] : Number(cells[i])]),
    ) as CreditRow;
  });
}

const featuresOf = ({ defaulted: _label, ...features }: CreditRow) => features;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The user's CI behind the webhook: checks the signature, downloads the rows, runs train.py like a pipeline step. */
function pipelineReceiver(secret: string, scratch: string, outputs: string[]) {
  return (request: ReceivedRequest): number => {
    const timestamp = String(request.headers['x-driftguard-timestamp']);
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
    if (request.headers['x-driftguard-signature'] !== expected) return 401;
    const payload = JSON.parse(request.body);
    void (async () => {
      const dir = await mkdtemp(join(scratch, 'ci-'));
      const files: Record<string, string> = {};
      for (const part of ['train', 'validation'] as const) {
        const response = await fetch(payload.data[part].url);
        files[part] = join(dir, `${part}.parquet`);
        await writeFile(files[part], Buffer.from(await response.arrayBuffer()));
      }
      const child = spawn(python, ['train.py'], {
        cwd: EXAMPLE,
        env: {
          ...process.env,
          MLFLOW_TRACKING_URI: payload.tracking.uri,
          DRIFTGUARD_JOB_ID: payload.job.id,
          DRIFTGUARD_MODEL_NAME: payload.register.model,
          DRIFTGUARD_TRAIN_DATA: files.train,
          DRIFTGUARD_VALIDATION_DATA: files.validation,
          DRIFTGUARD_TARGET: payload.data.target,
          DRIFTGUARD_FEATURES: JSON.stringify(payload.data.features),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c));
      child.stderr.on('data', (c: Buffer) => (output += c));
      child.once('close', () => outputs.push(output));
    })();
    return 202;
  };
}

describeWithComponent('bring your own model: served, monitored and retrained by its own pipeline', byomWorld, () => {
  const prefix = `credit-${randomUUID().slice(0, 8)}`;
  let scratch: string;
  let before: CreditRow[];
  let after: CreditRow[];
  const timings: string[] = [];

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'driftguard-byom-retraining-'));
    const data = (period: string, rows: number, seed: number, file: string) =>
      run(
        python,
        [
          'credit_data.py',
          '--period',
          period,
          '--rows',
          String(rows),
          '--seed',
          String(seed),
          '--out',
          join(scratch, file),
        ],
        { cwd: EXAMPLE },
      );
    await Promise.all([data('before', 1500, 1, 'before.csv'), data('after', 1500, 2, 'after.csv')]);
    before = await readCsv(join(scratch, 'before.csv'));
    after = await readCsv(join(scratch, 'after.csv'));
    // The user's first model of each store's scenario (two names: each scenario moves its own aliases).
    const started = performance.now();
    const outputs = await Promise.all(
      STORES.map((store) =>
        run(
          python,
          [
            'train.py',
            '--data',
            join(scratch, 'before.csv'),
            '--model-name',
            `${prefix}-${store}`,
            '--alias',
            'champion',
          ],
          {
            cwd: EXAMPLE,
            env: { ...process.env, MLFLOW_TRACKING_URI: mlflowTrackingUri, MLFLOW_EXPERIMENT_NAME: `${prefix}-user` },
          },
        ),
      ),
    );
    timings.push(
      `first models (2 × python train.py in parallel): ${((performance.now() - started) / 1000).toFixed(1)} s — ${outputs.map((o) => o.stdout.trim().split('\n').at(-1)).join('; ')}`,
    );
  }, 300_000);

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
    for (const line of timings) console.info(`[byom retraining] ${line}`);
  });

  function scenario(store: (typeof STORES)[number]) {
    describe(`on ${store === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, () => {
      const name = `${prefix}-${store}`;
      const schema = postgresTestSchema(`byom_${store}`);
      let dir: string;
      let server: Awaited<ReturnType<typeof composeServer>>;
      let api: DemoApi;
      let baseUrl: string;
      let receiver: Awaited<ReturnType<typeof startReceiver>>;
      const pipelineOutputs: string[] = [];

      const definition = (
        trainer: NonNullable<MonitoredModelDefinition['retraining']>['trainer'],
      ): MonitoredModelDefinition => ({
        name,
        task: 'binary',
        target: 'defaulted',
        features: {
          age: { kind: 'numeric' },
          income: { kind: 'numeric' },
          debt_ratio: { kind: 'numeric' },
          late_payments: { kind: 'numeric' },
          employment: { kind: 'categorical' },
        },
        drift: { window: { type: 'count', windowSize: WINDOW, step: WINDOW }, persistenceWindows: 1 },
        monitoring: { evaluateEveryEvents: WINDOW },
        retraining: { minLabeledRows: 400, minPerClass: 40, horizonRows: 800, persistWindows: 2, trainer },
      });
      const call = (method: string, path: string, body?: unknown) =>
        api.request<Record<string, unknown>>(method, path, body);
      const predict = async (rows: readonly CreditRow[]) => {
        const response = await call('POST', `/v1/models/${name}/predict`, {
          rows: rows.map((r) => ({ features: featuresOf(r) })),
        });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        return response.body.predictions as { id: string; class: string; score: number; modelVersion: string }[];
      };
      const jobs = async () => (await call('GET', `/v1/models/${name}/retraining-jobs`)).body.jobs as RetrainingJob[];
      const evaluate = async () => {
        await server.scheduler.runOnce();
        await server.retrainer.runOnce();
      };
      const story = (job: RetrainingJob) => job.steps.map((s) => `${s.status}: ${s.message}`).join('\n');

      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), `driftguard-byom-${store}-`));
        receiver = await startReceiver(pipelineReceiver('webhook-s3cret', dir, pipelineOutputs));
        process.env[SECRET_ENV] = 'webhook-s3cret';
        const port = await freePort();
        const settings = {
          ...loopbackServeSettings({
            dataDir: dir,
            trackingUri: mlflowTrackingUri,
            apiKeys: [{ name: 'ops', roles: ['admin'] as const, key: ADMIN }],
            models: [definition({ type: 'command', command: [python, 'train.py'], cwd: EXAMPLE, timeoutMs: 240_000 })],
          }),
          port,
          publicUrl: `http://127.0.0.1:${port}`,
          ...(store === 'postgres' ? { storeUrl: await schema.create() } : {}),
        };
        server = await composeServer(settings);
        await server.app.listen({ host: '127.0.0.1', port });
        baseUrl = `http://127.0.0.1:${port}`;
        api = createDemoApi(baseUrl, ADMIN);
      }, 120_000);

      afterAll(async () => {
        await server?.close();
        await receiver?.close();
        if (store === 'postgres') await schema.drop();
        await rm(dir, { recursive: true, force: true });
      });

      it('serves the registered pipeline by name and says there is no reference until the user uploads one', async () => {
        const served = await predict(before.slice(0, 5));
        expect(served.every((p) => p.modelVersion === '1' && ['yes', 'no'].includes(p.class))).toBe(true);
        const status = await call('GET', `/v1/models/${name}/monitoring`);
        expect(status.body).toMatchObject({ state: 'no_reference' });
        const reference = await fetch(`${baseUrl}/v1/models/${name}/reference`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/csv' },
          body: await readFile(join(scratch, 'before.csv'), 'utf8'),
        });
        expect(reference.status, await reference.clone().text()).toBe(200);
        expect((await call('GET', `/v1/models/${name}/monitoring`)).body).toMatchObject({ state: 'collecting' });
      });

      it('after drift, the command trainer (train.py) retrains, driftguard judges the version and promotes it', async () => {
        await predict(before.slice(5, WINDOW));
        await evaluate();
        const drifted = after.slice(0, 2 * WINDOW);
        for (const half of [drifted.slice(0, WINDOW), drifted.slice(WINDOW)]) {
          const ids = (await predict(half)).map((p) => p.id);
          const labelled = await call('POST', `/v1/models/${name}/labels`, {
            labels: ids.map((id, i) => ({ predictionId: id, label: half[i].defaulted })),
          });
          expect(labelled.status).toBe(200);
          await evaluate(); // the second high window triggers the job, which runs train.py within this pass
        }
        const [job] = await jobs();
        expect(job.status, story(job)).toBe('promoted');
        expect(job.steps.map((s) => s.status)).toEqual(['queued', 'training', 'evaluating', 'tracking', 'promoted']);
        expect(job.steps[2].message).toMatch(/train\.py exited 0 after .* and registered version 2/);
        expect(job.steps[2].message).toMatch(/registered .* version 2/);
        expect(job.metrics!.challenger.test.accuracy).toBeGreaterThan(job.metrics!.champion!.test.accuracy);
        const promotedAt = job.steps.at(-1)!.atMs;
        timings.push(
          `${store}: command trainer, trigger → promotion ${((promotedAt - job.createdAtMs) / 1000).toFixed(1)} s (training step ${((job.steps[2].atMs - job.steps[1].atMs) / 1000).toFixed(1)} s); accuracy ${job.metrics!.challenger.test.accuracy.toFixed(3)} vs champion ${job.metrics!.champion!.test.accuracy.toFixed(3)} on ${job.data!.testRows} held-out rows`,
        );
        const served = await predict(after.slice(1200, 1210));
        expect(new Set(served.map((p) => p.modelVersion))).toEqual(new Set(['2']));
        const status = (await call('GET', `/v1/models/${name}/monitoring`)).body as {
          reference: { source: string; rows: number };
        };
        expect(status.reference.source).toMatch(/^champion version 2 \(promote: /);
        expect(status.reference.rows).toBe(job.data!.trainRows);
        const versions = (await call('GET', `/v1/models/${name}/versions`)).body.items as {
          version: string;
          aliases: string[];
          tags: Record<string, string>;
        }[];
        const v2 = versions.find((v) => v.version === '2')!;
        expect(v2.aliases.sort()).toEqual(['challenger', 'champion']);
        expect(v2.tags['driftguard.job_id']).toBe(job.id);
      }, 300_000);

      it('behind a webhook, the user CI downloads the rows, runs train.py and registers the version itself', async () => {
        const replaced = await call(
          'PUT',
          `/v1/models/${name}`,
          definition({
            type: 'webhook',
            url: `${receiver.url}/retrain`,
            secret: { env: SECRET_ENV },
            timeoutMs: 240_000,
            pollMs: 500,
          }),
        );
        expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
        const ids = (await predict(after.slice(600, 1200))).map((p) => p.id);
        await call('POST', `/v1/models/${name}/labels`, {
          labels: ids.map((id, i) => ({ predictionId: id, label: after[600 + i].defaulted })),
        });
        const triggered = await call('POST', `/v1/models/${name}/retraining`, { reason: 'webhook pipeline check' });
        expect(triggered.status, JSON.stringify(triggered.body)).toBeLessThan(300);
        await server.retrainer.runOnce();
        const [job] = await jobs();
        expect(['promoted', 'rejected'], story(job)).toContain(job.status);
        expect(job.tracking?.registeredVersion).toBe('3');
        expect(job.steps[2].message).toMatch(/\/retrain accepted the job \(HTTP 202\); version 3 appeared after/);
        expect(receiver.requests).toHaveLength(1);
        // the CI step ends a moment after its version is registered (and found)
        for (let i = 0; i < 100 && pipelineOutputs.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
        expect(pipelineOutputs.join('\n')).toMatch(/registered .* version 3/);
        timings.push(
          `${store}: webhook trainer, trigger → ${job.status} ${((job.steps.at(-1)!.atMs - job.createdAtMs) / 1000).toFixed(1)} s (${job.decision?.reason})`,
        );
      }, 300_000);
    });
  }

  for (const store of STORES) scenario(store);
});
