import { connect } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** True when the server closed the connection after answering (or without answering). */
  readonly closed: boolean;
}

/**
 * Sends bytes as they are on a fresh TCP connection to `url` (host and port) and reads the first HTTP response:
 * for requests that no HTTP client would send (a bad Content-Length, oversized headers, a body that never ends).
 * `endAfterMs` bounds the wait; `pauseAfterHead` writes `parts` one after the other without ending the stream.
 */
export function rawRequest(
  url: string,
  parts: readonly string[],
  options: { waitMs?: number } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no response within ${options.waitMs ?? 5000} ms; got ${JSON.stringify(received)}`));
    }, options.waitMs ?? 5000);
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const parsed = parseResponse(received);
      if (parsed === null) reject(new Error(`connection closed without an HTTP response: ${JSON.stringify(received)}`));
      else resolve({ ...parsed, closed: true });
    });
  });
}

function parseResponse(text: string): Omit<RawResponse, 'closed'> | null {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...headerLines] = text.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) return null;
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: text.slice(end + 4) };
}
