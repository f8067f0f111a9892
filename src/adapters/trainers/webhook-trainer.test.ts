import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedRequest, startReceiver } from '../../../tests/support/network/http-receiver.js';
import { TrainerError, type TrainerJob } from '../../ports/challenger-trainer.js';
import { createJobDataLinks } from '../../services/retraining/job-data-links.js';
import { signWebhook } from '../alerts/webhook-sink.js';
import { createLocalBackend } from '../tracking/local/local-backend.js';
import { createWebhookTrainer } from './webhook-trainer.js';

describe('webhook trainer (a loopback receiver that registers the version itself)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftguard-webhook-trainer-'));
  const backend = createLocalBackend({ dataDir: dir });
  let n = 0;
  beforeAll(async () => {
    await backend.registry.ensureRegisteredModel('churn');
  });
  afterAll(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const job = (timeoutMs = 20_000): TrainerJob => ({
    jobId: `job-${++n}-fedcba9876543210`,
    model: 'churn',
    trigger: { kind: 'drift', reason: '2 high windows in a row', driftShare: 0.6 },
    target: 'churned',
    features: ['age', 'plan'],
    timestampColumn: 'timestamp',
    train: { name: 'train.parquet', bytes: new Uint8Array([1, 2, 3]), rows: 40 },
    validation: { name: 'validation.parquet', bytes: new Uint8Array([4, 5]), rows: 8 },
    run: {
      runId: 'run123',
      experimentId: '7',
      artifactUri: 'mlflow-artifacts:/7/run123/artifacts',
      artifacts: { train: 'data/train.parquet', validation: 'data/validation.parquet' },
    },
    trackingUri: 'http://127.0.0.1:5000',
    timeoutMs,
  });

  it('POSTs the signed job with where its rows are, and resolves with the version the pipeline registers', async () => {
    const links = createJobDataLinks({ publicUrl: 'http://driftguard.example:8080/' });
    let downloadable: Uint8Array | null = null;
    const receiver = await startReceiver((request: ReceivedRequest) => {
      const body = JSON.parse(request.body) as { job: { id: string; model: string }; data: { train: { url: string } } };
      const token = /retraining-data\/([0-9a-f]+)\//.exec(body.data.train.url)?.[1] ?? '';
      downloadable = links.read(token, 'train.parquet');
      // the pipeline registers its version a little later, tagged with the job id
      setTimeout(() => {
        void backend.registry.createModelVersion({
          name: body.job.model,
          source: 'file:///nowhere',
          runId: '',
          tags: [{ key: 'driftguard.job_id', value: body.job.id }],
        });
      }, 300);
      return 202;
    });
    try {
      const j = job();
      const trainer = createWebhookTrainer({
        url: `${receiver.url}/hooks/retrain`,
        secret: 's3cret',
        registry: backend.registry,
        links,
        pollMs: 100,
      });
      expect(trainer.description).toBe(`webhook ${receiver.url}/hooks/retrain`);
      const outcome = await trainer.train(j);
      expect(outcome.version.tags['driftguard.job_id']).toBe(j.jobId);
      expect(outcome.summary).toMatch(/accepted the job \(HTTP 202\); version \d+ appeared after \d+\.\d s$/);
      const [request] = receiver.requests;
      expect(request.headers['x-driftguard-event']).toBe('retraining_job');
      const timestamp = Number(request.headers['x-driftguard-timestamp']);
      expect(request.headers['x-driftguard-signature']).toBe(signWebhook('s3cret', timestamp, request.body));
      const body = JSON.parse(request.body);
      expect(body).toMatchObject({
        version: 1,
        event: 'retraining_job',
        job: { id: j.jobId, model: 'churn', trigger: j.trigger },
        data: {
          target: 'churned',
          features: ['age', 'plan'],
          timestampColumn: 'timestamp',
          train: {
            format: 'parquet',
            rows: 40,
            artifact: { runId: 'run123', path: 'data/train.parquet', uri: 'runs:/run123/data/train.parquet' },
            url: expect.stringMatching(
              /^http:\/\/driftguard\.example:8080\/v1\/retraining-data\/[0-9a-f]{48}\/train\.parquet$/,
            ),
          },
          validation: { rows: 8, artifact: { path: 'data/validation.parquet' } },
        },
        tracking: { uri: 'http://127.0.0.1:5000', runId: 'run123', experimentId: '7' },
        register: { model: 'churn', tags: { 'driftguard.job_id': j.jobId } },
      });
      expect(Date.parse(body.job.deadline) - Date.parse(body.sentAt)).toBe(20_000);
      // the link served the file while the job waited, and is revoked once it stops waiting
      expect(downloadable).toEqual(new Uint8Array([1, 2, 3]));
      const token = /retraining-data\/([0-9a-f]+)\//.exec(body.data.train.url)?.[1] ?? '';
      expect(links.read(token, 'train.parquet')).toBeNull();
    } finally {
      await receiver.close();
    }
  });

  it('fails with the status and body when the pipeline refuses the job, and when no version appears in time', async () => {
    const refusing = await startReceiver(() => 503);
    const silent = await startReceiver(() => 200);
    try {
      const refused = await createWebhookTrainer({ url: refusing.url, registry: backend.registry })
        .train(job())
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TrainerError);
      expect((refused as TrainerError).reason).toBe(`POST ${refusing.url} answered HTTP 503`);
      const j = job(1500);
      await expect(
        createWebhookTrainer({ url: silent.url, registry: backend.registry, pollMs: 200 }).train(j),
      ).rejects.toThrow(
        `${silent.url} accepted the job (HTTP 200) but no version of churn tagged driftguard.job_id=${j.jobId} appeared within 1.5 s`,
      );
      // unsigned without a secret; no links without a public URL
      expect(silent.requests[0].headers['x-driftguard-signature']).toBeUndefined();
      expect(JSON.parse(silent.requests[0].body).data.train.url).toBeNull();
    } finally {
      await refusing.close();
      await silent.close();
    }
  });
});
