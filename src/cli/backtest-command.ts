import { basename, extname } from 'node:path';
import { Command } from 'commander';
import { createCommandBacktestTrainer, createTableReader } from '../compose.js';
import { DEFAULT_IMPACT_POLICY } from '../domain/performance-impact.js';
import { createRetrainingPolicy } from '../domain/retraining-policy.js';
import type { TableReader } from '../ports/table-reader.js';
import { runBacktest } from '../services/retraining/backtest/backtest.js';
import { type BacktestPolicy, parseBacktestPolicy } from '../services/retraining/backtest/backtest-policy.js';
import { backtestHtml, backtestJson, backtestSummaryText } from '../services/retraining/backtest/render-backtest.js';
import { DEFAULT_ESTIMATOR } from '../services/training/train-model.js';
import { cliErrorLine, UsageError } from './cli-error-line.js';
import { readOptionFile, writeOptionFile } from './option-files.js';
import { splitCommandLine } from './split-command-line.js';
import { parseColumnList, parseEstimator, parseParams, parseSeed } from './train-command.js';

/** Raw option values as commander hands them over. */
export interface BacktestCommandOptions {
  readonly data?: string;
  readonly target?: string;
  readonly orderColumn?: string;
  readonly initialRows?: string;
  readonly window?: string;
  readonly policy?: string;
  readonly json?: boolean;
  readonly html?: string;
  readonly reference?: string;
  readonly exclude?: string;
  readonly model?: string;
  readonly params?: string;
  readonly seed?: string;
  readonly trainerCommand?: string;
  readonly modelName?: string;
  readonly trackingUri?: string;
}

export interface BacktestCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly tableReader?: TableReader;
}

