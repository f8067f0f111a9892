import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithComponent } from '../../../tests/support/components/describe-with-component.js';
import {
  POSTGRES_TEST_URL,
  postgresComponent,
  postgresTestSchema,
} from '../../../tests/support/components/postgres.js';
import type { ServiceEvent } from '../../ports/event-bus.js';
import { CROSS_REPLICA_DELIVERY_MS, eventBusContract } from './event-bus.contract.js';
import { eventChannelName } from './event-channel.js';
import { createPostgresEventBus, type PostgresEventBus } from './postgres-event-bus.js';

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The backends of one bus's listening connection (found by its application_name). */
const listenerPids = (bus: PostgresEventBus) =>
  withClient(async (c) =>
    (
      await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
        `driftguard-events:${bus.replicaId}`,
      ])
    ).rows.map((r) => r.pid),
  );
const connectionsOf = (bus: PostgresEventBus) =>
  withClient(async (c) =>
    Number(
      (
        await c.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name LIKE $1', [
          `%:${bus.replicaId}`,
        ])
      ).rows[0].n,
    ),
  );

const event = (i: number): ServiceEvent => ({
  type: 'drift_report',
  model: 'm',
  atMs: i,
  data: { id: i, severity: 'none', driftShare: 0 },
});

describe('event channel name', () => {
  it('is per schema, a valid identifier of at most 63 bytes', () => {
    expect(eventChannelName('public')).toBe('driftguard_events');
    expect(eventChannelName('Team-A')).toBe('driftguard_events_team_a');
    const long = eventChannelName('s'.repeat(80));
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).not.toBe(eventChannelName('s'.repeat(81)));
  });
});

describeWithComponent('PostgreSQL event bus (LISTEN/NOTIFY)', postgresComponent, () => {
  const schema = postgresTestSchema('dg_events');
  let url = '';
  beforeAll(async () => {
    url = await schema.create();
  });
  afterAll(() => schema.drop());

  const open = async (replicaId?: string) => {
    const bus = createPostgresEventBus({
      connectionString: url,
      replicaId,
      reconnect: { minMs: 50, maxMs: 400 },
      onError: () => undefined,
    });
    await bus.listening();
    return bus;
  };

  describe('contract: two replicas on one database', () => {
    eventBusContract(async () => {
      const [publisher, receiver] = [await open(), await open()];
      return {
        publisher,
        receiver,
        close: async () => void (await Promise.all([publisher.close(), receiver.close()])),
      };
    });
  });

  it('keeps installations in different schemas apart', async () => {
    const other = postgresTestSchema('dg_events_other');
    const otherUrl = await other.create();
    const a = await open();
    const elsewhere = createPostgresEventBus({ connectionString: otherUrl });
    try {
      await elsewhere.listening();
      const seen: ServiceEvent[] = [];
      elsewhere.subscribe((e) => seen.push(e));
      const b = await open();
      const arrived: ServiceEvent[] = [];
      b.subscribe((e) => arrived.push(e));
      a.publish(event(1));
      await expect.poll(() => arrived.length, { timeout: CROSS_REPLICA_DELIVERY_MS }).toBe(1);
      await b.close();
      expect(seen).toEqual([]);
    } finally {
      await Promise.all([a.close(), elsewhere.close()]);
      await other.drop();
    }
  });

  it('reconnects with backoff when the listening connection is killed, and hears the other replica again', async () => {
    const [a, b] = [await open(), await open()];
    const seen: ServiceEvent[] = [];
    b.subscribe((e) => seen.push(e));
    try {
      const [pid] = await listenerPids(b);
      expect(pid).toBeGreaterThan(0);
      await withClient((c) => c.query('SELECT pg_terminate_backend($1)', [pid]));
      await expect
        .poll(async () => (await listenerPids(b)).filter((p) => p !== pid).length, { timeout: 5000, interval: 50 })
        .toBe(1);
      // The new connection has LISTENed once it is seen: an event published from now on arrives.
      let i = 0;
      await expect
        .poll(() => (a.publish(event(++i)), seen.length), { timeout: 5000, interval: 100 })
        .toBeGreaterThan(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('close sends what is queued, then leaves no connection behind', async () => {
    const [a, b] = [await open(), await open()];
    const seen: ServiceEvent[] = [];
    b.subscribe((e) => seen.push(e));
    expect(await connectionsOf(a)).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) a.publish(event(i));
    await a.close();
    await expect.poll(() => seen.length, { timeout: CROSS_REPLICA_DELIVERY_MS }).toBe(20);
    expect(await connectionsOf(a)).toBe(0);
    await b.close();
    expect(await connectionsOf(b)).toBe(0);
    await expect(a.listening()).resolves.toBeUndefined();
  });

  it('ignores notifications on its channel that are not its own kind', async () => {
    const b = await open();
    const errors: unknown[] = [];
    const strict = createPostgresEventBus({ connectionString: url, onError: (e) => errors.push(e) });
    try {
      await strict.listening();
      const seen: ServiceEvent[] = [];
      strict.subscribe((e) => seen.push(e));
      const channel = await withClient(async (c) => {
        await c.query(`SET search_path = ${schema.schema}`);
        return eventChannelName((await c.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s);
      });
      await withClient((c) => c.query('SELECT pg_notify($1, $2)', [channel, 'not json']));
      await withClient((c) =>
        c.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ replica: 'x', event: { type: 'nope' } })]),
      );
      b.publish(event(7));
      await expect.poll(() => seen.length, { timeout: CROSS_REPLICA_DELIVERY_MS }).toBe(1);
      expect(seen).toEqual([event(7)]);
      expect(errors).toHaveLength(2);
    } finally {
      await Promise.all([b.close(), strict.close()]);
    }
  });
});
