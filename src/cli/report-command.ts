import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Command } from 'commander';
import { jsonSyntaxText, parseJsonText } from '../domain/parse-json-text.js';
import { SchemaError } from '../domain/schema-error.js';
import type { DriftColumnRunner } from '../ports/drift-column-runner.js';
import { TableReadError } from '../ports/table-reader.js';
import {
  DRIFT_MODES,
  type DriftReportConfig,
  MULTIVARIATE_METHODS,
  type MultivariateMethod,
  type MultivariateOptionsInput,
  parseDriftReportConfig,
} from '../services/reports/drift-report-config.js';
import { DriftReportInputError } from '../services/reports/drift-report-input-error.js';
import {
  createDriftReportService,
  DEFAULT_SAMPLE_ROWS,
  type DriftReportService,
} from '../services/reports/drift-report-service.js';
import {
  type DriftMode,
  type DriftReport,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportSources,
  renderDriftReport,
} from '../services/reports/render-drift-report.js';
import { columnThreadsOf, createDriftColumnRunner, createTableReader } from '../table-readers.js';
import { fileErrorReason } from './file-error-reason.js';
import { createProgressBar, type ProgressStream } from './progress-bar.js';

/** Raw option values as commander hands them over (all strings). */
export interface ReportCommandOptions {
  readonly reference?: string;
  readonly current?: string;
  readonly target?: string;
  readonly prediction?: string;
  readonly exclude?: string;
  readonly mode?: string;
  readonly config?: string;
  readonly format?: string;
  readonly out?: string;
  readonly multivariate?: boolean;
  readonly multivariateMethod?: string;
  readonly allowMissing?: boolean;
  readonly sampleRows?: string;
  readonly threads?: string;
}

/** Where the command writes; injectable for tests. */
export interface ReportCommandIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  /** ISO time stamped into the report (default: now). */
  readonly now?: () => string;
  readonly service?: DriftReportService;
}

/** Exit codes of `driftguard report`. */
export const EXIT_NO_DRIFT = 0;
export const EXIT_DRIFT = 1;
export const EXIT_ERROR = 2;
/** No dataset drift among the tested features, but some features could not be tested: never a clean pass. */
export const EXIT_INCOMPLETE = 3;

class UsageError extends Error {}

function formatOf(options: ReportCommandOptions): ReportFormat {
  if (options.format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(options.format)) {
      throw new UsageError(`--format: "${options.format}" is not a format (valid: ${REPORT_FORMATS.join(', ')})`);
    }
    return options.format as ReportFormat;
  }
  const fromOut = options.out === undefined ? '' : extname(options.out).toLowerCase();
  return fromOut === '.html' || fromOut === '.htm' ? 'html' : fromOut === '.md' ? 'md' : 'json';
}

function modeOf(mode: string | undefined): DriftMode | undefined {
  if (mode === undefined) return undefined;
  if (!(DRIFT_MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`--mode: "${mode}" is not a mode (valid: ${DRIFT_MODES.join(', ')})`);
  }
  return mode as DriftMode;
}

function sampleRowsOf(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'all') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000)
    throw new UsageError(`--sample-rows: "${value}" is not a row count ≥ 1000 (or "all")`);
  return n;
}

function excludeOf(exclude: string | undefined): string[] | undefined {
  if (exclude === undefined) return undefined;
  const names = exclude.split(',').map((name) => name.trim());
  if (names.some((name) => name === ''))
    throw new UsageError(`--exclude: "${exclude}" has an empty column name (use a,b,c)`);
  return names;
}

