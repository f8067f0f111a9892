import { extname } from 'node:path';
import { Command } from 'commander';
import { createTableReader } from '../compose.js';
import type { TableReader } from '../ports/table-reader.js';
import {
  type CalibrationMode,
  type ClassScore,
  createPerformanceEstimationService,
  EstimationInputError,
  type EstimationRequest,
  TASK_METRICS,
  taskOf,
} from '../services/estimation/estimate-performance.js';
import { EstimationRequestError } from '../services/estimation/estimation-request-error.js';
import {
  ESTIMATION_FORMATS,
  type EstimationFormat,
  estimationVerdictLine,
  renderEstimationReport,
} from '../services/estimation/render-estimation-report.js';
import { cliErrorLine, UsageError } from './cli-error-line.js';
import { writeOptionFile } from './option-files.js';

/** Raw option values as commander hands them over. */
export interface EstimateCommandOptions {
  readonly reference?: string;
  readonly current?: string;
  readonly score?: string;
  readonly prediction?: string;
  readonly target?: string;
  readonly positiveClass?: string;
  readonly features?: string;
  readonly exclude?: string;
  readonly chunkSize?: string;
  readonly window?: string;
  readonly timeColumn?: string;
  readonly metrics?: string;
  readonly threshold?: string;
  readonly maxDrop?: string;
  readonly calibration?: string;
  readonly realized?: boolean;
  readonly json?: boolean;
  readonly format?: string;
  readonly out?: string;
}

export interface EstimateCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly tableReader?: TableReader;
}

/** Exit codes of `driftguard estimate`. */
export const EXIT_NO_DROP = 0;
export const EXIT_DROP = 1;
export const EXIT_ERROR = 2;

const CALIBRATION_MODES: readonly CalibrationMode[] = ['auto', 'isotonic', 'none'];

function positiveInteger(text: string, option: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`${option}: "${text}" is not a positive integer`);
  return n;
}

function numberIn(text: string, option: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`${option}: "${text}" is not a number in [${min}, ${max}]`);
  return n;
}

