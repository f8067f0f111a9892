import type { DataTable } from '../../domain/data-table.js';
import { inferColumnKind, inferSchemaWithDecisions } from '../../domain/infer-schema.js';
import { SchemaError } from '../../domain/schema-error.js';
import { buildReferenceProfile, resolveProfileOptions } from '../../drift/build-reference-profile.js';
import { createDriftEngineConfig } from '../../drift/create-drift-engine-config.js';
import type { DriftMode } from '../../drift/drift-config.js';
import type { DriftReport } from '../../drift/drift-report.js';
import { evaluateDrift } from '../../drift/evaluate-drift.js';
import { hasDrift } from '../../drift/has-drift.js';
import {
  detectMultivariateDrift,
  type MultivariateOptionsInput,
  multivariateFeatures,
} from '../../drift/multivariate/index.js';
import type { DriftColumnRunner } from '../../ports/drift-column-runner.js';
import type { TableReader, TableReadProgress } from '../../ports/table-reader.js';
import { createInThreadColumnRunner } from './drift-column-tasks.js';
import type { DriftReportConfig } from './drift-report-config.js';
import { DriftReportInputError } from './drift-report-input-error.js';

/** What to compare; flags given here win over the same keys of `config`. */
export interface DriftReportRequest {
  readonly referencePath: string;
  readonly currentPath: string;
  readonly target?: string;
  readonly prediction?: string;
  readonly exclude?: readonly string[];
  readonly mode?: DriftMode;
  readonly config?: DriftReportConfig;
  /** Runs the multivariate test with these options over the config's `multivariate` (which alone also turns it on). */
  readonly multivariate?: MultivariateOptionsInput;
  /** Rows kept per file at most (a seeded uniform sample beyond; see DEFAULT_SAMPLE_ROWS); null reads every row. */
  readonly sampleRows?: number | null;
  /** Report even when the current file lacks some of the reference's features (they are listed as not tested). */
  readonly allowMissing?: boolean;
  /** Progress of each file read (`which` says which side), then of the columns profiled and evaluated. */
  readonly onProgress?: (
    which: 'reference' | 'current' | 'profiling' | 'evaluating',
    progress: TableReadProgress,
  ) => void;
}

/**
 * Rows read per file by default: beyond, a seeded uniform sample of this many rows is tested (and said on stderr),
 * which keeps `report` on two files of 10 M × 50 under 2 GiB.
 */
export const DEFAULT_SAMPLE_ROWS = 1_000_000;

/** The report plus what was read. */
export interface DriftReportOutcome {
  readonly report: DriftReport;
  /** The verdict the exit code follows: dataset drift, or multivariate drift when that test ran. */
  readonly drifted: boolean;
  /** `sourceRowCount`: rows in the file when `rowCount` rows were sampled from it. */
  readonly reference: {
    readonly path: string;
    readonly rowCount: number;
    readonly columnCount: number;
    readonly sourceRowCount?: number;
  };
  readonly current: {
    readonly path: string;
    readonly rowCount: number;
    readonly columnCount: number;
    readonly sourceRowCount?: number;
  };
  /** Lines for the user: kinds decided against part of the values, constant columns, date-time columns left out. */
  readonly warnings: readonly string[];
}

export interface DriftReportService {
  /** Reads both files, infers the schema from the reference, profiles it and evaluates the current file against it. */
  createReport(request: DriftReportRequest): Promise<DriftReportOutcome>;
}

export interface DriftReportServiceOptions {
  /** How files are read (CSV, Parquet …), chosen by the caller (see compose.ts). */
  readonly tableReader: TableReader;
  /**
   * Where the per-column profiling and tests run (one task per feature; results in feature order, so the report is
   * the same on any number of threads). Default: the calling thread. `report` uses a pool of worker threads.
   */
  readonly columnRunner?: DriftColumnRunner;
}

/** Below this many rows in the two files together the column work stays on the calling thread (threads cost more). */
export const MIN_ROWS_FOR_COLUMN_THREADS = 20_000;

function requireRows(table: DataTable, path: string, side: string): void {
  if (table.rowCount === 0) throw new DriftReportInputError(path, `the ${side} file has a header but no data rows`);
}

function requireColumns(table: DataTable, path: string, option: string, names: readonly (string | undefined)[]): void {
  for (const name of names) {
    if (name !== undefined && !table.columns.has(name)) {
      throw new DriftReportInputError(
        `${option}`,
        `no such column in ${path} (columns: ${table.columnNames.join(', ')})`,
        name,
      );
    }
  }
}

