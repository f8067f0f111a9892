import type { AlertPolicy } from '../../domain/alert-policy.js';
import { DEFAULT_CHAMPION_REFRESH_MS } from '../monitoring/monitoring-scheduler.js';
import { definitionProblems } from './definition-problems.js';
import type { MonitoredModelDefinition } from './monitored-model-definition.js';
import { ConfigError, type ServiceConfig } from './service-config.js';
import { apiKeyProblem, httpUrlProblem, storeUrlProblem, trackingUriProblem } from './setting-checks.js';

type Role = 'ingest' | 'read' | 'admin';

export interface ResolvedApiKey {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly key?: string;
  readonly sha256?: string;
}

export type ResolvedSink =
  | { readonly type: 'webhook'; readonly name: string; readonly url: string; readonly secret?: string }
  | { readonly type: 'slack'; readonly name: string; readonly url: string }
  | {
      readonly type: 'alertmanager';
      readonly name: string;
      readonly url: string;
      readonly labels: Readonly<Record<string, string>>;
    };

/** Everything `driftguard serve` needs, with flags > environment > config file > defaults applied. */
export interface ServeSettings {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** `sqlite:<file>` (default `<dataDir>/driftguard.db`) or `postgres://…`. */
  readonly storeUrl: string;
  /** MLflow tracking URI; null = the local tracking store in the data dir. */
  readonly trackingUri: string | null;
  readonly publicUrl: string | null;
  readonly openRead: boolean;
  readonly bodyLimitBytes: number;
  readonly apiKeys: readonly ResolvedApiKey[];
  readonly alertPolicy: Partial<AlertPolicy>;
  readonly sinks: readonly ResolvedSink[];
  readonly predictionRetentionDays: number | null;
  /** How often each replica re-reads every champion alias from the registry, ms (default 5000; a local promotion swaps at once). */
  readonly championRefreshMs?: number;
  readonly models: readonly MonitoredModelDefinition[];
  /** Level of the JSON log (default info). */
  readonly logLevel?: LogLevel;
  /** A request's headers and body must have arrived within this (default 60 000 ms); else 408. */
  readonly requestTimeoutMs?: number;
}

/** Default of server.requestTimeoutMs: a 16 MiB body at 300 KB/s still arrives; a stalled one is cut after a minute. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** pino's levels; `silent` writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServeFlags {
  readonly host?: string;
  readonly port?: string;
  readonly dataDir?: string;
  readonly logLevel?: string;
}

/** Environment variables `driftguard serve` reads (documented in `driftguard serve --help`). */
export const SERVE_ENVIRONMENT = {
  DRIFTGUARD_HOST: 'listen address (default 127.0.0.1)',
  DRIFTGUARD_PORT: 'listen port (default 8080)',
  DRIFTGUARD_DATA_DIR: 'data directory (default ./.driftguard)',
  DRIFTGUARD_CONFIG: 'configuration file (JSON)',
  DRIFTGUARD_STORE_URL: 'sqlite:<file> or postgres://user@host:port/db (default sqlite in the data dir)',
  DRIFTGUARD_OPEN_READ: '"true" lets GET routes through without a key',
  DRIFTGUARD_ADMIN_KEY: 'an API key with the admin role',
  DRIFTGUARD_INGEST_KEY: 'an API key with the ingest role',
  DRIFTGUARD_READ_KEY: 'an API key with the read role',
  MLFLOW_TRACKING_URI: 'MLflow server (http(s)://…); unset = local tracking in the data dir',
  DRIFTGUARD_LOG_LEVEL: `level of the JSON log on stderr: ${LOG_LEVELS.join(', ')} (default info)`,
} as const;

/** An environment variable set to the empty string counts as unset. */
const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

function parsePort(value: string, source: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new ConfigError(source, [`port must be an integer 0–65535, got ${JSON.stringify(value)}`]);
  return Number(value);
}

function secret(
  source: string,
  path: string,
  s: { value?: string; env?: string } | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (s === undefined) return undefined;
  if (s.value !== undefined) return s.value;
  if (s.env !== undefined) {
    const found = env[s.env];
    if (found === undefined || found === '')
      throw new ConfigError(source, [`${path}: environment variable ${s.env} is not set`]);
    return found;
  }
  throw new ConfigError(source, [`${path}: give "value" or "env"`]);
}

/**
 * Applies precedence (flags > environment > config > defaults), resolves secrets from the environment and checks every
 * setting (keys, URLs, ports); throws one ConfigError naming every problem, before anything is opened.
 */
