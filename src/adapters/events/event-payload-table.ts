import type pg from 'pg';
import type { ServiceEvent } from '../../ports/event-bus.js';
import { parseServiceEvent } from './event-notification.js';

/** How long a by-reference event is kept for the replicas to load it. */
export const EVENT_PAYLOAD_TTL_SECONDS = 300;

export interface EventPayloadTable {
  /** Stores an event's JSON and returns its row id (old rows are removed on the way). */
  put(json: string): Promise<string>;
  /** The event of a row id; null when it expired. */
  get(ref: string): Promise<ServiceEvent | null>;
}

const CREATE = `CREATE TABLE IF NOT EXISTS driftguard_event_payloads (
  id BIGSERIAL PRIMARY KEY,
  payload TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

/**
 * Events too large for a NOTIFY (≥ 8000 bytes), kept a few minutes in a table of the bus's own (created on first use,
 * in the connection's schema, beside the store's tables).
 */
export function createEventPayloadTable(pool: pg.Pool): EventPayloadTable {
  let created: Promise<void> | null = null;
  const ensure = () =>
    (created ??= pool.query(CREATE).then(
      () => undefined,
      (error: { code?: string }) => {
        // Two replicas creating it at once: one wins, the other sees a duplicate type / relation.
        if (error.code === '23505' || error.code === '42P07') return;
        created = null;
        throw error;
      },
    ));
  return {
    async put(json) {
      await ensure();
      await pool.query(`DELETE FROM driftguard_event_payloads WHERE created_at < now() - make_interval(secs => $1)`, [
        EVENT_PAYLOAD_TTL_SECONDS,
      ]);
      const { rows } = await pool.query<{ id: string }>(
        'INSERT INTO driftguard_event_payloads (payload) VALUES ($1) RETURNING id',
        [json],
      );
      return rows[0].id;
    },
    async get(ref) {
      if (!/^\d+$/.test(ref)) return null;
      await ensure();
      const { rows } = await pool.query<{ payload: string }>(
        'SELECT payload FROM driftguard_event_payloads WHERE id = $1',
        [ref],
      );
      return rows.length === 0 ? null : parseServiceEvent(JSON.parse(rows[0].payload));
    },
  };
}
