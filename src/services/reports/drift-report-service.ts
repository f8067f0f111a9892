import type { DataTable } from '../../domain/data-table.js';
import { inferSchema } from '../../domain/infer-schema.js';
import { SchemaError } from '../../domain/schema-error.js';
import { buildReferenceProfile } from '../../drift/build-reference-profile.js';
import type { DriftMode } from '../../drift/drift-config.js';
import type { DriftReport } from '../../drift/drift-report.js';
import { evaluateDrift } from '../../drift/evaluate-drift.js';
import { hasDrift } from '../../drift/has-drift.js';
import {
  detectMultivariateDrift,
  type MultivariateOptionsInput,
  multivariateFeatures,
} from '../../drift/multivariate/index.js';
import type { TableReader, TableReadProgress } from '../../ports/table-reader.js';
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
  /** Progress of each file read (`which` says which side). */
  readonly onProgress?: (which: 'reference' | 'current', progress: TableReadProgress) => void;
}

/** The report plus what was read. */
export interface DriftReportOutcome {
  readonly report: DriftReport;
  /** The verdict the exit code follows: dataset drift, or multivariate drift when that test ran. */
  readonly drifted: boolean;
  readonly reference: { readonly path: string; readonly rowCount: number; readonly columnCount: number };
  readonly current: { readonly path: string; readonly rowCount: number; readonly columnCount: number };
}

export interface DriftReportService {
  /** Reads both files, infers the schema from the reference, profiles it and evaluates the current file against it. */
  createReport(request: DriftReportRequest): Promise<DriftReportOutcome>;
}

export interface DriftReportServiceOptions {
  /** How files are read (CSV, Parquet …), chosen by the caller (see compose.ts). */
  readonly tableReader: TableReader;
}

function requireRows(table: DataTable, path: string, side: string): void {
  if (table.rowCount === 0) throw new DriftReportInputError(path, `the ${side} file has a header but no data rows`);
}

function requireColumns(table: DataTable, path: string, option: string, names: readonly (string | undefined)[]): void {
  for (const name of names) {
    if (name !== undefined && !Object.prototype.hasOwnProperty.call(table.columns, name)) {
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
  return {
    async createReport(request: DriftReportRequest): Promise<DriftReportOutcome> {
      const config = request.config ?? {};
      const reference = await tableReader.read(request.referencePath, {
        onProgress: request.onProgress && ((progress) => request.onProgress?.('reference', progress)),
      });
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

      const current = await tableReader.read(request.currentPath, {
        onProgress: request.onProgress && ((progress) => request.onProgress?.('current', progress)),
      });
      requireRows(current, request.currentPath, 'current');

      try {
        const schema = inferSchema(reference, {
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
        if (tested.length > 0 && tested.every((name) => !Object.prototype.hasOwnProperty.call(current.columns, name))) {
          throw new DriftReportInputError(
            request.currentPath,
            `none of the reference's features is a column here (expected ${tested.slice(0, 5).join(', ')}${tested.length > 5 ? ', …' : ''}; found ${current.columnNames.slice(0, 5).join(', ')}${current.columnNames.length > 5 ? ', …' : ''})`,
          );
        }
        const profile = buildReferenceProfile(reference, schema, config.profile);
        const univariate = evaluateDrift(profile, current, {
          ...config.engine,
          ...(request.mode === undefined ? {} : { mode: request.mode }),
        });
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
          },
          current: { path: request.currentPath, rowCount: current.rowCount, columnCount: current.columnNames.length },
        };
      } catch (error) {
        if (error instanceof SchemaError)
          throw new DriftReportInputError('configuration', `${error.field}: ${error.reason}`);
        throw error;
      }
    },
  };
}