/** The multivariate test asked for on the command line (`--multivariate-method` implies `--multivariate`). */
function multivariateOf(options: ReportCommandOptions): MultivariateOptionsInput | undefined {
  const method = options.multivariateMethod;
  if (method === undefined) return options.multivariate === true ? {} : undefined;
  if (!(MULTIVARIATE_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(
      `--multivariate-method: "${method}" is not a method (valid: ${MULTIVARIATE_METHODS.join(', ')})`,
    );
  }
  return { method: method as MultivariateMethod };
}

/** Line and column of a character offset, for JSON syntax errors. */
async function readConfig(path: string): Promise<DriftReportConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `${path}: ${code === 'ENOENT' ? 'config file not found' : code === 'EISDIR' ? 'is a directory' : String(error)}`,
    );
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new UsageError(`${path}: ${jsonSyntaxText(parsed.problem)}`);
  return parseDriftReportConfig(parsed.value, path);
}

/** One readable line for any failure; unexpected errors keep their message. */
export function errorLine(error: unknown): string {
  let line: string;
  if (error instanceof UsageError || error instanceof TableReadError || error instanceof DriftReportInputError)
    line = error.message;
  else if (error instanceof SchemaError) line = `configuration: ${error.field}: ${error.reason}`;
  else line = `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  return line.replace(/\s*\n\s*/g, ' ');
}

/** Features that could not be tested (no valid values on a side, column missing from the current file). */
function untestedFeatures(report: DriftReport): string[] {
  return report.features.filter((f) => f.status !== 'tested').map((f) => f.name);
}

/** The exit code of a report: drift wins; otherwise a feature that could not be tested makes it incomplete. */
export function exitCodeOf(report: DriftReport): number {
  if (report.datasetDrift) return EXIT_DRIFT;
  return untestedFeatures(report).length > 0 ? EXIT_INCOMPLETE : EXIT_NO_DRIFT;
}

export function verdictLine(report: DriftReport, out: string | undefined): string {
  const untested = untestedFeatures(report);
  const verdict = report.datasetDrift
    ? 'dataset drift'
    : untested.length > 0
      ? 'incomplete (no drift among the tested features)'
      : 'no dataset drift';
  const notTested =
    untested.length === 0
      ? ''
      : `, ${untested.length} not tested (${untested.slice(0, 5).join(', ')}${untested.length > 5 ? ', …' : ''})`;
  const target = out === undefined ? '' : ` → ${out}`;
  const mv = report.multivariate;
  const multivariate =
    mv === undefined
      ? ''
      : `; ${mv.drifted ? 'multivariate drift' : 'no multivariate drift'} (${mv.method}${mv.topFeatures.length > 0 ? `: ${mv.topFeatures.map((f) => f.name).join(', ')}` : ''})`;
  return `${verdict}: ${report.driftedFeatureCount} of ${report.testedFeatureCount} tested features drifted${notTested} (share ${(report.driftShare * 100).toFixed(1)} %, severity ${report.severity})${multivariate}${target}\n`;
}

/**
 * Runs `driftguard report` and returns its exit code: 0 = no drift, 1 = dataset drift or (with `--multivariate`)
 * multivariate drift, 2 = error (one line on stderr naming the file / option / column and what is wrong),
 * 3 = incomplete (no drift among the tested features, but some could not be tested).
 */
export async function runReport(options: ReportCommandOptions, io: ReportCommandIo): Promise<number> {
  const bar = createProgressBar(io.stderr);
  let columnRunner: DriftColumnRunner | undefined;
  try {
    if (options.reference === undefined) throw new UsageError('--reference <file> is required');
    if (options.current === undefined) throw new UsageError('--current <file> is required');
    const format = formatOf(options);
    const mode = modeOf(options.mode);
    const exclude = excludeOf(options.exclude);
    const multivariate = multivariateOf(options);
    const config = options.config === undefined ? undefined : await readConfig(options.config);
    let threads: number;
    try {
      threads = columnThreadsOf(options.threads);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    columnRunner = io.service === undefined ? createDriftColumnRunner(threads) : undefined;
    const service = io.service ?? createDriftReportService({ tableReader: createTableReader(), columnRunner });
    const outcome = await service.createReport({
      referencePath: options.reference,
      currentPath: options.current,
      target: options.target,
      prediction: options.prediction,
      exclude,
      mode,
      config,
      multivariate,
      allowMissing: options.allowMissing === true,
      sampleRows: sampleRowsOf(options.sampleRows),
      onProgress: (which, progress) =>
        bar.update(
          which === 'reference' || which === 'current'
            ? basename(which === 'reference' ? (options.reference ?? '') : (options.current ?? ''))
            : which,
          progress,
        ),
    });
    bar.done();
    for (const warning of outcome.warnings) io.stderr.write(`driftguard report: warning: ${warning}\n`);
    const sources: ReportSources = {
      reference: options.reference,
      current: options.current,
      generatedAt: (io.now ?? (() => new Date().toISOString()))(),
    };
    const rendered = renderDriftReport(outcome.report, format, sources);
    if (options.out === undefined) {
      io.stdout.write(rendered);
    } else {
      try {
        await writeFile(options.out, rendered);
      } catch (error) {
        throw new UsageError(`--out ${options.out}: cannot write (${fileErrorReason(error, true)})`);
      }
      io.stdout.write(verdictLine(outcome.report, options.out));
    }
    return outcome.drifted ? EXIT_DRIFT : exitCodeOf(outcome.report);
  } catch (error) {
    bar.done();
    io.stderr.write(`driftguard report: ${errorLine(error)}\n`);
    return EXIT_ERROR;
  } finally {
    await columnRunner?.close();
  }
}

/** `driftguard report --reference <file> --current <file> …` (see docs/drift-report.md). */
export function createReportCommand(): Command {
  return new Command('report')
    .description(
      'Compare a current data file with a reference file (CSV/TSV/Parquet) and report drift. Exit 0 = no drift, 1 = dataset drift (or multivariate drift with --multivariate), 2 = error, 3 = incomplete (a feature could not be tested).',
    )
    .option('--reference <file>', 'reference data (e.g. the training set): .csv, .tsv, .csv.gz, .parquet')
    .option('--current <file>', 'current data to compare with the reference')
    .option('--target <column>', 'target (label) column: enables target drift, and performance drift with --prediction')
    .option(
      '--prediction <column>',
      'model prediction column: enables prediction drift, and performance drift with --target',
    )
    .option('--exclude <columns>', 'comma-separated features not tested for drift (still checked for data quality)')
    .option('--mode <mode>', 'driftguard (test + effect size, default) or evidently (Evidently 0.7 defaults)')
    .option(
      '--sample-rows <n>',
      `rows read per file at most: a seeded uniform sample beyond (default ${DEFAULT_SAMPLE_ROWS}; "all" reads every row)`,
    )
    .option(
      '--threads <n>',
      'threads that profile and test columns (default: DRIFTGUARD_THREADS, else the number of cores; 1 = no worker threads); the report is the same on any number',
    )
    .option('--allow-missing', 'report features missing from the current file as not tested instead of exiting 2')
    .option(
      '--config <file>',
      'JSON config: roles, ignored columns, per-feature overrides, engine and multivariate options',
    )
    .option(
      '--multivariate',
      'also test for multivariate drift (joint shifts no single feature shows) and name the features behind it',
    )
    .option(
      '--multivariate-method <method>',
      'classifier (default: domain classifier) | pca (reconstruction error) | mmd; implies --multivariate',
    )
    .option('--format <format>', 'json | html | md (default: from --out extension, else json)')
    .option('--out <file>', 'write the report here instead of stdout (a one-line verdict goes to stdout)')
    .configureOutput({
      outputError: (message, write) =>
        write(
          `driftguard report: ${message
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()}\n`,
        ),
    })
    .exitOverride((error) => {
      // Usage errors (unknown option, missing value) exit 2 like every other error, never 1 (= drift).
      process.exit(error.code === 'commander.helpDisplayed' ? EXIT_NO_DRIFT : EXIT_ERROR);
    })
    .action(async (options: ReportCommandOptions) => {
      process.exitCode = await runReport(options, { stdout: process.stdout, stderr: process.stderr });
    });
}
