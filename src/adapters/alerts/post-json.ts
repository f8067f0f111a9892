import { AlertDeliveryError } from '../../ports/alert-sink.js';

/**
 * POSTs a body to a sink with a timeout. 2xx resolves with the status; 5xx, 429 and network errors are retryable
 * AlertDeliveryErrors; other statuses are final. The URL's credentials and query never appear in messages.
 */
export async function postToSink(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<{ httpStatus: number }> {
  const where = safeUrl(url);
  let response: Response;
  try {
    // fetch refuses credentials in the URL: send them as basic auth instead.
    const target = new URL(url);
    const auth: Record<string, string> = {};
    if (target.username !== '') {
      auth.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
    }
    target.username = '';
    target.password = '';
    response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth, ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // Never the raw message: fetch's messages may quote the URL, and with it a secret.
    const e = error as Error & { cause?: { code?: string } };
    const cause = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.name);
    throw new AlertDeliveryError(`POST ${where} failed: ${cause}`, null, true);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return { httpStatus: response.status };
  const retryable = response.status >= 500 || response.status === 429;
  throw new AlertDeliveryError(`POST ${where} answered HTTP ${response.status}`, response.status, retryable);
}

/** origin + path only: no user info, no query string (Slack webhook paths are secret too: keep the first segment). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.hostname === 'hooks.slack.com' ? `${u.pathname.split('/').slice(0, 2).join('/')}/…` : u.pathname;
    return `${u.protocol}//${u.host}${path}`;
  } catch {
    return '(invalid URL)';
  }
}