function positiveInteger(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option}: "${text}" is not a positive integer`);
  return n;
}

const clock = { nowMs: () => performance.timeOrigin + performance.now() };

/** The user's command as the backtest's trainer (its versions go to MLflow under --model-name). */
function commandTrainerOf(options: BacktestCommandOptions, timeoutMs: number, exclude: string[]) {
  if (options.model !== undefined || options.params !== undefined)
    throw new UsageError('--trainer-command trains every model itself: leave out --model and --params');
  const command = splitCommandLine(options.trainerCommand as string, '--trainer-command');
  const trackingUri = options.trackingUri ?? process.env.MLFLOW_TRACKING_URI;
  if (trackingUri === undefined || !/^https?:\/\//i.test(trackingUri))
    throw new UsageError(
      '--trainer-command: the command registers its versions in MLflow: set MLFLOW_TRACKING_URI or --tracking-uri to an http(s) MLflow server',
    );
  const stem = basename(options.data as string, extname(options.data as string)).replace(/[^a-z0-9._-]+/gi, '-');
  const modelName =
    options.modelName ??
    `backtest-${stem.toLowerCase()}-${new Date()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}`;
  return createCommandBacktestTrainer({
    command,
    trackingUri,
    modelName,
    target: options.target as string,
    exclude,
    timeoutMs,
  });
}

/** Runs `driftguard backtest`; returns the exit code (0 ok, 2 error with one line on stderr). */
export async function runBacktestCommand(options: BacktestCommandOptions, io: BacktestCommandIo): Promise<number> {
  try {
    if (options.data === undefined) throw new UsageError('--data <file> is required');
    if (options.target === undefined) throw new UsageError('--target <column> is required');
    if (options.json === true && options.html !== undefined)
      throw new UsageError('--json and --html exclude each other');
    const estimator = parseEstimator(options.model, DEFAULT_ESTIMATOR);
    const seed = parseSeed(options.seed);
    const settings: BacktestPolicy =
      options.policy === undefined
        ? { retraining: createRetrainingPolicy(), drift: {}, estimation: { impact: DEFAULT_IMPACT_POLICY } }
        : parseBacktestPolicy(await readOptionFile('--policy', options.policy), options.policy);
    const reader = io.tableReader ?? createTableReader();
    const table = await reader.read(options.data);
    const reference = options.reference === undefined ? null : await reader.read(options.reference);
    const exclude = parseColumnList(options.exclude, '--exclude');
    const external =
      options.trainerCommand === undefined
        ? null
        : commandTrainerOf(options, settings.retraining.maxTrainingMs, [
            ...exclude,
            ...(options.orderColumn === undefined ? [] : [options.orderColumn]),
          ]);
    const result = await runBacktest(
      {
        table,
        reference,
        target: options.target,
        orderColumn: options.orderColumn,
        exclude,
        initialRows: positiveInteger(options.initialRows, '--initial-rows', 5000),
        windowRows: positiveInteger(options.window, '--window', 1000),
        estimator,
        params: parseParams(options.params),
        policy: settings.retraining,
        drift: settings.drift,
        estimation: settings.estimation,
        seed,
      },
      { clock, ...(external === null ? {} : { trainer: external.trainer }) },
    ).finally(() => external?.close());
    if (options.json === true) io.stdout.write(`${JSON.stringify(backtestJson(result))}\n`);
    else {
      if (options.html !== undefined)
        await writeOptionFile('--html', options.html, backtestHtml(result, `driftguard backtest: ${options.data}`));
      io.stdout.write(
        backtestSummaryText(result, {
          defaultTrainer: options.model === undefined && options.trainerCommand === undefined,
        }) + (options.html === undefined ? '' : `report: ${options.html}\n`),
      );
    }
    return 0;
  } catch (error) {
    io.stderr.write(`driftguard backtest: ${cliErrorLine(error)}\n`);
    return 2;
  }
}

/** `driftguard backtest --data <file> --target <col> …` (see docs/retraining.md). */
export function createBacktestCommand(): Command {
  return new Command('backtest')
    .description(
      'Replay a labelled CSV/Parquet window by window through drift monitoring, the retraining policy, challenger training and promotion (simulated clock), next to the static and periodic baselines. Exit 2 on bad input.',
    )
    .option('--data <file>', 'labelled rows to replay: .csv, .tsv, .parquet')
    .option('--target <column>', 'binary target column')
    .option(
      '--order-column <column>',
      'time order of the rows and the simulated clock (default: file order, one hour per window); not a feature',
    )
    .option('--initial-rows <n>', 'the initial model is trained on the first n rows (default 5000)')
    .option('--window <n>', 'rows per window (default 1000)')
    .option(
      '--policy <file>',
      'JSON: {"retraining": {…policy}, "drift": {…drift engine options}, "estimation": {metrics, impactAware, dropWhen}} (see docs/retraining.md)',
    )
    .option('--json', 'print the windows and policy summaries as one JSON object')
    .option('--html <out>', 'write an HTML report to this file')
    .option('--reference <file>', 'train the initial model on this file instead; every row of --data is replayed')
    .option('--exclude <columns>', 'comma-separated columns that are not features (ids, scores)')
    .option('--model <kind>', `logistic | gbdt (default ${DEFAULT_ESTIMATOR}, as for train)`)
    .option('--params <k=v,...>', 'hyper-parameters of the model, e.g. learningRate=0.05')
    .option('--seed <n>', 'seed of the trainers (default 0)')
    .option(
      '--trainer-command <command>',
      'train every model with your own program through the trainer contract (docs/bring-your-own-model.md), e.g. "python train.py"; run without a shell',
    )
    .option(
      '--model-name <name>',
      'with --trainer-command: the registered model its versions go to (default backtest-<data file>-<time>)',
    )
    .option('--tracking-uri <uri>', 'with --trainer-command: the MLflow server (default env MLFLOW_TRACKING_URI)')
    .exitOverride((error) => process.exit(error.code === 'commander.helpDisplayed' ? 0 : 2))
    .action(async (options: BacktestCommandOptions) => {
      process.exitCode = await runBacktestCommand(options, { stdout: process.stdout, stderr: process.stderr });
    });
}
