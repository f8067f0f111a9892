/**
 * `driftguard retrain <name>` and `driftguard rollback <name> --reason <text>`: ask a running service (not the files
 * behind it) to retrain or to roll the champion back, so the service's runner, serving model and reference follow.
 * Output: one line per result; errors: one line on stderr and exit 2.
 */
import { Command } from 'commander';
import { DriftguardNetworkError, DriftguardRequestError } from '../client/client-errors.js';
import { createTransport } from '../client/http-transport.js';

export const DEFAULT_SERVICE_URL = 'http://127.0.0.1:8080';

export interface ServiceCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env?: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
}

export interface ServiceOptions {
  readonly url?: string;
  readonly apiKey?: string;
}

export interface RetrainOptions extends ServiceOptions {
  readonly name: string;
  readonly reason?: string;
}

export interface RollbackOptions extends ServiceOptions {
  readonly name: string;
  readonly reason?: string;
}

class CommandError extends Error {}

/** An environment variable set to the empty string counts as unset. */
const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

/** POSTs JSON to the service with the admin key (the client's transport, no retries: a retrain is not idempotent); returns the 2xx body or throws one readable line. */
async function postJson(
  options: ServiceOptions,
  io: ServiceCommandIo,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const env = io.env ?? process.env;
  let apiKey = options.apiKey ?? nonEmpty(env.DRIFTGUARD_ADMIN_KEY);
  if (apiKey === undefined && nonEmpty(env.DRIFTGUARD_API_KEY) !== undefined) {
    io.stderr.write('warning: DRIFTGUARD_API_KEY is deprecated; set DRIFTGUARD_ADMIN_KEY (the name serve reads)\n');
    apiKey = env.DRIFTGUARD_API_KEY;
  }
  if (apiKey === undefined || apiKey.trim() === '')
    throw new CommandError('an admin API key is required: --api-key <key> or DRIFTGUARD_ADMIN_KEY');
  const base = (options.url ?? DEFAULT_SERVICE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/i.test(base))
    throw new CommandError(`--url must be http(s)://host:port, got ${JSON.stringify(options.url)}`);
  const transport = createTransport({ url: base, apiKey, retry: { maxRetries: 0 }, fetch: io.fetch });
  try {
    return await transport.request<Record<string, unknown>>('POST', path, body);
  } catch (error) {
    if (error instanceof DriftguardNetworkError) {
      const cause = (error.cause as { cause?: { code?: string; message?: string } } | undefined)?.cause;
      throw new CommandError(
        `cannot reach the service at ${base}: ${cause?.code ?? cause?.message ?? (error.cause as Error).message}`,
      );
    }
    if (error instanceof DriftguardRequestError) {
      const details = error.details.map((d) => `${d.path}: ${d.reason}`).join('; ');
      throw new CommandError(`${error.status} ${error.code}: ${error.message}${details ? ` (${details})` : ''}`);
    }
    throw error;
  }
}

async function run(command: string, io: ServiceCommandIo, work: () => Promise<string>): Promise<number> {
  try {
    io.stdout.write(`${await work()}\n`);
    return 0;
  } catch (error) {
    const message =
      error instanceof CommandError
        ? error.message
        : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr.write(`driftguard ${command}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
}

/** Triggers a retraining job; prints its id, status and (when deferred) the reason. Exit 0 when the service accepted it. */
export function runRetrain(options: RetrainOptions, io: ServiceCommandIo): Promise<number> {
  return run('retrain', io, async () => {
    const body = await postJson(
      options,
      io,
      `/v1/models/${encodeURIComponent(options.name)}/retraining`,
      options.reason === undefined ? {} : { reason: options.reason },
    );
    const job = body.job as { id: string; status: string; deferral?: { reason: string } };
    return `${options.name}: retraining job ${job.id} ${job.status}${job.deferral ? `: ${job.deferral.reason}` : ''}`;
  });
}

/** Rolls the champion back to the previous version, recording the reason. */
export function runRollback(options: RollbackOptions, io: ServiceCommandIo): Promise<number> {
  return run('rollback', io, async () => {
    if (options.reason === undefined || options.reason.trim() === '')
      throw new CommandError('--reason <text> is required (it is recorded in the registry)');
    const body = (await postJson(options, io, `/v1/models/${encodeURIComponent(options.name)}/rollback`, {
      reason: options.reason,
    })) as { fromVersion: string | null; toVersion: string };
    return `${options.name}: champion rolled back from version ${body.fromVersion ?? '(unset)'} to ${body.toVersion}`;
  });
}

/** Usage errors (missing argument or option) exit 2 like every other failure; --help exits 0. */
const serviceOptions = (command: Command) =>
  command
    .exitOverride((error) => process.exit(error.code === 'commander.helpDisplayed' ? 0 : 2))
    .option('--url <url>', `the running service (default ${DEFAULT_SERVICE_URL})`)
    .option('--api-key <key>', 'an admin API key (default: $DRIFTGUARD_ADMIN_KEY, the variable serve reads)');

/** `driftguard retrain <name>` for program.ts. */
export function createRetrainCommand(
  io: ServiceCommandIo = { stdout: process.stdout, stderr: process.stderr },
): Command {
  return serviceOptions(
    new Command('retrain')
      .argument('<name>', 'monitored model')
      .description(
        'Ask the running service to retrain a model now (the job is queued, or deferred with the reason when labels are short). Exit 2 on any error.',
      ),
  )
    .option('--reason <text>', 'why (recorded in the job)')
    .action(async (name: string, options: Omit<RetrainOptions, 'name'>) => {
      process.exitCode = await runRetrain({ ...options, name }, io);
    });
}

/** `driftguard rollback <name> --reason <text>` for program.ts. */
export function createRollbackCommand(
  io: ServiceCommandIo = { stdout: process.stdout, stderr: process.stderr },
): Command {
  return serviceOptions(
    new Command('rollback')
      .argument('<name>', 'monitored model')
      .description(
        'Ask the running service to move the champion back to the previous version; serving and the drift reference follow. Exit 2 on any error.',
      ),
  )
    .requiredOption('--reason <text>', 'why (recorded in the registry)')
    .action(async (name: string, options: Omit<RollbackOptions, 'name'>) => {
      process.exitCode = await runRollback({ ...options, name }, io);
    });
}
