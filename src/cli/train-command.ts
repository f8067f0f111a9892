import { resolve } from 'node:path';
import { Command } from 'commander';
import { createModelDirectory, createOnnxCodec, createTableReader, createTrackingBackend } from '../compose.js';
import type { Clock } from '../ports/clock.js';
import type { ModelDirectory } from '../ports/model-directory.js';
import type { TableReader } from '../ports/table-reader.js';
import { saveTrainedModel } from '../services/training/model-artifacts.js';
import { trackTraining } from '../services/training/track-training.js';
import {
  createTrainModelService,
  DEFAULT_ESTIMATOR,
  type HyperParamValue,
  type TrainedModel,
  type TrainModelService,
} from '../services/training/train-model.js';
import { cliErrorLine, UsageError } from './cli-error-line.js';
import { checkDirectoryOption } from './path-options.js';

/** Raw option values as commander hands them over. */
export interface TrainCommandOptions {
  readonly data?: string;
  readonly target?: string;
  readonly model?: string;
  readonly timeColumn?: string;
  readonly exclude?: string;
  readonly params?: string;
  readonly out?: string;
  readonly seed?: string;
  readonly json?: boolean;
  readonly trackingUri?: string;
  readonly experiment?: string;
  readonly register?: string;
  readonly alias?: string;
  readonly dataDir?: string;
}

/** Output streams and adapters; injectable for tests. */
export interface TrainCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly tableReader?: TableReader;
  readonly modelDirectory?: ModelDirectory;
  readonly service?: TrainModelService;
}

/** Default model directory of `driftguard train`. */
export const DEFAULT_MODEL_DIR = 'driftguard-model';
/** Data directory of the local tracking store (the same default as `driftguard serve` and `driftguard models`). */
export const DEFAULT_DATA_DIR = './.driftguard';
export const DEFAULT_EXPERIMENT = 'driftguard';
const ESTIMATORS = ['logistic', 'gbdt'] as const;

/** `k=v,k2=v2` → values: numbers, `true` / `false`, `null`, else the text (e.g. `classWeight=balanced`). */
export function parseParams(text: string | undefined): Record<string, HyperParamValue> {
  const params: Record<string, HyperParamValue> = {};
  if (text === undefined || text.trim() === '') return params;
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    const key = at < 0 ? '' : pair.slice(0, at).trim();
    const raw = at < 0 ? '' : pair.slice(at + 1).trim();
    if (key === '' || raw === '')
      throw new UsageError(`--params: "${pair}" is not key=value (use e.g. learningRate=0.05,maxLeaves=15)`);
    if (Object.hasOwn(params, key)) throw new UsageError(`--params: "${key}" is given twice`);
    const number = Number(raw);
    params[key] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw === 'null'
            ? null
            : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)
              ? number
              : raw;
  }
  return params;
}

/** `--model <kind>`: one of the trainable estimators, `fallback` when absent. */
export function parseEstimator(
  text: string | undefined,
  fallback: (typeof ESTIMATORS)[number],
): (typeof ESTIMATORS)[number] {
  const estimator = text ?? fallback;
  const known = ESTIMATORS.find((e) => e === estimator);
  if (known === undefined)
    throw new UsageError(`--model: "${estimator}" is not a model (valid: ${ESTIMATORS.join(', ')})`);
  return known;
}