/** The one-shot report use case of `driftguard report`: files in, DriftReport out (see docs/drift-report.md). */
export function createDriftReportService(options: DriftReportServiceOptions): DriftReportService {
  const { tableReader } = options;
  const inThread = createInThreadColumnRunner();
  return {
    async createReport(request: DriftReportRequest): Promise<DriftReportOutcome> {
      const config = request.config ?? {};
      // Both files at once (each reader may work in its own thread).
      const sampleRows = request.sampleRows === undefined ? DEFAULT_SAMPLE_ROWS : request.sampleRows;
      const sampling = sampleRows === null ? {} : { sampleRows };
      const [reference, current] = await Promise.all([
        tableReader.read(request.referencePath, {
          ...sampling,
          onProgress: request.onProgress && ((progress) => request.onProgress?.('reference', progress)),
        }),
        tableReader.read(request.currentPath, {
          ...sampling,
          onProgress: request.onProgress && ((progress) => request.onProgress?.('current', progress)),
        }),
      ]);
      requireRows(reference, request.referencePath, 'reference');
      const target = request.target ?? config.target;
      const prediction = request.prediction ?? config.prediction;
      const exclude = [...(config.exclude ?? []), ...(request.exclude ?? [])];
      requireColumns(reference, request.referencePath, request.target === undefined ? 'target' : '--target', [target]);
      requireColumns(
        reference,
        request.referencePath,
        request.prediction === undefined ? 'prediction' : '--prediction',
        [prediction],
      );
      requireColumns(
        reference,
        request.referencePath,
        request.exclude === undefined ? 'exclude' : '--exclude',
        exclude,
      );
      requireColumns(reference, request.referencePath, 'ignore', config.ignore ?? []);
      requireColumns(reference, request.referencePath, 'predictionScore', [config.predictionScore]);

      requireRows(current, request.currentPath, 'current');

      try {
        const { schema, decisions, datetimeColumns } = inferSchemaWithDecisions(reference, {
          target,
          prediction,
          predictionScore: config.predictionScore,
          positiveClass: config.positiveClass,
          task: config.task,
          ignore: config.ignore,
          exclude,
          overrides: config.features,
          maxCategoricalIntegerCardinality: config.maxCategoricalIntegerCardinality,
        });
        const tested = schema.features.filter((feature) => !feature.excluded).map((feature) => feature.name);
        const missing = tested.filter((name) => !current.columns.has(name));
        if (missing.length > 0 && (missing.length === tested.length || request.allowMissing !== true)) {
          const listed = `${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`;
          throw new DriftReportInputError(
            request.currentPath,
            missing.length === tested.length
              ? `none of the reference's features is a column here (expected ${tested.slice(0, 5).join(', ')}${tested.length > 5 ? ', …' : ''}; found ${current.columnNames.slice(0, 5).join(', ')}${current.columnNames.length > 5 ? ', …' : ''})`
              : `lacks ${missing.length} of the reference's ${tested.length} features: ${listed} (pass --allow-missing to report them as not tested)`,
          );
        }
        const warnings: string[] = [];
        for (const [table, path] of [
          [reference, request.referencePath],
          [current, request.currentPath],
        ] as const) {
          if (table.sourceRowCount !== undefined) {
            warnings.push(
              `${path} has ${table.sourceRowCount.toLocaleString('en-US')} rows; testing a uniform sample of ${table.rowCount.toLocaleString('en-US')} (seeded, --sample-rows)`,
            );
          }
        }
        for (const decision of decisions.values())
          if (decision.warning !== null) warnings.push(`${request.referencePath}: ${decision.warning}`);
        // The current file's columns are read by the same rule: a kind decided against part of its values is said too.
        const max = config.maxCategoricalIntegerCardinality;
        for (const name of tested) {
          const column = current.columns.get(name);
          const warning = column === undefined ? null : inferColumnKind(column, name, max).warning;
          if (warning !== null) warnings.push(`${request.currentPath}: ${warning}`);
        }
        const unmentioned = datetimeColumns.filter((name) => !exclude.includes(name));
        if (unmentioned.length > 0) {
          warnings.push(
            `date-time column(s) ${unmentioned.join(', ')} are not tested for drift (give them a kind in the config's features to test them)`,
          );
        }
        const columnProgress = (stage: 'profiling' | 'evaluating') => (done: number, total: number) =>
          request.onProgress?.(stage, { unit: 'columns', done, total });
        const runner =
          reference.rowCount + current.rowCount >= MIN_ROWS_FOR_COLUMN_THREADS
            ? (options.columnRunner ?? inThread)
            : inThread;
        // Validated here, once, so that a bad option is the same error on any number of threads.
        const profileOptions = resolveProfileOptions(config.profile);
        const engine = createDriftEngineConfig({
          ...config.engine,
          ...(request.mode === undefined ? {} : { mode: request.mode }),
        });
        const columns = schema.features.map((feature) => reference.columns.get(feature.name));
        const profiled = columns.every((column) => column !== undefined)
          ? await runner.profile(
              schema.features.map((feature, i) => ({ feature, column: columns[i]!, options: profileOptions })),
              columnProgress('profiling'),
            )
          : undefined; // buildReferenceProfile names the missing column
        const profile = buildReferenceProfile(reference, schema, profileOptions, undefined, profiled);
        const evaluated = await runner.evaluate(
          schema.features.map((feature, i) => ({
            profile: profile.features[i],
            feature,
            column: current.columns.get(feature.name),
            rowCount: current.rowCount,
            config: engine,
          })),
          columnProgress('evaluating'),
        );
        const univariate = evaluateDrift(profile, current, engine, {}, evaluated);
        const multivariate =
          (request.multivariate ?? config.multivariate)
            ? { ...config.multivariate, ...request.multivariate }
            : undefined;
        const report =
          multivariate === undefined
            ? univariate
            : {
                ...univariate,
                multivariate: detectMultivariateDrift(
                  { reference, current, features: multivariateFeatures(schema) },
                  multivariate,
                ),
              };
        return {
          report,
          drifted: hasDrift(report),
          reference: {
            path: request.referencePath,
            rowCount: reference.rowCount,
            columnCount: reference.columnNames.length,
            ...(reference.sourceRowCount === undefined ? {} : { sourceRowCount: reference.sourceRowCount }),
          },
          current: {
            path: request.currentPath,
            rowCount: current.rowCount,
            columnCount: current.columnNames.length,
            ...(current.sourceRowCount === undefined ? {} : { sourceRowCount: current.sourceRowCount }),
          },
          warnings,
        };
      } catch (error) {
        if (error instanceof SchemaError)
          throw new DriftReportInputError('configuration', `${error.field}: ${error.reason}`);
        throw error;
      }
    },
  };
}
