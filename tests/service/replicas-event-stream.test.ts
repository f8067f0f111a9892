import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { composeServer, createTrackingBackend } from '../../src/compose.js';
import { promoteVersion } from '../../src/services/champion/alias-moves.js';
import { resolveServeSettings } from '../../src/services/config/serve-settings.js';
import { parseServiceConfig } from '../../src/services/config/service-config.js';
import { describeWithComponent } from '../support/components/describe-with-component.js';
import { postgresComponent, postgresTestSchema } from '../support/components/postgres.js';
import { featuresOf, loanDefinition, loanRows, registerLoanChampion } from '../support/services/retraining-fixture.js';

const KEY = 'replica-events-admin-key-0123456789';
const headers = { authorization: `Bearer ${KEY}` };
const name = 'loans';
/** How soon an SSE client of one replica must see an event produced on another. */
const SEEN_WITHIN_MS = 2000;
/** Long enough that only the event bus can make replica B follow a promotion made through replica A in the test. */
const CHAMPION_REFRESH_MS = 60_000;

interface StreamEvent {
  readonly type: string;
  readonly model: string;
  readonly data: Record<string, unknown>;
  readonly receivedAt: number;
}

/** Reads `GET /v1/events` like the dashboard does (fetch + the SSE wire format); resolves once connected. */
async function openEventStream(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  const events: StreamEvent[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const first = await reader.read();
  buffer += decoder.decode(first.value, { stream: true });
  expect(buffer).toContain(': connected');
  void (async () => {
    for (;;) {
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (type !== undefined && data !== undefined)
          events.push({ ...(JSON.parse(data) as Omit<StreamEvent, 'receivedAt'>), type, receivedAt: Date.now() });
      }
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  })();
  return { events, close: () => controller.abort() };
}

describeWithComponent('replicas on PostgreSQL share the live event stream', postgresComponent, () => {
  const schema = postgresTestSchema('dg_replica_events');
  afterAll(() => schema.drop());

  it(`an SSE client of replica B sees replica A's drift report, retraining job and champion change within ${SEEN_WITHIN_MS} ms`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftguard-replica-events-'));
    const trackingUri = `file:${join(dir, 'tracking')}`;
    const config = parseServiceConfig(
      {
        server: { dataDir: dir, championRefreshMs: CHAMPION_REFRESH_MS },
        store: { url: await schema.create() },
        tracking: { uri: trackingUri },
        apiKeys: [{ name: 'ops', roles: ['admin'], key: { value: KEY } }],
        models: [loanDefinition(name)],
      },
      'replica-events.json',
    );
    const settings = resolveServeSettings({}, {}, config);
    const registry = createTrackingBackend({ trackingUri, dataDir: dir });
    expect(await registerLoanChampion(registry, name, Date.now())).toBe('1');
    const a = await composeServer(settings);
    const b = await composeServer(settings);
    let stream: Awaited<ReturnType<typeof openEventStream>> | null = null;
    try {
      await b.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = b.app.server.address() as { port: number };
      stream = await openEventStream(`http://127.0.0.1:${port}/v1/events?model=${name}`);
      const seenOnB = async (match: (e: StreamEvent) => boolean, producedAt: number) => {
        await expect
          .poll(() => stream!.events.find(match), { timeout: SEEN_WITHIN_MS + 1000, interval: 20 })
          .toBeDefined();
        const latency = stream!.events.find(match)!.receivedAt - producedAt;
        expect(latency).toBeLessThan(SEEN_WITHIN_MS);
        return latency;
      };

      // A drift report evaluated on replica A (it holds the monitoring lease: only its scheduler runs).
      const predictions = loanRows(300, 7, 'after').map((row) => ({
        features: featuresOf(row),
        prediction: row.label,
        score: 0.5,
      }));
      const logged = await a.app.inject({
        method: 'POST',
        url: `/v1/models/${name}/predictions`,
        headers,
        payload: { predictions },
      });
      expect(logged.statusCode).toBe(201);
      await a.scheduler.runOnce();
      const report = (await a.store.listDriftReports(name, { limit: 1 }))[0];
      expect(report).toBeDefined();
      const reportLatency = await seenOnB(
        (e) => e.type === 'drift_report' && e.data.id === report.id,
        report.createdAtMs,
      );

      // A retraining job opened through replica A's API.
      const triggeredAt = Date.now();
      const triggered = await a.app.inject({
        method: 'POST',
        url: `/v1/models/${name}/retraining`,
        headers,
        payload: { reason: 'replica events test' },
      });
      expect(triggered.statusCode).toBe(202);
      const jobId = (triggered.json() as { job: { id: string } }).job.id;
      const jobLatency = await seenOnB(
        (e) => e.type === 'retraining' && (e.data.job as { id?: string } | undefined)?.id === jobId,
        triggeredAt,
      );

      // A champion promoted through replica A: B hears it and serves it on its next tick, long before its own alias
      // re-read (CHAMPION_REFRESH_MS).
      b.scheduler.start();
      const serves = async () =>
        (
          await b.app.inject({
            method: 'POST',
            url: `/v1/models/${name}/predict`,
            headers,
            payload: { features: featuresOf(loanRows(1, 3, 'before')[0]) },
          })
        ).json() as { modelVersion?: string };
      await expect.poll(async () => (await serves()).modelVersion, { timeout: 5000, interval: 50 }).toBe('1');
      // Version 2 registered (its registration sets the alias; moved back to 1 at once, unseen by B's slow re-read).
      expect(await registerLoanChampion(registry, name, Date.now())).toBe('2');
      await promoteVersion(registry.registry, name, '1', { by: 'test', reason: 'set up' });
      const promotedAt = Date.now();
      const promoted = await a.app.inject({
        method: 'POST',
        url: `/v1/models/${name}/promote`,
        headers,
        payload: { version: '2', reason: 'replica events test' },
      });
      expect(promoted.statusCode).toBe(200);
      const championLatency = await seenOnB(
        (e) => e.type === 'model' && e.data.event === 'champion_changed' && e.data.toVersion === '2',
        promotedAt,
      );
      await expect.poll(async () => (await serves()).modelVersion, { timeout: 3000, interval: 50 }).toBe('2');
      const followed = Date.now() - promotedAt;
      expect(followed).toBeLessThan(CHAMPION_REFRESH_MS / 10);
      console.info(
        `replica B saw A's drift report after ${reportLatency} ms, the retraining job after ${jobLatency} ms, the champion change after ${championLatency} ms; served it after ${followed} ms`,
      );
    } finally {
      stream?.close();
      await a.close();
      await b.close();
      await registry.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