function metricsOf(text: string | undefined, valid: readonly string[], task: string): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !valid.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--metrics: ${unknown.map((n) => `"${n}"`).join(', ')} is not a metric of a ${task} model (valid: ${valid.join(', ')})`,
    );
  }
  return [...new Set(names)];
}

function columnList(text: string | undefined, option: string): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === ''))
    throw new UsageError(`${option}: "${text}" has an empty column name (use a,b,c)`);
  return names;
}

/** `--score a=p_a,b=p_b,c=p_c` (multiclass: class label = score column) or one column (binary). */
function classScoresOf(score: string): ClassScore[] | undefined {
  if (!score.includes('=')) return undefined;
  const pairs = score.split(',').map((pair) => pair.split('='));
  if (pairs.some((p) => p.length !== 2 || p[0].trim() === '' || p[1].trim() === '')) {
    throw new UsageError(`--score: "${score}" is neither a column nor class=column pairs (e.g. a=p_a,b=p_b,c=p_c)`);
  }
  const classScores = pairs.map(([label, column]) => ({ label: label.trim(), column: column.trim() }));
  if (classScores.length < 3)
    throw new UsageError(
      `--score: a multiclass model needs at least 3 class=column pairs (a binary one: --score <column>)`,
    );
  if (new Set(classScores.map((c) => c.label)).size !== classScores.length)
    throw new UsageError(`--score: "${score}" names a class twice`);
  return classScores;
}

function formatOf(options: EstimateCommandOptions): EstimationFormat {
  if (options.json === true && options.format !== undefined && options.format !== 'json')
    throw new UsageError(`--json and --format ${options.format} exclude each other`);
  if (options.json === true) return 'json';
  if (options.format !== undefined) {
    if (!(ESTIMATION_FORMATS as readonly string[]).includes(options.format))
      throw new UsageError(`--format: "${options.format}" is not a format (valid: ${ESTIMATION_FORMATS.join(', ')})`);
    return options.format as EstimationFormat;
  }
  const fromOut = options.out === undefined ? '' : extname(options.out).toLowerCase();
  return fromOut === '.html' || fromOut === '.htm' ? 'html' : fromOut === '.md' ? 'md' : 'json';
}

/** Checks the command line and turns it into a request; every mistake is a UsageError naming the option. */
export function estimationRequestOf(options: EstimateCommandOptions): EstimationRequest {
  if (options.reference === undefined) throw new UsageError('--reference <file> is required');
  if (options.current === undefined) throw new UsageError('--current <file> is required');
  if (options.score === undefined && options.prediction === undefined) {
    throw new UsageError(
      "--score <column> is required (a classifier's score; a regression model gives --prediction <column> alone)",
    );
  }
  if (options.target === undefined)
    throw new UsageError('--target <column> is required (the reference labels the estimator is fitted on)');
  if (options.chunkSize !== undefined && options.window !== undefined)
    throw new UsageError('--chunk-size and --window exclude each other');
  if (options.window !== undefined && options.timeColumn === undefined)
    throw new UsageError('--window needs --time-column <column>');
  if (options.timeColumn !== undefined && options.window === undefined)
    throw new UsageError('--time-column needs --window <n><unit>');
  if (options.prediction !== undefined && options.threshold !== undefined) {
    throw new UsageError(
      '--threshold applies only without --prediction (the predicted class is then score > threshold)',
    );
  }
  if (options.calibration !== undefined && !(CALIBRATION_MODES as readonly string[]).includes(options.calibration)) {
    throw new UsageError(
      `--calibration: "${options.calibration}" is not a mode (valid: ${CALIBRATION_MODES.join(', ')})`,
    );
  }
  const classScores = options.score === undefined ? undefined : classScoresOf(options.score);
  const task = taskOf({ score: classScores === undefined ? options.score : undefined, classScores });
  const onlyFor = (option: string, value: unknown, tasks: readonly string[]) => {
    if (value !== undefined && !tasks.includes(task))
      throw new UsageError(`${option} applies to ${tasks.join(' and ')} models only (this is a ${task} model)`);
  };
  onlyFor('--threshold', options.threshold, ['binary']);
  onlyFor('--positive-class', options.positiveClass, ['binary']);
  onlyFor('--calibration', options.calibration, ['binary', 'multiclass']);
  onlyFor('--features', options.features, ['regression']);
  onlyFor('--exclude', options.exclude, ['regression']);
  return {
    referencePath: options.reference,
    currentPath: options.current,
    score: classScores === undefined ? options.score : undefined,
    classScores,
    features: columnList(options.features, '--features'),
    exclude: columnList(options.exclude, '--exclude'),
    target: options.target,
    prediction: options.prediction,
    positiveClass: options.positiveClass,
    threshold: options.threshold === undefined ? undefined : numberIn(options.threshold, '--threshold', 0, 1),
    chunkSize: options.chunkSize === undefined ? undefined : positiveInteger(options.chunkSize, '--chunk-size'),
    window: options.window,
    timeColumn: options.timeColumn,
    metrics: metricsOf(options.metrics, TASK_METRICS[task], task),
    calibration: options.calibration as CalibrationMode | undefined,
    maxDrop:
      options.maxDrop === undefined
        ? undefined
        : numberIn(options.maxDrop, '--max-drop', 0, task === 'regression' ? Number.MAX_VALUE : 1),
    realized: options.realized === true,
  };
}

function errorLine(error: unknown): string {
  if (error instanceof EstimationRequestError || error instanceof EstimationInputError)
    return error.message.replace(/\s*\n\s*/g, ' ');
  return cliErrorLine(error);
}

/**
 * Runs `driftguard estimate`; returns 0 when no chunk's estimate falls below its alert threshold, 1 when one
 * does, 2 on any error (one line on stderr).
 */
export async function runEstimate(options: EstimateCommandOptions, io: EstimateCommandIo): Promise<number> {
  try {
    const format = formatOf(options);
    const request = estimationRequestOf(options);
    const service = createPerformanceEstimationService({ tableReader: io.tableReader ?? createTableReader() });
    const report = await service.estimate(request);
    const rendered = renderEstimationReport(report, format);
    if (options.out === undefined) io.stdout.write(rendered);
    else {
      await writeOptionFile('--out', options.out, rendered);
      io.stdout.write(estimationVerdictLine(report, options.out));
    }
    return report.alert ? EXIT_DROP : EXIT_NO_DROP;
  } catch (error) {
    io.stderr.write(`driftguard estimate: ${errorLine(error)}\n`);
    return EXIT_ERROR;
  }
}

/** `driftguard estimate --reference <file> --current <file> --score <col> --target <col> …` (docs/estimation.md). */
export function createEstimateCommand(): Command {
  return new Command('estimate')
    .description(
      "Estimate a model's performance on chunks of unlabelled data, fitted on a labelled reference: a classifier's from its scores (confidence-based performance estimation; binary, or multiclass with --score a=p_a,b=p_b,…), a regression model's MAE / RMSE from its inputs and prediction (direct loss estimation). Exit 0 = no estimated drop, 1 = a chunk's estimate is worse than its alert threshold, 2 = error.",
    )
    .option('--reference <file>', 'labelled reference data (e.g. the test set): .csv, .tsv, .parquet')
    .option('--current <file>', 'current data to estimate, cut into chunks of consecutive rows in file order')
    .option(
      '--score <column>',
      "the model's score (probability) of class 1; multiclass: class=column pairs, e.g. a=p_a,b=p_b,c=p_c; none for a regression model",
    )
    .option(
      '--target <column>',
      'label column of the reference (the current file needs none; its labels are ignored unless --realized)',
    )
    .option(
      '--prediction <column>',
      'predicted class column (default: class 1 when score > --threshold; multiclass: the highest score); regression: the predicted value (required)',
    )
    .option('--threshold <p>', 'decision threshold when there is no --prediction column (default 0.5)')
    .option(
      '--positive-class <label>',
      'the target class the score is about (default: true / 1 / yes, else the larger label)',
    )
    .option(
      '--features <columns>',
      "regression: the model's input columns (default: all but target, prediction, time column and --exclude)",
    )
    .option('--exclude <columns>', 'regression: columns that are not inputs (ids, …)')
    .option(
      '--chunk-size <n>',
      'rows per chunk (default: the current file in 10 chunks); the last chunk may be smaller',
    )
    .option('--window <n><unit>', 'chunks by time instead: m, h, d or w (e.g. 7d), with --time-column')
    .option('--time-column <column>', 'date column of --window (rows in time order)')
    .option(
      '--metrics <list>',
      `comma-separated subset of ${TASK_METRICS.binary.join(',')} (classifiers) or ${TASK_METRICS.regression.join(',')} (regression); default all`,
    )
    .option(
      '--max-drop <d>',
      "alert when an estimate is worse than the reference's value by more than d (default: beyond the reference chunks' mean ∓ 3 std)",
    )
    .option('--calibration <mode>', 'auto (isotonic when it helps, default) | isotonic | none')
    .option('--realized', "also compute the metrics from the current file's --target labels and flag concept shift")
    .option('--json', 'print the JSON report (same as --format json)')
    .option('--format <format>', 'json | md | html (default: from --out extension, else json)')
    .option('--out <file>', 'write the report here instead of stdout (a one-line verdict goes to stdout)')
    .configureOutput({
      outputError: (message, write) =>
        write(
          `driftguard estimate: ${message
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()}\n`,
        ),
    })
    .exitOverride((error) => process.exit(error.code === 'commander.helpDisplayed' ? EXIT_NO_DROP : EXIT_ERROR))
    .action(async (options: EstimateCommandOptions) => {
      process.exitCode = await runEstimate(options, { stdout: process.stdout, stderr: process.stderr });
    });
}
