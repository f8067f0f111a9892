/**
 * The `serving` piece of a monitored model's definition (issue 15): how driftguard serves the model's champion.
 * - `{"type": "registry"}` (the default): the registry's `champion` version, in-process — a driftguard model, or a
 *   version with an `onnx` flavor whose input mapping is inferred from its graph and MLflow signature.
 * - `{"type": "endpoint", "url": …, "protocol": "mlflow" | "kserve-v2", …}`: a model behind the user's HTTP scoring
 *   endpoint (a custom `python_function` behind `mlflow models serve`, KServe, MLServer …).
 * One TypeBox schema gives validation, the TypeScript type and the OpenAPI text; the pure type, defaults and
 * cross-field rules are src/models/inference/endpoint-serving.ts.
 */
import { type Static, Type } from 'typebox';

const Name = Type.String({ minLength: 1, maxLength: 256 });

const ClassLabelsSchema = (description: string) =>
  Type.Array(Type.Union([Type.String(), Type.Integer()]), { minItems: 2, maxItems: 2, description });

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

/** The declaration as the config and the API take it; serving-schema.test.ts checks it is the pure EndpointServing. */
export type EndpointServingDeclaration = Static<typeof EndpointServingSchema>;

export const RegistryServingSchema = Type.Object(
  {
    type: Type.Literal('registry'),
    positiveClass: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "binary classifiers: the class whose probability is the score (string form of the label); default: the second of the model's sorted class labels (scikit-learn's classes_[1])",
      }),
    ),
    classLabels: Type.Optional(
      ClassLabelsSchema(
        "binary classifiers whose graph carries no class labels (e.g. a torch.onnx softmax): the labels in the probability columns' order",
      ),
    ),
  },
  { additionalProperties: false },
);

export const ServingSchema = Type.Union([RegistryServingSchema, EndpointServingSchema], {
  description:
    "how the champion is served: `registry` (default: the registry's champion version in-process — a driftguard model or an ONNX flavor) or `endpoint` (the user's HTTP scoring endpoint)",
});

export type ServingDeclaration = Static<typeof ServingSchema>;
export type RegistryServing = Static<typeof RegistryServingSchema>;
