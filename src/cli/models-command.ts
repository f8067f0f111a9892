/**
 * `driftguard models list|versions|promote|rollback` — the model registry at a terminal, against MLflow
 * (`--tracking-uri http(s)://…` or MLFLOW_TRACKING_URI) or the local store (`--data-dir`, default `.driftguard`).
 * Every line names the MLflow identifiers (model, version, run id). Errors exit 2 with one line on stderr.
 */
import { Command } from 'commander';
import { createTrackingBackend } from '../compose.js';
import { CHAMPION_ALIAS, type ModelVersion } from '../ports/model-registry.js';
import type { TrackingBackend } from '../ports/tracking-backend.js';
import { type AliasMoveResult, promoteVersion, rollbackAlias } from '../services/champion/alias-moves.js';
import { fileSystemErrorLine } from './cli-error-line.js';
import { checkDirectoryOption } from './path-options.js';

/** Default data directory of the local store (env DRIFTGUARD_DATA_DIR overrides). */
export const DEFAULT_DATA_DIR = '.driftguard';

export interface ModelsCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env?: NodeJS.ProcessEnv;
}

interface CommonOptions {
  readonly trackingUri?: string;
  readonly dataDir?: string;
}

interface MoveOptions extends CommonOptions {
  readonly alias?: string;
  readonly by?: string;
  readonly reason?: string;
}

export type ModelsAction =
  | { readonly action: 'list' }
  | { readonly action: 'versions'; readonly name: string }
  | { readonly action: 'promote'; readonly name: string; readonly version: string }
  | { readonly action: 'rollback'; readonly name: string };

class UsageError extends Error {}

function formatVersion(v: ModelVersion): string {
  const aliases = v.aliases.length ? ` aliases=${v.aliases.join(',')}` : '';
  const created = v.creationTimeMs ? ` created=${new Date(v.creationTimeMs).toISOString()}` : '';
  return `${v.name}\tversion=${v.version}\trun_id=${v.runId}${aliases}${created}\tsource=${v.source}`;
}

function formatMove(name: string, move: AliasMoveResult, verb: string): string {
  if (!move.changed) return `${name}: ${move.alias} already points at version ${move.toVersion}; nothing changed`;
  return `${name}: ${verb} ${move.alias} ${move.fromVersion ?? '(unset)'} -> ${move.toVersion}`;
}

/** Runs one `models` action; returns the exit code (0 ok, 2 error). */
export async function runModels(action: ModelsAction, options: MoveOptions, io: ModelsCommandIo): Promise<number> {
  const env = io.env ?? process.env;
  let backend: TrackingBackend | undefined;
  try {
    const dataDir = options.dataDir ?? env.DRIFTGUARD_DATA_DIR ?? DEFAULT_DATA_DIR;
    if (!options.trackingUri && !env.MLFLOW_TRACKING_URI)
      checkDirectoryOption(options.dataDir !== undefined ? '--data-dir' : 'data directory', dataDir);
    backend = createTrackingBackend({
      ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
      dataDir,
      env,
    });
    const registry = backend.registry;
    const lines: string[] = [];
    switch (action.action) {
      case 'list': {
        const models = await registry.listRegisteredModels();
        for (const model of models) {
          const aliases = Object.entries(model.aliases)
            .map(([alias, version]) => `${alias}=${version}`)
            .join(',');
          lines.push(`${model.name}${aliases ? `\t${aliases}` : ''}`);
        }
        if (models.length === 0) lines.push(`no registered models in ${backend.location}`);
        break;
      }
      case 'versions': {
        if (!(await registry.getRegisteredModel(action.name)))
          throw new UsageError(`model "${action.name}" is not registered in ${backend.location}`);
        lines.push(...(await registry.listModelVersions(action.name)).map(formatVersion));
        break;
      }
      case 'promote':
      case 'rollback': {
        if (!options.reason?.trim())
          throw new UsageError(
            `--reason is required for ${action.action} (it is recorded on the version and the model)`,
          );
        const move = {
          alias: options.alias ?? CHAMPION_ALIAS,
          by: options.by ?? env.USER ?? 'unknown',
          reason: options.reason,
        };
        const result =
          action.action === 'promote'
            ? await promoteVersion(registry, action.name, action.version, move)
            : await rollbackAlias(registry, action.name, move);
        const target = await registry.getModelVersion(action.name, result.toVersion);
        lines.push(formatMove(action.name, result, action.action === 'promote' ? 'moved' : 'rolled back'));
        if (target) lines.push(formatVersion(target));
        break;
      }
    }
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    const message = fileSystemErrorLine(error) ?? (error instanceof Error ? error.message : String(error));
    io.stderr.write(`driftguard models ${action.action}: ${message.split('\n')[0]}\n`);
    return 2;
  } finally {
    await backend?.close().catch(() => undefined);
  }
}

/** The `models` command tree for program.ts. */
export function createModelsCommand(io: ModelsCommandIo = { stdout: process.stdout, stderr: process.stderr }): Command {
  const command = new Command('models').description(
    'List, inspect, promote and roll back registered model versions (MLflow registry or the local store).',
  );
  const common = (sub: Command) =>
    sub
      .option(
        '--tracking-uri <uri>',
        'http(s)://… MLflow server, file:<dir> or sqlite:///<file> (default: $MLFLOW_TRACKING_URI, else the local store)',
      )
      .option(
        '--data-dir <dir>',
        `local store directory when no tracking URI is set (default: $DRIFTGUARD_DATA_DIR or ${DEFAULT_DATA_DIR})`,
      );
  const finish = (code: number) => {
    process.exitCode = code;
  };
  common(command.command('list').description('registered models with their aliases')).action(
    async (options: CommonOptions) => finish(await runModels({ action: 'list' }, options, io)),
  );
  common(
    command.command('versions <name>').description('versions of a model, newest first, with run ids and aliases'),
  ).action(async (name: string, options: CommonOptions) =>
    finish(await runModels({ action: 'versions', name }, options, io)),
  );
  common(
    command
      .command('promote <name> <version>')
      .description('point an alias (default champion) at a version, recording who and why'),
  )
    .option('--alias <alias>', 'alias to move', CHAMPION_ALIAS)
    .option('--by <who>', 'who promotes (default: $USER)')
    .requiredOption('--reason <text>', 'why (recorded in the registry)')
    .action(async (name: string, version: string, options: MoveOptions) =>
      finish(await runModels({ action: 'promote', name, version }, options, io)),
    );
  common(
    command
      .command('rollback <name>')
      .description('move the alias (default champion) back to the version that held it before'),
  )
    .option('--alias <alias>', 'alias to move back', CHAMPION_ALIAS)
    .option('--by <who>', 'who rolls back (default: $USER)')
    .requiredOption('--reason <text>', 'why (recorded in the registry)')
    .action(async (name: string, options: MoveOptions) =>
      finish(await runModels({ action: 'rollback', name }, options, io)),
    );
  return command;
}