/** `--seed <n>`: an integer, 0 when absent. */
export function parseSeed(text: string | undefined): number {
  const seed = text === undefined ? 0 : Number(text);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed: "${text}" is not an integer`);
  return seed;
}

/** `a,b` → names; an empty name is a usage error. */
export function parseColumnList(text: string | undefined, option: string): string[] {
  if (text === undefined) return [];
  const names = text.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) throw new UsageError(`${option}: "${text}" has an empty column name (use a,b,c)`);
  return names;
}

/** Wall clock with sub-millisecond resolution (fit time). */
const systemClock: Clock = { nowMs: () => performance.timeOrigin + performance.now() };

const round = (x: number | null): number | null => (x === null ? null : Number(x.toPrecision(6)));

/** Logs the run (and registers the version) when `--register` or `--tracking-uri` asks for it; null otherwise. */
async function trackIfAsked(
  options: TrainCommandOptions,
  trained: TrainedModel,
  estimator: string,
  params: Record<string, HyperParamValue>,
) {
  if (options.alias !== undefined && options.register === undefined)
    throw new UsageError('--alias needs --register <model-name>');
  if (options.register === undefined && options.trackingUri === undefined) return null;
  const backend = createTrackingBackend({
    trackingUri: options.trackingUri,
    dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
  });
  try {
    const run = await trackTraining({
      backend,
      codec: createOnnxCodec(),
      trained,
      estimator,
      params,
      dataFile: options.data!,
      experiment: options.experiment ?? DEFAULT_EXPERIMENT,
      registerAs: options.register,
      alias: options.alias,
      nowMs: Date.now(),
      by: 'driftguard train',
    });
    return {
      location: backend.location,
      experimentId: run.experimentId,
      runId: run.runId,
      modelSource: run.modelSource,
      registeredModel: options.register ?? null,
      version: run.version?.version ?? null,
      alias: run.version === null ? null : (options.alias ?? null),
    };
  } finally {
    await backend.close();
  }
}

/** Runs `driftguard train`; returns the exit code (0 ok, 2 error with one line on stderr). */
export async function runTrain(options: TrainCommandOptions, io: TrainCommandIo): Promise<number> {
  try {
    if (options.data === undefined) throw new UsageError('--data <file> is required');
    if (options.target === undefined) throw new UsageError('--target <column> is required');
    const estimator = parseEstimator(options.model, DEFAULT_ESTIMATOR);
    const seed = parseSeed(options.seed);
    const params = parseParams(options.params);
    const exclude = parseColumnList(options.exclude, '--exclude');
    const modelDir = options.out ?? DEFAULT_MODEL_DIR;
    checkDirectoryOption(options.out === undefined ? 'model directory' : '--out', modelDir);
    if (options.dataDir !== undefined) checkDirectoryOption('--data-dir', options.dataDir);
    const table = await (io.tableReader ?? createTableReader()).read(options.data);
    const service = io.service ?? createTrainModelService({ clock: systemClock });
    const trained = service.train({
      table,
      target: options.target,
      estimator,
      timeColumn: options.timeColumn,
      exclude,
      params,
      seed,
    });
    await saveTrainedModel(io.modelDirectory ?? createModelDirectory(), modelDir, trained, {
      codec: createOnnxCodec(),
    });
    const tracking = await trackIfAsked(options, trained, estimator, params);
    const pick = (m: (typeof trained.metrics)['test'] | null) =>
      m === null
        ? null
        : { rocAuc: m.rocAuc, prAuc: m.prAuc, accuracy: m.accuracy, f1: m.f1, logLoss: m.logLoss, brier: m.brier };
    if (options.json === true) {
      const summary = {
        modelDir,
        model: estimator,
        rows: trained.rows,
        metrics: { validation: pick(trained.metrics.validation), test: pick(trained.metrics.test) },
        fitSeconds: trained.fitSeconds,
        ...(tracking === null ? {} : { tracking }),
      };
      io.stdout.write(`${JSON.stringify(summary)}\n`);
    } else {
      const t = trained.metrics.test;
      io.stdout.write(
        `trained ${estimator} on ${trained.rows.train} rows (validation ${trained.rows.validation}, test ${trained.rows.test}) in ${trained.fitSeconds.toFixed(2)} s\n` +
          `test: ROC AUC ${round(t.rocAuc)}, PR AUC ${round(t.prAuc)}, accuracy ${round(t.accuracy)}, F1 ${round(t.f1)}, log loss ${round(t.logLoss)}, Brier ${round(t.brier)}\n` +
          `model directory: ${options.out === undefined ? `${resolve(modelDir)} (the default, in the working directory; --out <dir> to choose)` : modelDir}\n` +
          (tracking === null
            ? ''
            : `tracked: run ${tracking.runId} in experiment ${tracking.experimentId} (${tracking.location})` +
              (tracking.version === null
                ? '\n'
                : `; registered ${tracking.registeredModel} version ${tracking.version}${tracking.alias === null ? '' : ` as @${tracking.alias}`}\n`)),
      );
    }
    return 0;
  } catch (error) {
    io.stderr.write(`driftguard train: ${cliErrorLine(error)}\n`);
    return 2;
  }
}

/** `driftguard train --data <file> --target <col> …` (see docs/evaluation.md). */
export function createTrainCommand(): Command {
  return new Command('train')
    .description(
      'Train a model on a CSV/Parquet file: time-ordered 70/15/15 split, fit, evaluate, write the model directory. Exit 2 on bad input.',
    )
    .option('--data <file>', 'labelled training data: .csv, .tsv, .parquet')
    .option('--target <column>', 'binary target column')
    .option('--model <kind>', `logistic | gbdt (default ${DEFAULT_ESTIMATOR}, as for backtest)`)
    .option('--time-column <column>', 'time order of the rows (default: file order); not used as a feature')
    .option('--exclude <columns>', 'comma-separated columns that are not features (ids, scores)')
    .option('--params <k=v,...>', 'hyper-parameters, e.g. learningRate=0.05,maxLeaves=15 (see docs/models.md)')
    .option('--out <dir>', `model directory to write (default ${DEFAULT_MODEL_DIR})`)
    .option('--seed <n>', 'seed of the trainer (default 0)')
    .option('--json', 'print one JSON object instead of text')
    .option(
      '--tracking-uri <uri>',
      'log the run: http(s):// MLflow server, file:<dir> or sqlite:///<file> (default MLFLOW_TRACKING_URI, else the local store)',
    )
    .option('--experiment <name>', `experiment of the run (default ${DEFAULT_EXPERIMENT})`)
    .option('--register <model-name>', 'register the trained model as a new version of this registered model')
    .option('--alias <alias>', 'point this alias (e.g. champion) at the new version')
    .option('--data-dir <dir>', `data directory of the local tracking store (default ${DEFAULT_DATA_DIR})`)
    .exitOverride((error) => process.exit(error.code === 'commander.helpDisplayed' ? 0 : 2))
    .action(async (options: TrainCommandOptions) => {
      process.exitCode = await runTrain(options, { stdout: process.stdout, stderr: process.stderr });
    });
}
