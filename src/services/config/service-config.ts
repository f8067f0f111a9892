import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { MonitoredModelDefinitionSchema } from './monitored-model-definition.js';
import { schemaProblems } from './schema-problems.js';

const Role = Type.Union([Type.Literal('ingest'), Type.Literal('read'), Type.Literal('admin')]);
const Secret = {
  /** The value in clear … */
  value: Type.Optional(Type.String({ minLength: 1 })),
  /** … or the name of the environment variable that holds it (keeps secrets out of config files). */
  env: Type.Optional(Type.String({ pattern: '^[A-Z_][A-Z0-9_]*$' })),
};

const SinkSchema = Type.Union([
  Type.Object(
    {
      type: Type.Literal('webhook'),
      name: Type.Optional(Type.String()),
      url: Type.String({ minLength: 1 }),
      secret: Type.Optional(Type.Object(Secret, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('slack'),
      name: Type.Optional(Type.String()),
      url: Type.Optional(Type.String({ minLength: 1 })),
      urlEnv: Type.Optional(Type.String({ pattern: '^[A-Z_][A-Z0-9_]*$' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('alertmanager'),
      name: Type.Optional(Type.String()),
      url: Type.String({ minLength: 1 }),
      labels: Type.Optional(Type.Record(Type.String(), Type.String())),
    },
    { additionalProperties: false },
  ),
]);

/** The `driftguard serve` configuration file (JSON). Every field is optional; defaults in docs/configuration.md. */
export const ServiceConfigSchema = Type.Object(
  {
    server: Type.Optional(
      Type.Object(
        {
          host: Type.Optional(Type.String({ minLength: 1 })),
          port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
          dataDir: Type.Optional(Type.String({ minLength: 1 })),
          /** Public base URL of the dashboard, for links in alerts. */
          publicUrl: Type.Optional(Type.String({ minLength: 1 })),
          bodyLimitBytes: Type.Optional(Type.Integer({ minimum: 1024 })),
          openRead: Type.Optional(Type.Boolean()),
          /** How often each replica re-reads the champion alias from the registry (ms). */
          championRefreshMs: Type.Optional(Type.Integer({ minimum: 100 })),
          /** The request's headers and body must arrive within this many ms, else 408 (default 60 000). */
          requestTimeoutMs: Type.Optional(Type.Integer({ minimum: 1000 })),
          /** Level of the JSON log (pino's levels; default info). */
          logLevel: Type.Optional(
            Type.Union(
              ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    store: Type.Optional(
      Type.Object({ url: Type.Optional(Type.String({ minLength: 1 })) }, { additionalProperties: false }),
    ),
    tracking: Type.Optional(
      Type.Object({ uri: Type.Optional(Type.String({ minLength: 1 })) }, { additionalProperties: false }),
    ),
    apiKeys: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1 }),
            roles: Type.Array(Role, { minItems: 1 }),
            key: Type.Optional(Type.Object(Secret, { additionalProperties: false })),
            sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    alerting: Type.Optional(
      Type.Object(
        {
          minSeverity: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')])),
          resolveAfterCleanEvaluations: Type.Optional(Type.Integer({ minimum: 1 })),
          renotifyCooldownSeconds: Type.Optional(Type.Number({ minimum: 0 })),
          sinks: Type.Optional(Type.Array(SinkSchema)),
        },
        { additionalProperties: false },
      ),
    ),
    retention: Type.Optional(
      Type.Object(
        { predictionDays: Type.Optional(Type.Number({ exclusiveMinimum: 0 })) },
        { additionalProperties: false },
      ),
    ),
    models: Type.Optional(Type.Array(MonitoredModelDefinitionSchema)),
  },
  { additionalProperties: false },
);

export type ServiceConfig = Static<typeof ServiceConfigSchema>;

/** A configuration that cannot be used; `problems` name the JSON path and the reason. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
  }
}

/** Validates parsed JSON against the configuration schema; throws ConfigError listing every problem. */
export function parseServiceConfig(value: unknown, source: string): ServiceConfig {
  if (Value.Check(ServiceConfigSchema, value)) {
    const names = (value.models ?? []).map((m) => m.name);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    if (repeated.length > 0) throw new ConfigError(source, [`/models: model ${repeated[0]} is defined twice`]);
    return value;
  }
  const problems = schemaProblems(ServiceConfigSchema, value);
  throw new ConfigError(source, [...new Set(problems)].slice(0, 10));
}
