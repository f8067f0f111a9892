import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/compose.js';
import { describeWithComponent } from '../support/components/describe-with-component.js';
import { postgresComponent, postgresTestSchema } from '../support/components/postgres.js';
import { createJsonClient } from '../support/process/json-client.js';
import { type ServeProcess, startServeProcess } from '../support/process/serve-process.js';

const KEYS = {
  DRIFTGUARD_ADMIN_KEY: 'durability-admin-key-0123456789',
  DRIFTGUARD_INGEST_KEY: 'durability-ingest-key-0123456789',
};
const MODEL = 'durable';
const CLIENTS = 6;
const ROWS_PER_BATCH = 100;
/** The kill comes once this many batches were acknowledged (or after MAX_LOAD_MS), while every client is mid-request. */
const KILL_AFTER_ACKED_BATCHES = 40;
const MAX_LOAD_MS = 6_000;
// Start-up (tsx transpiling the service) dominates the test's time on a loaded machine; the load itself is bounded above.

interface SentRow {
  readonly id: string;
  readonly timestamp: number;
  readonly features: { x: number; c: string };
  readonly prediction: number;
  readonly score: number;
}

function batchRows(client: number, batch: number): SentRow[] {
  return Array.from({ length: ROWS_PER_BATCH }, (_, i) => {
    const n = (client * 1_000 + batch) * ROWS_PER_BATCH + i;
    return {
      id: `c${client}-b${batch}-r${i}`,
      timestamp: Date.UTC(2026, 10, 26) + n,
      features: { x: (n % 997) / 7, c: n % 3 === 0 ? 'a' : 'b' },
      prediction: n % 2,
      score: (n % 101) / 100,
    };
  });
}

/** Every third row of a batch gets a label, posted right after the batch was acknowledged. */
const labelsFor = (rows: readonly SentRow[]) =>
  rows.filter((_, i) => i % 3 === 0).map((r) => ({ predictionId: r.id, label: r.prediction === 1 ? 'yes' : 'no' }));

interface LoadOutcome {
  readonly ackedBatches: SentRow[][];
  /** Batches whose request was sent but never answered 2xx (in flight at the kill): all or nothing may be stored. */
  readonly unackedBatches: SentRow[][];
  readonly ackedLabels: Map<string, string>;
  readonly failedRequests: number;
}

/** Several keep-alive clients post batches (and labels) until the server is SIGKILLed under them. */
async function ingestUntilKilled(server: ServeProcess): Promise<LoadOutcome> {
  const http = createJsonClient(server.baseUrl, {
    maxSockets: CLIENTS,
    headers: { authorization: `Bearer ${KEYS.DRIFTGUARD_INGEST_KEY}` },
  });
  const ackedBatches: SentRow[][] = [];
  const unackedBatches: SentRow[][] = [];
  const ackedLabels = new Map<string, string>();
  let failedRequests = 0;
  let killed = false;
  const started = Date.now();
  const kill = () => {
    if (killed) return;
    killed = true;
    server.child.kill('SIGKILL');
  };
  const clients = Array.from({ length: CLIENTS }, async (_, client) => {
    for (let batch = 0; !killed || batch === 0; batch += 1) {
      const rows = batchRows(client, batch);
      try {
        const response = await http.post(`/v1/models/${MODEL}/predictions`, { predictions: rows });
        if (response.status !== 201) throw new Error(`predictions: HTTP ${response.status} ${response.text}`);
        ackedBatches.push(rows);
      } catch (error) {
        if (!killed) throw error;
        unackedBatches.push(rows);
        failedRequests += 1;
        return;
      }
      if (ackedBatches.length >= KILL_AFTER_ACKED_BATCHES || Date.now() - started > MAX_LOAD_MS) kill();
      const labels = labelsFor(rows);
      try {
        const response = await http.post(`/v1/models/${MODEL}/labels`, { labels });
        if (response.status !== 200) throw new Error(`labels: HTTP ${response.status} ${response.text}`);
        const body = JSON.parse(response.text) as { joined: number; unknownIds: string[] };
        expect(body).toEqual({ joined: labels.length, unknownIds: [], relabeledIds: [] });
        for (const l of labels) ackedLabels.set(l.predictionId, l.label);
      } catch (error) {
        if (!killed) throw error;
        failedRequests += 1;
        return;
      }
    }
  });
  try {
    await Promise.all(clients);
  } finally {
    kill();
    http.close();
  }
  return { ackedBatches, unackedBatches, ackedLabels, failedRequests };
}

