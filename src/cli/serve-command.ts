import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { composeServer, createLogger, locateDashboard } from '../compose.js';
import { jsonSyntaxText, parseJsonText } from '../domain/parse-json-text.js';
import { routeAccessOf } from '../http/app.js';
import { LOG_LEVELS, resolveServeSettings, SERVE_ENVIRONMENT } from '../services/config/serve-settings.js';
import { ConfigError, parseServiceConfig, type ServiceConfig } from '../services/config/service-config.js';
import { listenOrExplain } from './listen-service.js';
import { checkDirectoryOption } from './path-options.js';

/** Reads and validates the JSON configuration file; every problem becomes one readable ConfigError. */
export function loadServiceConfig(path: string | undefined): ServiceConfig {
  if (path === undefined) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ConfigError(path, [jsonSyntaxText(parsed.problem)]);
  return parseServiceConfig(parsed.value, path);
}

/** How long SIGTERM / SIGINT waits for an orderly stop before exiting anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

const ENV_HELP = Object.entries(SERVE_ENVIRONMENT)
  .map(([name, text]) => `  ${name.padEnd(24)}${text}`)
  .join('\n');

/** `driftguard serve`: the long-running service (HTTP API, monitoring, alerting). */
export function createServeCommand(): Command {
  return new Command('serve')
    .description('Run the driftguard service: HTTP API, dashboard at /, prediction log, drift monitoring and alerting.')
    .option('--host <address>', 'listen address (env DRIFTGUARD_HOST; default 127.0.0.1)')
    .option('--port <number>', 'listen port (env DRIFTGUARD_PORT; default 8080)')
    .option('--data-dir <dir>', 'data directory (env DRIFTGUARD_DATA_DIR; default ./.driftguard)')
    .option('--config <file>', 'configuration file, JSON (env DRIFTGUARD_CONFIG)')
    .option(
      '--log-level <level>',
      `JSON log on stderr: ${LOG_LEVELS.join(', ')} (env DRIFTGUARD_LOG_LEVEL; default info)`,
    )
    .addHelpText('after', `\nEnvironment:\n${ENV_HELP}\n\nPrecedence: flags > environment > config file > defaults.`)
    .action(async (flags: { host?: string; port?: string; dataDir?: string; config?: string; logLevel?: string }) => {
      const configPath = flags.config ?? process.env.DRIFTGUARD_CONFIG;
      const settings = resolveServeSettings(
        flags,
        process.env,
        loadServiceConfig(configPath),
        configPath ?? 'configuration',
      );
      checkDirectoryOption(
        flags.dataDir !== undefined
          ? '--data-dir'
          : process.env.DRIFTGUARD_DATA_DIR !== undefined
            ? 'DRIFTGUARD_DATA_DIR'
            : 'data directory',
        settings.dataDir,
      );
      const server = await composeServer(settings, createLogger(settings.logLevel ?? 'info'));
      const addresses = await listenOrExplain(server, settings.host, settings.port);
      server.scheduler.start();
      server.retrainer.start();
      for (const address of addresses) process.stdout.write(`driftguard listening on ${address}\n`);
      process.stdout.write(
        locateDashboard() === null
          ? 'dashboard: not built (npm run build); the API runs without it\n'
          : `dashboard: ${addresses[0]}/\n`,
      );
      const open = routeAccessOf(server.app).filter((r) => r.access === 'open' && !r.url.startsWith('/docs/'));
      process.stdout.write(`open routes (no API key): ${open.map((r) => `${r.method} ${r.url}`).join(', ')}\n`);
      process.stdout.write(
        settings.apiKeys.length === 0
          ? 'warning: no API keys configured; every /v1 route will refuse requests (set DRIFTGUARD_ADMIN_KEY or apiKeys in the config)\n'
          : `API keys: ${settings.apiKeys.map((k) => `${k.name} (${k.roles.join(', ')})`).join('; ')}\n`,
      );
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`${signal}: stopping\n`);
        // Whatever still hangs after the grace period (a training thread, an alert delivery) does not hold the port.
        setTimeout(() => {
          process.stderr.write(`driftguard: not stopped within ${SHUTDOWN_GRACE_MS} ms; exiting anyway\n`);
          process.exit(1);
        }, SHUTDOWN_GRACE_MS).unref();
        await server.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
