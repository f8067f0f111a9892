import { keys } from '../lib/keys.js';
import type { ErrorBody } from './types.js';

/** A non-2xx answer of the API, with its `{ error, message, details[] }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(
      body.details.length > 0
        ? `${body.message} (${body.details.map((d) => `${d.path}: ${d.reason}`).join('; ')})`
        : body.message,
    );
  }
}

type Listener = (refusal: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();

/** Called with the refusal when a read request is refused for want of a (valid) key: the app then asks for one. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function authHeaders(key: string | null): Record<string, string> {
  return key === null ? {} : { authorization: `Bearer ${key}` };
}

async function send<T>(method: string, path: string, key: string | null, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...authHeaders(key),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const error = (parsed ?? {}) as Partial<ErrorBody>;
    throw new ApiError(response.status, {
      error: error.error ?? `http_${response.status}`,
      message: error.message ?? response.statusText,
      details: error.details ?? [],
    });
  }
  return parsed as T;
}

/** GET with the read key; a 401 / 403 tells the app to ask for a key. */
export async function get<T>(path: string): Promise<T> {
  try {
    return await send<T>('GET', path, keys.read());
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403))
      for (const l of unauthorizedListeners) l(error);
    throw error;
  }
}

/** GET that answers null on 404 (e.g. a model without a drift report yet, or a route this server lacks). */
export async function getOrNull<T>(path: string): Promise<T | null> {
  try {
    return await get<T>(path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** A mutating call with the admin key the user typed in the confirmation dialog. */
export function adminCall<T>(method: 'POST' | 'PUT', path: string, adminKey: string, body: unknown = {}): Promise<T> {
  return send<T>(method, path, adminKey, body);
}

export const enc = encodeURIComponent;