async function adminPost(baseUrl: string, path: string, body: object) {
  const http = createJsonClient(baseUrl, {
    maxSockets: 1,
    headers: { authorization: `Bearer ${KEYS.DRIFTGUARD_ADMIN_KEY}` },
  });
  try {
    return await http.post(path, body);
  } finally {
    http.close();
  }
}

/**
 * SIGKILL during sustained ingestion, restart on the same data, then: every acknowledged prediction and label is
 * stored exactly as sent, a batch in flight at the kill is stored whole or not at all, and nothing else is stored.
 */
function durabilityScenario(storeUrl: (dataDir: string) => string | undefined) {
  const dataDirs: string[] = [];
  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged prediction and label across a SIGKILL mid-load', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'driftguard-durability-'));
    dataDirs.push(dataDir);
    const url = storeUrl(dataDir);
    const env = { ...KEYS, ...(url === undefined ? {} : { DRIFTGUARD_STORE_URL: url }) };
    const flags = ['--data-dir', dataDir];

    const first = await startServeProcess(flags, env);
    const created = await adminPost(first.baseUrl, '/v1/models', {
      name: MODEL,
      features: { x: { kind: 'numeric' }, c: { kind: 'categorical' } },
    });
    expect(created.status, created.text).toBe(201);

    const load = await ingestUntilKilled(first);
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(load.ackedBatches.length).toBeGreaterThanOrEqual(CLIENTS);
    expect(load.failedRequests, 'the kill must interrupt requests in flight').toBeGreaterThan(0);

    const second = await startServeProcess(flags, env);
    try {
      // The restarted service sees the acknowledged rows: re-sending a batch conflicts on every id.
      const resent = await createJsonClient(second.baseUrl, {
        maxSockets: 1,
        headers: { authorization: `Bearer ${KEYS.DRIFTGUARD_INGEST_KEY}` },
      }).post(`/v1/models/${MODEL}/predictions`, { predictions: load.ackedBatches[0] });
      expect(resent.status).toBe(409);
      expect((JSON.parse(resent.text) as { details: unknown[] }).details).toHaveLength(ROWS_PER_BATCH);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }

    const store = createStore(url ?? `sqlite:${join(dataDir, 'driftguard.db')}`);
    try {
      await store.migrate();
      const stored = new Map((await store.predictionsAfter(MODEL, 0, 1_000_000)).map((p) => [p.id, p]));
      for (const batch of load.ackedBatches) {
        for (const row of batch) {
          const p = stored.get(row.id);
          expect(p, `acknowledged prediction ${row.id}`).toBeDefined();
          expect([p?.timestampMs, p?.features, p?.predictedClass, p?.score]).toEqual([
            row.timestamp,
            row.features,
            row.prediction,
            row.score,
          ]);
        }
      }
      for (const [id, label] of load.ackedLabels)
        expect(stored.get(id)?.label, `acknowledged label of ${id}`).toBe(label);
      let wholeUnacked = 0;
      for (const batch of load.unackedBatches) {
        const present = batch.filter((r) => stored.has(r.id)).length;
        expect([0, batch.length], `batch ${batch[0].id}… is all or nothing`).toContain(present);
        if (present === batch.length) wholeUnacked += 1;
      }
      expect(stored.size).toBe((load.ackedBatches.length + wholeUnacked) * ROWS_PER_BATCH);
      console.info(
        `[durability] ${load.ackedBatches.length} batches (${load.ackedBatches.length * ROWS_PER_BATCH} rows) and ${load.ackedLabels.size} labels ` +
          `acknowledged before SIGKILL; ${load.unackedBatches.length} batches in flight (${wholeUnacked} committed whole); ${load.failedRequests} requests cut off`,
      );
    } finally {
      await store.close();
    }
  }, 240_000);
}

describe('driftguard serve on SQLite (WAL, synchronous=FULL): SIGKILL during ingestion', () => {
  durabilityScenario(() => undefined);
});

describeWithComponent('driftguard serve on PostgreSQL: SIGKILL during ingestion', postgresComponent, () => {
  // The store URL's libpq `options` put the tables in a schema of this test's own (created here, dropped after).
  const schema = postgresTestSchema('dg_durability');
  let storeUrl = '';
  beforeAll(async () => {
    storeUrl = await schema.create();
  });
  afterAll(() => schema.drop());
  durabilityScenario(() => storeUrl);
});
