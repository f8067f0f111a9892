/**
 * The `serving` piece of a monitored model's definition for a model behind an HTTP scoring endpoint the user runs
 * (issue 15): `"serving": {"type": "endpoint", "url": …, "protocol": "mlflow" | "kserve-v2", "timeoutMs": …}`.
 * One TypeBox schema gives validation, the TypeScript type and the OpenAPI text. Defaults: ENDPOINT_DEFAULTS.
 * (Services may not import adapters: the model definition imports this file once it moves to services/config.)
 */
import { type Static, Type } from 'typebox';

export const ENDPOINT_DEFAULTS = {
  timeoutMs: 2_000,
  retries: 2,
  retryBaseDelayMs: 100,
  failureThreshold: 5,
  resetTimeoutMs: 30_000,
} as const;

const Name = Type.String({ minLength: 1, maxLength: 256 });

export const EndpointServingSchema = Type.Object(
  {
    type: Type.Literal('endpoint'),
    url: Type.String({
      pattern: '^https?://[^\\s/]+',
      description:
        'base URL of the scoring server, e.g. http://127.0.0.1:5001 (MLflow: POST <url>/invocations; KServe v2: POST <url>/v2/models/<modelName>/infer)',
    }),
    protocol: Type.Union([Type.Literal('mlflow'), Type.Literal('kserve-v2')], {
      description:
        '`mlflow`: MLflow scoring protocol (dataframe_split); `kserve-v2`: KServe / Open Inference Protocol v2',
    }),
    modelName: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$',
        description: 'kserve-v2: the model name in the path (required for kserve-v2)',
      }),
    ),
    modelVersion: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9._-]{1,64}$',
        description: 'kserve-v2: /v2/models/<name>/versions/<version>/infer',
      }),
    ),
    timeoutMs: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 600_000, description: 'per HTTP attempt; default 2000' }),
    ),
    retries: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10,
        description:
          'extra attempts after a network error, time-out, 429, 502, 503 or 504 (scoring is idempotent); default 2',
      }),
    ),
    retryBaseDelayMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 60_000,
        description: 'first backoff delay, doubled per attempt; default 100',
      }),
    ),
    circuitBreaker: Type.Optional(
      Type.Object(
        {
          failureThreshold: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 1000,
              description: 'consecutive failed calls that open the circuit; default 5',
            }),
          ),
          resetTimeoutMs: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 3_600_000,
              description: 'open time before one probe call; default 30000',
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    headers: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }), Type.String({ maxLength: 4096 }), {
        description: 'extra request headers (e.g. authorization)',
      }),
    ),
    input: Type.Optional(
      Type.Object(
        {
          matrix: Name,
          datatype: Type.Optional(Type.Union([Type.Literal('FP32'), Type.Literal('FP64')])),
        },
        {
          additionalProperties: false,
          description:
            'kserve-v2: send one [N, k] tensor of this name (features in order) instead of one input per feature',
        },
      ),
    ),
    output: Type.Optional(
      Type.Object(
        {
          probability: Type.Optional(Name),
          label: Type.Optional(Name),
          value: Type.Optional(Name),
          predictions: Type.Optional(
            Type.Union([Type.Literal('probability'), Type.Literal('label'), Type.Literal('value')]),
          ),
        },
        {
          additionalProperties: false,
          description:
            'where the answer is: field / output names of the probability, label and value (defaults: probability | score | <positive class>, label, prediction | value); `predictions` says what a bare number per row is (default: binary → probability, regression → value)',
        },
      ),
    ),
    classLabels: Type.Optional(
      Type.Array(Type.Union([Type.String(), Type.Integer()]), {
        minItems: 2,
        maxItems: 2,
        description:
          'order of the probability columns the endpoint returns; default: sorted labels (scikit-learn classes_)',
      }),
    ),
    positiveClass: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'the class whose probability is the score; default: the second of the sorted labels',
      }),
    ),
  },
  { additionalProperties: false },
);

export type EndpointServing = Static<typeof EndpointServingSchema>;

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
