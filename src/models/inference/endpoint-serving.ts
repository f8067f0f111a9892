/**
 * A model behind an HTTP scoring endpoint the user runs (issue 15): what the monitored model's
 * `"serving": {"type": "endpoint", …}` declares (its JSON schema, one source for validation and OpenAPI, is
 * src/services/config/serving-schema.ts), the defaults, and the rules one schema cannot say. Pure: the HTTP adapter
 * (src/adapters/inference/endpoint/) and the serving service both read it.
 */

export const ENDPOINT_DEFAULTS = {
  timeoutMs: 2_000,
  retries: 2,
  retryBaseDelayMs: 100,
  failureThreshold: 5,
  resetTimeoutMs: 30_000,
} as const;

/** The `serving` declaration of a model served through the user's endpoint (field meanings: serving-schema.ts). */
export interface EndpointServing {
  readonly type: 'endpoint';
  readonly url: string;
  readonly protocol: 'mlflow' | 'kserve-v2';
  readonly modelName?: string;
  readonly modelVersion?: string;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly retryBaseDelayMs?: number;
  readonly circuitBreaker?: { readonly failureThreshold?: number; readonly resetTimeoutMs?: number };
  readonly headers?: Readonly<Record<string, string>>;
  readonly input?: { readonly matrix: string; readonly datatype?: 'FP32' | 'FP64' };
  readonly output?: {
    readonly probability?: string;
    readonly label?: string;
    readonly value?: string;
    readonly predictions?: 'probability' | 'label' | 'value';
  };
  readonly classLabels?: readonly (string | number)[];
  readonly positiveClass?: string;
}

/**
 * A feature sent to the endpoint, in order, with the JSON type its values are sent as (`json`: the cell as logged —
 * for features whose kind the model entry does not declare).
 */
export interface EndpointFeature {
  readonly name: string;
  readonly type: 'float64' | 'int64' | 'string' | 'bool' | 'json';
}

/**
 * Rules one schema cannot say: kserve-v2 needs `modelName`; `input.matrix` is kserve-v2 only; `positiveClass` needs
 * `classLabels` (the column to read) unless it is their sorted second. Returns the problems as [field, reason] pairs.
 */
export function endpointServingProblems(serving: EndpointServing): [string, string][] {
  const problems: [string, string][] = [];
  if (serving.protocol === 'kserve-v2' && serving.modelName === undefined)
    problems.push(['serving.modelName', 'required for protocol kserve-v2 (the path /v2/models/<modelName>/infer)']);
  if (serving.protocol === 'mlflow' && serving.modelName !== undefined)
    problems.push(['serving.modelName', 'only for protocol kserve-v2 (MLflow serves one model at /invocations)']);
  if (serving.protocol === 'mlflow' && serving.input !== undefined)
    problems.push([
      'serving.input',
      'only for protocol kserve-v2; MLflow receives a dataframe_split with one column per feature',
    ]);
  if (
    serving.positiveClass !== undefined &&
    serving.classLabels !== undefined &&
    !serving.classLabels.some((l) => String(l) === serving.positiveClass)
  ) {
    problems.push([
      'serving.positiveClass',
      `${JSON.stringify(serving.positiveClass)} is not one of classLabels ${JSON.stringify(serving.classLabels)}`,
    ]);
  }
  try {
    new URL(serving.url);
  } catch {
    problems.push(['serving.url', 'not a valid URL']);
  }
  return problems;
}
