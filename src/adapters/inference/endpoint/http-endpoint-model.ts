/**
 * InferenceModel for a model behind an HTTP scoring endpoint the user runs (a custom `python_function` behind
 * `mlflow models serve`, a KServe / MLServer / Triton deployment). Each predict is one POST of all rows; each
 * attempt has its own time-out; network errors, time-outs, 429, 502, 503 and 504 are retried with exponential
 * backoff (scoring is idempotent); a circuit breaker stops calling a dead endpoint and `health()` says why.
 * Errors: the endpoint refusing the rows (4xx) → InferenceModelError (the caller's input); anything else →
 * InferenceUnavailableError (503 for the caller, counted by the breaker).
 */

import {
  ENDPOINT_DEFAULTS,
  type EndpointServing,
  endpointServingProblems,
} from '../../../models/inference/endpoint-serving.js';
import { InferenceModelError } from '../../../models/inference/inference-mapping.js';
import {
  type InferenceHealth,
  type InferenceModel,
  InferenceUnavailableError,
} from '../../../ports/inference-model.js';
import { type CircuitBreaker, createCircuitBreaker } from './circuit-breaker.js';
import { type AnswerReading, predictionOfAnswer } from './endpoint-answer.js';
import { kserveV2Protocol } from './kserve-v2-protocol.js';
import { mlflowScoringProtocol } from './mlflow-scoring-protocol.js';
import type { EndpointFeature, ScoringProtocol } from './scoring-protocol.js';

export interface HttpEndpointModelOptions {
  readonly serving: EndpointServing;
  /** The model entry's features, in the order the endpoint expects them, with their JSON types. */
  readonly features: readonly EndpointFeature[];
  readonly task: 'binary' | 'regression';
  readonly fetch?: typeof fetch;
  /** Clock of the circuit breaker; default Date.now. */
  readonly nowMs?: () => number;
}

/** A failed attempt; `retryable` when repeating the same request may succeed. */
class AttemptFailure extends InferenceUnavailableError {
  constructor(
    reason: string,
    readonly retryable: boolean,
  ) {
    super(reason);
  }
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

function truncate(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The error message in an endpoint's error body: MLflow `{error_code, message}`, KServe `{error}`, else the text. */
function errorMessageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown; error_code?: unknown };
    const message =
      typeof parsed.message === 'string' ? parsed.message : typeof parsed.error === 'string' ? parsed.error : null;
    if (message !== null)
      return truncate(typeof parsed.error_code === 'string' ? `${parsed.error_code}: ${message}` : message);
  } catch {
    // not JSON: the text itself
  }
  return truncate(body) || '(empty body)';
}

