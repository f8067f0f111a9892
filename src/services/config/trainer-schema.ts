/**
 * `retraining.trainer` of a monitored model's definition (issue 15): who trains a retraining job's challenger.
 * - `{"type": "builtin", "model": "gbdt" | "logistic"}`: driftguard's own trainers (the default for models driftguard
 *   trained: the champion's estimator and hyper-parameters);
 * - `{"type": "command", "command": ["python3", "train.py"], …}`: the user's program, run without a shell, given the
 *   job's rows as Parquet files; it registers a version tagged `driftguard.job_id=<job id>`;
 * - `{"type": "webhook", "url": …, …}`: the user's pipeline (Airflow, Argo, GitHub Actions …) is sent the job, signed,
 *   and registers the version itself.
 * Contract and payload: docs/bring-your-own-model.md. Secrets are named by environment variable, never stored: the
 * definition is kept in the store and readable over the API.
 */
import { type Static, Type } from 'typebox';

const TimeoutMs = (what: string) =>
  Type.Integer({
    minimum: 1000,
    maximum: 24 * 3_600_000,
    description: `${what}, ms; default and upper bound: the policy's maxTrainingMs (15 min)`,
  });

export const BuiltinTrainerSchema = Type.Object(
  {
    type: Type.Literal('builtin'),
    model: Type.Optional(
      Type.Union([Type.Literal('gbdt'), Type.Literal('logistic')], {
        description: "estimator of the challenger; default: the champion's (with its hyper-parameters)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const CommandTrainerSchema = Type.Object(
  {
    type: Type.Literal('command'),
    command: Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), {
      minItems: 1,
      maxItems: 256,
      description:
        'program and arguments, run without a shell (e.g. ["python3", "train.py"]); environment: DRIFTGUARD_JOB_ID, DRIFTGUARD_MODEL_NAME, DRIFTGUARD_TRAIN_DATA, DRIFTGUARD_VALIDATION_DATA, DRIFTGUARD_TARGET, DRIFTGUARD_FEATURES, MLFLOW_TRACKING_URI (+ credentials)',
    }),
    cwd: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4096,
        description: 'working directory of the command; default: the directory driftguard serve runs in',
      }),
    ),
    timeoutMs: Type.Optional(TimeoutMs('the command is stopped (its process group) after this long')),
  },
  { additionalProperties: false },
);

export const WebhookTrainerSchema = Type.Object(
  {
    type: Type.Literal('webhook'),
    url: Type.String({ pattern: '^https?://[^\\s/]+', description: 'where the job is POSTed (JSON, signed)' }),
    secret: Type.Optional(
      Type.Object(
        {
          env: Type.String({
            pattern: '^[A-Z_][A-Z0-9_]*$',
            description: 'environment variable holding the HMAC secret (signature as the alert webhook)',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    timeoutMs: Type.Optional(TimeoutMs('how long driftguard waits for a version tagged with the job id')),
    pollMs: Type.Optional(
      Type.Integer({
        minimum: 100,
        maximum: 600_000,
        description: 'how often the registry is asked for the version; default 5000',
      }),
    ),
  },
  { additionalProperties: false },
);

export const TrainerSchema = Type.Union([BuiltinTrainerSchema, CommandTrainerSchema, WebhookTrainerSchema], {
  description:
    "who trains the challenger: `builtin` (driftguard's trainers; default for models driftguard trained), `command` (your program, given Parquet files) or `webhook` (your pipeline, sent the job)",
});

export type TrainerDeclaration = Static<typeof TrainerSchema>;
export type CommandTrainerDeclaration = Static<typeof CommandTrainerSchema>;
export type WebhookTrainerDeclaration = Static<typeof WebhookTrainerSchema>;
