import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventBus, ServiceEvent } from '../../ports/event-bus.js';
import { eventChannelFor } from './event-channel.js';
import { decodeNotification, encodeNotification, type Notification } from './event-notification.js';
import { createEventPayloadTable, type EventPayloadTable } from './event-payload-table.js';
import { createInProcessEventBus } from './in-process-event-bus.js';

export interface PostgresEventBusOptions {
  readonly connectionString: string;
  /** NOTIFY channel; default `driftguard_events`, suffixed with the schema when the connection's schema is not `public`. */
  readonly channel?: string;
  /** This replica's tag on its notifications (its own echo is dropped); default a random UUID. */
  readonly replicaId?: string;
  /** Largest NOTIFY payload in bytes (PostgreSQL refuses 8000 and more); larger events travel by reference. */
  readonly maxPayloadBytes?: number;
  /** Reconnect delays of the listening connection: doubles from min to max (ms). */
  readonly reconnect?: { readonly minMs: number; readonly maxMs: number };
  /** A failed NOTIFY, a lost listening connection, a failing listener: reported, never thrown at the publisher. */
  readonly onError?: (error: unknown) => void;
}

export interface PostgresEventBus extends EventBus {
  readonly replicaId: string;
  /** Resolves once the listening connection has run LISTEN the first time (rejects when closed before). */
  listening(): Promise<void>;
  /** Stops listening, sends what is queued and closes every connection. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_NOTIFY_PAYLOAD_BYTES = 7900;

/**
 * Event bus across replicas over PostgreSQL LISTEN/NOTIFY on one channel. A replica delivers its own events to its
 * subscribers at once (synchronously, like the in-process bus) and NOTIFYs them tagged with its replica id; it drops
 * its own echo and delivers the other replicas' events in the order they arrive. An event whose notification would
 * exceed `maxPayloadBytes` is stored in a payload table and announced by its row id. The listening connection
 * reconnects with backoff; events NOTIFYed while it is down are not seen by this replica (NOTIFY is not durable).
 */
export function createPostgresEventBus(options: PostgresEventBusOptions): PostgresEventBus {
  const onError = options.onError ?? (() => undefined);
  const replicaId = options.replicaId ?? randomUUID();
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_NOTIFY_PAYLOAD_BYTES;
  const backoff = options.reconnect ?? { minMs: 100, maxMs: 5000 };
  const local = createInProcessEventBus(onError);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: 2,
    application_name: `driftguard-events-notify:${replicaId}`,
  });
  pool.on('error', onError);
  const payloads: EventPayloadTable = createEventPayloadTable(pool);
  let resolvedChannel: string | null = options.channel ?? null;
  /** The channel name, looked up once it succeeds (a failed look-up is retried with the next connection). */
  const channel = async (): Promise<string> => (resolvedChannel ??= await eventChannelFor(pool));

  let closed = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let delayMs = backoff.minMs;
  /** Sends in publish order; receives in arrival order (a by-reference event is loaded before the next is delivered). */
  let sending: Promise<void> = Promise.resolve();
  let receiving: Promise<void> = Promise.resolve();
  let resolveListening!: () => void;
  let rejectListening!: (error: Error) => void;
  const firstListen = new Promise<void>(
    (resolve, reject) => ((resolveListening = resolve), (rejectListening = reject)),
  );
  firstListen.catch(() => undefined);

  async function send(event: ServiceEvent): Promise<void> {
    const name = await channel();
    let text = encodeNotification({ replica: replicaId, event });
    if (Buffer.byteLength(text) > maxPayloadBytes)
      text = encodeNotification({ replica: replicaId, ref: await payloads.put(JSON.stringify(event)) });
    await pool.query('SELECT pg_notify($1, $2)', [name, text]);
  }

  async function receive(notification: Notification): Promise<void> {
    if (notification.replica === replicaId) return;
    const event = 'event' in notification ? notification.event : await payloads.get(notification.ref);
    if (event !== null && !closed) local.publish(event);
  }

  function onNotification(message: pg.Notification): void {
    let notification: Notification;
    try {
      notification = decodeNotification(message.payload ?? '');
    } catch (error) {
      onError(error);
      return;
    }
    receiving = receiving.then(() => receive(notification)).catch(onError);
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delayMs);
    retryTimer.unref();
    delayMs = Math.min(delayMs * 2, backoff.maxMs);
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: `driftguard-events:${replicaId}`,
    });
    let lost = false;
    const drop = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (client === next) client = null;
      void next.end().catch(() => undefined);
      if (!closed) {
        if (error !== undefined) onError(error);
        scheduleReconnect();
      }
    };
    next.on('error', drop);
    next.on('end', () => drop(closed ? undefined : new Error('event bus: the listening connection ended')));
    next.on('notification', (message) => {
      if (!lost) onNotification(message);
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${await channel()}"`);
    } catch (error) {
      drop(error);
      return;
    }
    if (closed || lost) {
      void next.end().catch(() => undefined);
      return;
    }
    client = next;
    delayMs = backoff.minMs;
    resolveListening();
  }

  void connect();

  return {
    replicaId,
    publish(event) {
      local.publish(event);
      if (closed) return;
      sending = sending.then(() => send(event)).catch(onError);
    },
    subscribe: local.subscribe,
    listening: () => firstListen,
    async close() {
      if (closed) return;
      closed = true;
      rejectListening(new Error('event bus closed'));
      if (retryTimer !== null) clearTimeout(retryTimer);
      const listener = client;
      client = null;
      await listener?.end().catch(() => undefined);
      await sending;
      await receiving;
      await pool.end();
    },
  };
}
