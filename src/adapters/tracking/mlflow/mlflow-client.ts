/**
 * driftguard's typed MLflow REST client, driven by MLFLOW_ENDPOINTS. Uses Node's built-in fetch; every call has a
 * timeout; only endpoints marked `retry: 'safe'` (reads, idempotent writes) and artifact reads / PUTs are retried,
 * with exponential backoff, on network failures, timeouts, HTTP 429 and 5xx. Errors are TrackingError carrying the
 * HTTP status, MLflow's `error_code` and its message (JSON or plain-text body). Credentials are sent as headers
 * only and never appear in an error message or a log line.
 */
import { TrackingError, type TrackingErrorKind } from '../../../ports/tracking-error.js';
import { type EndpointName, MLFLOW_ENDPOINTS, type MlflowApi } from './mlflow-endpoints.js';
import type { MlflowArtifactFile } from './mlflow-types.js';

export interface MlflowClientOptions {
  /** `http(s)://host[:port][/prefix]`; user:password in the URL are moved to basic auth. */
  readonly trackingUri: string;
  /** Basic auth (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD). */
  readonly username?: string;
  readonly password?: string;
  /** Bearer token (MLFLOW_TRACKING_TOKEN); wins over basic auth when both are set. */
  readonly token?: string;
  /**
   * The deadline of one call, its retries and backoff included; default 30 000 ms (artifact transfers: 4× this).
   * A call still unanswered then fails as `unavailable`, however many attempts it made.
   */
  readonly timeoutMs?: number;
  /** Extra attempts for retryable calls; default 3. */
  readonly maxRetries?: number;
  /** First backoff delay, doubled per attempt; default 250 ms. */
  readonly retryBaseDelayMs?: number;
  /** Receives one line per retry; default: none. */
  readonly log?: (line: string) => void;
  readonly fetch?: typeof fetch;
}

export interface MlflowClient {
  readonly baseUrl: string;
  call<K extends EndpointName>(endpoint: K, request: MlflowApi[K]['request']): Promise<MlflowApi[K]['response']>;
  /** PUT one artifact through the server's proxy; `path` is relative to the proxy root (`<exp>/<run>/artifacts/…`). */
  putArtifact(path: string, content: Uint8Array): Promise<void>;
  getArtifact(path: string): Promise<Uint8Array>;
  listArtifactDirectory(path: string): Promise<MlflowArtifactFile[]>;
  /** Abandons every outstanding call (each fails as `unavailable` at once) and refuses new ones: for shutdown. */
  close(): void;
}

/** Reads the MLflow environment variables (MLFLOW_TRACKING_URI / _USERNAME / _PASSWORD / _TOKEN). */
export function mlflowOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<MlflowClientOptions> {
  const options: { trackingUri?: string; username?: string; password?: string; token?: string } = {};
  if (env.MLFLOW_TRACKING_URI) options.trackingUri = env.MLFLOW_TRACKING_URI;
  if (env.MLFLOW_TRACKING_USERNAME) options.username = env.MLFLOW_TRACKING_USERNAME;
  if (env.MLFLOW_TRACKING_PASSWORD) options.password = env.MLFLOW_TRACKING_PASSWORD;
  if (env.MLFLOW_TRACKING_TOKEN) options.token = env.MLFLOW_TRACKING_TOKEN;
  return options;
}

const ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/artifacts';