function networkReason(error: unknown, timeoutMs: number, target: string): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `${target} timed out after ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error as { cause?: { code?: string } }).cause : undefined;
  return `could not reach ${target}: ${error instanceof Error ? error.message : String(error)}${cause?.code ? ` (${cause.code})` : ''}`;
}

function protocolOf(options: HttpEndpointModelOptions): ScoringProtocol {
  const { serving, features, task } = options;
  if (serving.protocol === 'mlflow') return mlflowScoringProtocol(features);
  return kserveV2Protocol(features, {
    modelName: serving.modelName as string,
    ...(serving.modelVersion ? { modelVersion: serving.modelVersion } : {}),
    ...(serving.input
      ? {
          matrix: {
            name: serving.input.matrix,
            ...(serving.input.datatype ? { datatype: serving.input.datatype } : {}),
          },
        }
      : {}),
    output: serving.output ?? {},
    task,
  });
}

/** Creates the endpoint model; a serving declaration that breaks a rule → InferenceModelError naming the field. */
export function createHttpEndpointModel(options: HttpEndpointModelOptions): InferenceModel {
  const { serving, features, task } = options;
  const problems = endpointServingProblems(serving);
  if (problems.length > 0)
    throw new InferenceModelError(problems[0][0], problems.map(([f, r], i) => (i === 0 ? r : `${f}: ${r}`)).join('; '));
  if (features.length === 0)
    throw new InferenceModelError('features', 'an endpoint model needs the features it is sent, in order');
  const doFetch = options.fetch ?? fetch;
  const baseUrl = serving.url.replace(/\/+$/, '');
  const timeoutMs = serving.timeoutMs ?? ENDPOINT_DEFAULTS.timeoutMs;
  const retries = serving.retries ?? ENDPOINT_DEFAULTS.retries;
  const baseDelayMs = serving.retryBaseDelayMs ?? ENDPOINT_DEFAULTS.retryBaseDelayMs;
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...(serving.headers ?? {}) };
  const protocol = protocolOf(options);
  const inferUrl = `${baseUrl}${protocol.inferPath}`;
  const reading: AnswerReading = {
    task,
    classLabels: serving.classLabels ?? null,
    positiveClass: serving.positiveClass ?? null,
    output: serving.output ?? {},
  };
  const breaker: CircuitBreaker = createCircuitBreaker({
    failureThreshold: serving.circuitBreaker?.failureThreshold ?? ENDPOINT_DEFAULTS.failureThreshold,
    resetTimeoutMs: serving.circuitBreaker?.resetTimeoutMs ?? ENDPOINT_DEFAULTS.resetTimeoutMs,
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
  });
  let closed = false;

  async function attempt(body: string): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(inferUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      throw new AttemptFailure(networkReason(error, timeoutMs, `POST ${inferUrl}`), true);
    }
    if (response.status >= 400 && response.status < 500 && !RETRYABLE_STATUS.has(response.status)) {
      throw new InferenceModelError(
        'endpoint',
        `POST ${inferUrl} refused the rows: HTTP ${response.status}: ${errorMessageOf(text)}`,
      );
    }
    if (!response.ok)
      throw new AttemptFailure(
        `POST ${inferUrl} answered HTTP ${response.status}: ${errorMessageOf(text)}`,
        RETRYABLE_STATUS.has(response.status),
      );
    try {
      return JSON.parse(text);
    } catch {
      throw new AttemptFailure(
        `POST ${inferUrl} answered ${response.status} with a body that is not JSON: ${truncate(text)}`,
        false,
      );
    }
  }

  async function withRetries(body: string): Promise<unknown> {
    for (let attemptIndex = 0; ; attemptIndex++) {
      try {
        return await attempt(body);
      } catch (error) {
        if (!(error instanceof AttemptFailure) || !error.retryable || attemptIndex >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attemptIndex));
      }
    }
  }

  return {
    inputNames: features.map((f) => f.name),
    outputNames: task === 'binary' ? ['probability', 'label'] : ['value'],
    async predict(rows) {
      if (closed) throw new InferenceUnavailableError('the endpoint model was closed');
      if (rows.length === 0) return [];
      const body = JSON.stringify(protocol.requestBody(rows));
      return breaker.run(
        async () => {
          const answer = await withRetries(body);
          return protocol.rowItems(answer, rows.length).map((item, i) => predictionOfAnswer(item, reading, i));
        },
        (error) => error instanceof InferenceUnavailableError,
      );
    },
    async health(): Promise<InferenceHealth> {
      if (closed) return { ready: false, reason: 'the endpoint model was closed' };
      const refused = breaker.refusal();
      if (refused !== null) return { ready: false, reason: `${inferUrl}: ${refused}` };
      const readyUrl = `${baseUrl}${protocol.readyPath}`;
      try {
        const response = await doFetch(readyUrl, {
          headers: serving.headers ?? {},
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        return response.ok
          ? { ready: true }
          : { ready: false, reason: `GET ${readyUrl} answered HTTP ${response.status}: ${errorMessageOf(text)}` };
      } catch (error) {
        return { ready: false, reason: networkReason(error, timeoutMs, `GET ${readyUrl}`) };
      }
    },
    async close() {
      closed = true;
    },
  };
}