export function resolveServeSettings(
  flags: ServeFlags,
  env: NodeJS.ProcessEnv,
  config: ServiceConfig,
  configSource = 'config',
): ServeSettings {
  const server = config.server ?? {};
  const dataDir = flags.dataDir ?? env.DRIFTGUARD_DATA_DIR ?? server.dataDir ?? './.driftguard';
  const portText = flags.port ?? env.DRIFTGUARD_PORT;
  const problems: string[] = [];
  const check = (where: string, problem: string | null) => {
    if (problem !== null) problems.push(`${where}: ${problem}`);
  };
  const apiKeys: ResolvedApiKey[] = (config.apiKeys ?? []).map((k, i) => {
    const key = secret(configSource, `/apiKeys/${i}/key`, k.key, env);
    if (key === undefined && k.sha256 === undefined)
      throw new ConfigError(configSource, [`/apiKeys/${i}: give "key" or "sha256"`]);
    if (key !== undefined) check(`/apiKeys/${i}/key`, apiKeyProblem(key));
    return { name: k.name, roles: k.roles, ...(key !== undefined ? { key } : { sha256: k.sha256 }) };
  });
  for (const role of ['admin', 'ingest', 'read'] as const) {
    const variable = `DRIFTGUARD_${role.toUpperCase()}_KEY`;
    const key = env[variable];
    if (key === undefined || key === '') continue;
    check(variable, apiKeyProblem(key));
    apiKeys.push({ name: `env:${variable}`, roles: [role], key });
  }
  const sinks: ResolvedSink[] = (config.alerting?.sinks ?? []).map((s, i) => {
    const name = s.name ?? `${s.type}-${i + 1}`;
    if (s.type === 'webhook')
      return {
        type: 'webhook',
        name,
        url: s.url,
        secret: secret(configSource, `/alerting/sinks/${i}/secret`, s.secret, env),
      };
    if (s.type === 'slack') {
      const url = s.url ?? (s.urlEnv === undefined ? undefined : env[s.urlEnv]);
      if (url === undefined || url === '')
        throw new ConfigError(configSource, [`/alerting/sinks/${i}: give "url" or "urlEnv" (set in the environment)`]);
      return { type: 'slack', name, url };
    }
    return { type: 'alertmanager', name, url: s.url, labels: s.labels ?? {} };
  });
  sinks.forEach((sink, i) => {
    check(`/alerting/sinks/${i}/url`, httpUrlProblem(sink.url));
  });
  const { sinks: _sinks, ...alertPolicy } = config.alerting ?? {};
  const storeUrl =
    nonEmpty(env.DRIFTGUARD_STORE_URL) ?? config.store?.url ?? `sqlite:${dataDir.replace(/\/+$/, '')}/driftguard.db`;
  check(
    nonEmpty(env.DRIFTGUARD_STORE_URL) !== undefined ? 'DRIFTGUARD_STORE_URL' : '/store/url',
    storeUrlProblem(storeUrl),
  );
  const trackingUri = nonEmpty(env.MLFLOW_TRACKING_URI) ?? config.tracking?.uri ?? null;
  if (trackingUri !== null)
    check(
      nonEmpty(env.MLFLOW_TRACKING_URI) !== undefined ? 'MLFLOW_TRACKING_URI' : '/tracking/uri',
      trackingUriProblem(trackingUri),
    );
  if (server.publicUrl !== undefined) check('/server/publicUrl', httpUrlProblem(server.publicUrl));
  (config.models ?? []).forEach((model, i) => {
    for (const p of definitionProblems(model)) problems.push(`/models/${i}${p.path}: ${p.reason}`);
  });
  const logLevelSource =
    flags.logLevel !== undefined
      ? '--log-level'
      : nonEmpty(env.DRIFTGUARD_LOG_LEVEL) !== undefined
        ? 'DRIFTGUARD_LOG_LEVEL'
        : null;
  const logLevel = flags.logLevel ?? nonEmpty(env.DRIFTGUARD_LOG_LEVEL) ?? server.logLevel ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    problems.push(
      `${logLevelSource ?? '/server/logLevel'}: must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`,
    );
  if (problems.length > 0) throw new ConfigError(configSource, problems);
  return {
    host: flags.host ?? env.DRIFTGUARD_HOST ?? server.host ?? '127.0.0.1',
    port:
      portText !== undefined
        ? parsePort(portText, flags.port !== undefined ? '--port' : 'DRIFTGUARD_PORT')
        : (server.port ?? 8080),
    dataDir,
    storeUrl,
    trackingUri,
    publicUrl: server.publicUrl ?? null,
    openRead: env.DRIFTGUARD_OPEN_READ !== undefined ? env.DRIFTGUARD_OPEN_READ === 'true' : (server.openRead ?? false),
    bodyLimitBytes: server.bodyLimitBytes ?? 16 * 1024 * 1024,
    apiKeys,
    alertPolicy,
    sinks,
    predictionRetentionDays: config.retention?.predictionDays ?? null,
    championRefreshMs: server.championRefreshMs ?? DEFAULT_CHAMPION_REFRESH_MS,
    models: config.models ?? [],
    logLevel: logLevel as LogLevel,
    requestTimeoutMs: server.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
}
