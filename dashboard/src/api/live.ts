import { keys } from '../lib/keys.js';
import { authHeaders } from './client.js';
import type { LiveEvent } from './types.js';

export type LiveStatus = 'connecting' | 'live' | 'offline' | 'key-needed';
type EventListener = (event: LiveEvent) => void;

const listeners = new Set<EventListener>();
const statusListeners = new Set<(status: LiveStatus) => void>();
let status: LiveStatus = 'connecting';
let controller: AbortController | null = null;

function setStatus(next: LiveStatus) {
  status = next;
  for (const l of statusListeners) l(next);
}

/** Parses the `event:` / `data:` blocks of a Server-Sent Events stream. */
export function parseSseBlock(block: string): LiveEvent | null {
  let type: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (type === null || data.length === 0) return null;
  try {
    // The API boundary, like every JSON response: the server writes the event whose type the `event:` line names.
    return { ...(JSON.parse(data.join('\n')) as LiveEvent), type: type as LiveEvent['type'] } as LiveEvent;
  } catch {
    return null;
  }
}

/**
 * Follows GET /v1/events with fetch (EventSource cannot send the API key header) and reconnects with backoff.
 * Every event reaches the subscribers; pages refetch what the event concerns.
 */
export function connectLive(): void {
  controller?.abort();
  const own = new AbortController();
  controller = own;
  let attempt = 0;
  const run = async () => {
    while (!own.signal.aborted) {
      setStatus('connecting');
      try {
        const response = await fetch('/v1/events', {
          headers: { accept: 'text/event-stream', ...authHeaders(keys.read()) },
          signal: own.signal,
        });
        if (response.status === 401 || response.status === 403) {
          // Not an outage: the stream waits for a key; entering one starts a new session (connectLive again).
          setStatus('key-needed');
          return;
        }
        if (!response.ok || response.body === null) throw new Error(`events: HTTP ${response.status}`);
        setStatus('live');
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        while (true) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const event = parseSseBlock(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
            if (event !== null) for (const l of listeners) l(event);
          }
        }
      } catch {
        if (own.signal.aborted) return;
      }
      setStatus('offline');
      attempt += 1;
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5))));
    }
  };
  void run();
}

export function onLiveEvent(listener: EventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function onLiveStatus(listener: (status: LiveStatus) => void): () => void {
  statusListeners.add(listener);
  listener(status);
  return () => statusListeners.delete(listener);
}
