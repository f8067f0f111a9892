import { createHash } from 'node:crypto';
import type pg from 'pg';

export const EVENT_CHANNEL = 'driftguard_events';

/**
 * The NOTIFY channel of the connection's schema: channels are database-wide, so two installations in one database
 * (one schema each) must not hear each other. `public` keeps the plain name; another schema is appended (sanitized,
 * hashed when the name would pass PostgreSQL's 63-byte identifier limit).
 */
export function eventChannelName(schema: string): string {
  if (schema === 'public') return EVENT_CHANNEL;
  const suffix = schema.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const name = `${EVENT_CHANNEL}_${suffix}`;
  return name.length <= 63
    ? name
    : `${EVENT_CHANNEL}_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

/** The channel for the schema the connection string's search_path selects. */
export async function eventChannelFor(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  return eventChannelName(rows[0]?.schema ?? 'public');
}