export function createMlflowClient(options: MlflowClientOptions): MlflowClient {
  let url: URL;
  try {
    url = new URL(options.trackingUri);
  } catch {
    throw new TrackingError('trackingUri: not a valid URL (expected http(s)://host:port)', {
      kind: 'invalid',
      operation: 'configure',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TrackingError(`trackingUri: scheme ${url.protocol} is not http: or https:`, {
      kind: 'invalid',
      operation: 'configure',
    });
  }
  const username = options.username ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const password = options.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
  url.username = '';
  url.password = '';
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.retryBaseDelayMs ?? 250;
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => undefined);

  const authHeaders: Record<string, string> = {};
  if (options.token) authHeaders.authorization = `Bearer ${options.token}`;
  else if (username !== undefined) {
    authHeaders.authorization = `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
  }
  const secrets = [options.token, password, authHeaders.authorization].filter((s): s is string => !!s && s.length >= 3);
  const redact = (text: string): string => secrets.reduce((t, s) => t.split(s).join('***'), text);

  /** Aborted by close(): every outstanding fetch and backoff wait ends at once. */
  const closing = new AbortController();
  const abandoned = (operation: string) =>
    new TrackingError(`MLflow ${operation} abandoned: the client is closing (shutdown)`, {
      kind: 'unavailable',
      operation,
    });

  /** One call's budget: the signal that ends it (deadline or close); dispose() when the call is over. */
  interface CallDeadline {
    readonly signal: AbortSignal;
    readonly budgetMs: number;
    readonly endsAtMs: number;
    dispose(): void;
  }

  // An explicit timer, not AbortSignal.timeout: a timeout signal only held through AbortSignal.any may be collected
  // before it fires, leaving the call without a deadline.
  const deadlineOf = (budgetMs: number): CallDeadline => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), budgetMs);
    const onClose = () => controller.abort();
    closing.signal.addEventListener('abort', onClose, { once: true });
    return {
      signal: controller.signal,
      budgetMs,
      endsAtMs: Date.now() + budgetMs,
      dispose() {
        clearTimeout(timer);
        closing.signal.removeEventListener('abort', onClose);
      },
    };
  };

  /** Runs `work` under the call's deadline, turning its end into the call's error. */
  async function underDeadline<T>(operation: string, deadline: CallDeadline, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TrackingError) throw error;
      if (closing.signal.aborted) throw abandoned(operation);
      const ended = deadline.signal.aborted;
      const reason = ended
        ? `timed out after ${deadline.budgetMs} ms (the deadline of the call, retries included)`
        : `could not reach ${baseUrl}: ${describeNetworkError(error)}`;
      throw new TrackingError(redact(`MLflow ${operation} failed: ${reason}`), { kind: 'unavailable', operation });
    }
  }

  async function attempt(
    operation: string,
    method: string,
    target: string,
    init: RequestInit,
    deadline: CallDeadline,
  ): Promise<Response> {
    const response = await underDeadline(operation, deadline, () =>
      doFetch(target, { ...init, method, signal: deadline.signal }),
    );
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    throw errorFromResponse(operation, response.status, text, redact);
  }

  /** Attempts `run` until it succeeds, fails for good, or the next backoff would pass the call's deadline. */
  async function withRetries<T>(
    operation: string,
    retryable: boolean,
    budgetMs: number,
    run: (deadline: CallDeadline) => Promise<T>,
  ): Promise<T> {
    if (closing.signal.aborted) throw abandoned(operation);
    const deadline = deadlineOf(budgetMs);
    try {
      return await retrying(operation, retryable, deadline, run);
    } finally {
      deadline.dispose();
    }
  }

  async function retrying<T>(
    operation: string,
    retryable: boolean,
    deadline: CallDeadline,
    run: (deadline: CallDeadline) => Promise<T>,
  ): Promise<T> {
    for (let attemptIndex = 0; ; attemptIndex++) {
      try {
        return await underDeadline(operation, deadline, () => run(deadline));
      } catch (error) {
        if (!retryable || !(error instanceof TrackingError) || !error.retryable || attemptIndex >= maxRetries)
          throw error;
        const delayMs = baseDelayMs * 2 ** attemptIndex;
        if (deadline.signal.aborted || Date.now() + delayMs >= deadline.endsAtMs) throw error;
        log(
          redact(
            `mlflow: ${operation} attempt ${attemptIndex + 1} failed (${error.message}); retrying in ${delayMs} ms`,
          ),
        );
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          deadline.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              resolve(undefined);
            },
            { once: true },
          );
        });
      }
    }
  }

  const jsonHeaders = { ...authHeaders, 'content-type': 'application/json', accept: 'application/json' };

  return {
    baseUrl,
    async call(endpoint, request) {
      const spec = MLFLOW_ENDPOINTS[endpoint];
      const operation = `${spec.method} ${spec.path}`;
      const isQuery = spec.method === 'GET';
      const { path, rest } = fillPathParameters(spec.path, request as Record<string, unknown>);
      const target = isQuery ? `${baseUrl}${path}${toQueryString(rest)}` : `${baseUrl}${path}`;
      const init: RequestInit = isQuery
        ? { headers: authHeaders }
        : { headers: jsonHeaders, body: JSON.stringify(rest) };
      return withRetries(operation, spec.retry === 'safe', timeoutMs, async (deadline) => {
        const response = await attempt(operation, spec.method, target, init, deadline);
        const text = await response.text();
        if (text.trim() === '') return {} as never;
        try {
          return JSON.parse(text) as never;
        } catch {
          throw new TrackingError(
            redact(`MLflow ${operation} answered ${response.status} with a body that is not JSON: ${truncate(text)}`),
            {
              kind: 'unavailable',
              operation,
              status: response.status,
            },
          );
        }
      });
    },
    async putArtifact(path, content) {
      const operation = `PUT ${ARTIFACTS_PREFIX}/${path}`;
      await withRetries(operation, true, timeoutMs * 4, (deadline) =>
        attempt(
          operation,
          'PUT',
          `${baseUrl}${ARTIFACTS_PREFIX}/${encodePath(path)}`,
          {
            headers: { ...authHeaders, 'content-type': 'application/octet-stream' },
            body: content,
          },
          deadline,
        ).then((response) => response.arrayBuffer()),
      );
    },
    async getArtifact(path) {
      const operation = `GET ${ARTIFACTS_PREFIX}/${path}`;
      return withRetries(operation, true, timeoutMs * 4, async (deadline) => {
        const response = await attempt(
          operation,
          'GET',
          `${baseUrl}${ARTIFACTS_PREFIX}/${encodePath(path)}`,
          { headers: authHeaders },
          deadline,
        );
        return new Uint8Array(await response.arrayBuffer());
      });
    },
    async listArtifactDirectory(path) {
      const operation = `GET ${ARTIFACTS_PREFIX}?path=${path}`;
      return withRetries(operation, true, timeoutMs, async (deadline) => {
        const response = await attempt(
          operation,
          'GET',
          `${baseUrl}${ARTIFACTS_PREFIX}${toQueryString({ path })}`,
          { headers: authHeaders },
          deadline,
        );
        const body = (await response.json()) as { files?: MlflowArtifactFile[] };
        return body.files ?? [];
      });
    },
    close() {
      closing.abort();
    },
  };
}

/**
 * Maps an HTTP error answer to a TrackingError: MLflow's JSON `{error_code, message}` when present, otherwise the
 * plain-text body (truncated). 429 / 5xx / TEMPORARILY_UNAVAILABLE are `unavailable` (retryable).
 */
export function errorFromResponse(
  operation: string,
  status: number,
  body: string,
  redact: (text: string) => string = (t) => t,
): TrackingError {
  let errorCode: string | undefined;
  const text = /^\s*<(!doctype|html)/i.test(body) ? body.replace(/<[^>]*>/g, ' ') : body;
  let message = truncate(text.replace(/\s+/g, ' ').trim()) || '(empty body)';
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown; message?: unknown };
    if (typeof parsed.error_code === 'string') errorCode = parsed.error_code;
    if (typeof parsed.message === 'string') message = truncate(parsed.message);
  } catch {
    // plain-text body: keep it as the message
  }
  const kind = kindOf(status, errorCode);
  const code = errorCode ? ` ${errorCode}` : '';
  return new TrackingError(redact(`MLflow ${operation} failed: HTTP ${status}${code}: ${message}`), {
    kind,
    operation,
    status,
    ...(errorCode ? { errorCode } : {}),
  });
}

function kindOf(status: number, errorCode: string | undefined): TrackingErrorKind {
  if (status === 429 || status >= 500 || errorCode === 'TEMPORARILY_UNAVAILABLE') return 'unavailable';
  if (errorCode === 'RESOURCE_DOES_NOT_EXIST' || status === 404) return 'not_found';
  if (errorCode === 'RESOURCE_ALREADY_EXISTS') return 'already_exists';
  if (status === 401 || status === 403 || errorCode === 'UNAUTHENTICATED' || errorCode === 'PERMISSION_DENIED')
    return 'unauthorized';
  return 'invalid';
}

function truncate(text: string, maxChars = 500): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  return code ? `${error.message} (${code})` : error.message;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** `/logged-models/{model_id}` + `{model_id: "m-1", x: 2}` → `/logged-models/m-1` and `{x: 2}`. */
function fillPathParameters(
  template: string,
  request: Record<string, unknown>,
): { path: string; rest: Record<string, unknown> } {
  const rest = { ...request };
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value ?? ''));
  });
  return { path, rest };
}

function toQueryString(request: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
