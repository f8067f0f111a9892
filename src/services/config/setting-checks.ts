/**
 * Checks of single settings, run on the whole configuration before `serve` opens anything (store, tracking backend,
 * listener), so that a wrong setting is one line and exit 2 at once — never a half-started service.
 */

/** Shortest API key accepted: keys are bearer secrets, long random tokens (e.g. `openssl rand -hex 24`). */
export const MIN_API_KEY_CHARS = 16;

export function apiKeyProblem(key: string): string | null {
  if (key.length < MIN_API_KEY_CHARS)
    return `keys must be at least ${MIN_API_KEY_CHARS} characters (got ${key.length})`;
  if (/\s/.test(key)) return 'keys may not contain white space (a trailing newline in the variable?)';
  return null;
}

/** `sqlite:<file>` or `postgres://…` / `postgresql://…`. */
export function storeUrlProblem(url: string): string | null {
  if (/^postgres(ql)?:\/\/./i.test(url)) return null;
  if (/^sqlite:/i.test(url)) return url.replace(/^sqlite:(\/\/)?/i, '') === '' ? 'expected sqlite:<file>' : null;
  return `scheme ${JSON.stringify(url.split(':')[0])} is not supported (use sqlite:<file> or postgres://…)`;
}

/** `http(s)://host[:port]` (MLflow), `file:<dir>` or `sqlite:///<file>` (the local tracking store). */
export function trackingUriProblem(uri: string): string | null {
  if (/^https?:\/\//i.test(uri)) return httpUrlProblem(uri);
  if (/^file:./i.test(uri)) return null;
  if (/^sqlite:\/\/\/./i.test(uri)) return null;
  return `${JSON.stringify(uri)} is not supported (use http(s)://host:port, file:<dir> or sqlite:///<file>)`;
}

/** An absolute http(s) URL (alert sinks, the public URL of the dashboard). */
export function httpUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not a URL (expected http(s)://host[:port]/…)`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `${JSON.stringify(url)}: scheme ${parsed.protocol} is not http: or https:`;
  return null;
}
