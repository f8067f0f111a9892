import { SERVICE_EVENT_TYPES, type ServiceEvent } from '../../ports/event-bus.js';

/** What one NOTIFY carries: the event itself, or the payload-table row holding an event too large for NOTIFY. */
export type Notification =
  | { readonly replica: string; readonly event: ServiceEvent }
  | { readonly replica: string; readonly ref: string };

const TYPES: ReadonlySet<string> = new Set<string>(SERVICE_EVENT_TYPES);

export function encodeNotification(notification: Notification): string {
  return JSON.stringify(notification);
}

/** Checks that a payload is a service event (another program may NOTIFY on the channel too). */
export function parseServiceEvent(value: unknown): ServiceEvent {
  const e = value as Partial<ServiceEvent> | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    !TYPES.has(e.type as string) ||
    typeof e.model !== 'string' ||
    typeof e.atMs !== 'number' ||
    typeof e.data !== 'object' ||
    e.data === null
  ) {
    throw new Error(`event bus: not a service event: ${JSON.stringify(value)?.slice(0, 200)}`);
  }
  // The shape was checked above; the data of each type is what this bus's publishers wrote (same code, other replica).
  return { type: e.type, model: e.model, atMs: e.atMs, data: e.data } as ServiceEvent;
}

/** Parses a NOTIFY payload; throws on anything that is not a notification of this bus. */
export function decodeNotification(payload: string): Notification {
  const n = JSON.parse(payload) as { replica?: unknown; event?: unknown; ref?: unknown } | null;
  if (typeof n !== 'object' || n === null || typeof n.replica !== 'string')
    throw new Error(`event bus: notification without a replica: ${payload.slice(0, 200)}`);
  if (typeof n.ref === 'string') return { replica: n.replica, ref: n.ref };
  return { replica: n.replica, event: parseServiceEvent(n.event) };
}
