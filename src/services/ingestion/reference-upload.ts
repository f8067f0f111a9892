import { type Cell, type DataTable, dataTableFromRows } from '../../domain/data-table.js';
import { SchemaError } from '../../domain/schema-error.js';
import { findUnstorableByte } from '../../domain/storable-text.js';
import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { ReferenceProfiler } from '../../ports/reference-profiler.js';
import type { ReferenceProfileRepository } from '../../ports/store.js';
import { TableReadError, type TableTextParser } from '../../ports/table-reader.js';
import { profileTaskOf } from '../config/monitored-model-definition.js';
import type { MonitoredModels } from '../monitored-models.js';
import { BadRequestError, UnprocessableError } from '../service-errors.js';
import { createInThreadReferenceProfiler } from './reference-profiling.js';

export interface ReferenceSummary {
  readonly model: string;
  readonly source: string;
  readonly rows: number;
  readonly features: readonly { readonly name: string; readonly kind: string }[];
  readonly createdAtMs: number;
}

/** Where an uploaded table came from, for error paths: JSON rows (`/rows/0/<column>`) or CSV text (`/csv/header/<column>`). */
type UploadFormat = 'rows' | 'csv';

const columnPath = (format: UploadFormat, column: string) =>
  format === 'rows' ? `/rows/0/${column}` : `/csv/header/${column}`;

export interface ReferenceUploadOptions {
  readonly store: ReferenceProfileRepository;
  readonly models: MonitoredModels;
  readonly clock: Clock;
  readonly events: EventBus;
  /** Parses CSV bodies (the service's runs in a worker thread, off the event loop). */
  readonly csv: TableTextParser;
  /** Infers the schema and builds the profile (the service's runs in a worker thread; default: the calling thread). */
  readonly profiler?: ReferenceProfiler;
}

/**
 * Setting a model's reference from uploaded rows (JSON) or CSV text: the schema is inferred with the model's declared
 * features, target, prediction, prediction score and overrides, the bounded profile (with a seeded sample of ≤ 5,000 rows for
 * multivariate tests) is built, and it becomes the reference in force
 * (the previous one stays in the store as history).
 */
export function createReferenceUpload(options: ReferenceUploadOptions) {
  const profiler = options.profiler ?? createInThreadReferenceProfiler();
  async function setFromTable(
    name: string,
    uploaded: DataTable,
    format: UploadFormat,
    by: string,
  ): Promise<ReferenceSummary> {
    let table = uploaded;
    const definition = (await options.models.get(name)).definition;
    const declared = definition.features === undefined ? null : Object.keys(definition.features);
    const roles = [definition.target, definition.prediction, definition.predictionScore].filter(
      (c): c is string => c !== undefined,
    );
    const missing = [...(declared ?? []), ...roles].filter((c) => !table.columnNames.includes(c));
    if (missing.length > 0) {
      throw new UnprocessableError(
        `the reference lacks ${missing.length} declared column(s)`,
        missing.map((c) => ({
          path: columnPath(format, c),
          reason: `declared by the model but absent from every ${format === 'rows' ? 'row' : 'CSV header'}`,
        })),
      );
    }
    if (table.rowCount === 0)
      throw new UnprocessableError('the reference has no rows', [
        { path: `/${format}`, reason: 'at least one data row is required' },
      ]);
    let profile;
    try {
      // Off the event loop; the table's columns go to the profiling thread and come back with the profile (row sample
      // for multivariate tests included).
      ({ profile, table } = await profiler.profile({
        table,
        schema: {
          target: definition.target,
          prediction: definition.prediction,
          predictionScore: definition.predictionScore,
          task: profileTaskOf(definition),
          overrides: definition.features,
          ignore: declared === null ? [] : table.columnNames.filter((c) => !declared.includes(c) && !roles.includes(c)),
        },
      }));
    } catch (error) {
      if (!(error instanceof SchemaError)) throw error;
      throw new UnprocessableError(`the reference cannot be profiled: ${error.message}`, [
        { path: `/${format}/${error.field}`, reason: error.reason },
      ]);
    }
    const source = `upload by ${by}`;
    const stored = await options.store.saveReferenceProfile(name, source, profile, options.clock.nowMs());
    options.events.publish({
      type: 'model',
      model: name,
      atMs: stored.createdAtMs,
      data: { event: 'reference_set', source, rows: table.rowCount },
    });
    return {
      model: name,
      source,
      rows: table.rowCount,
      features: profile.schema.features.map((f) => ({ name: f.name, kind: f.kind })),
      createdAtMs: stored.createdAtMs,
    };
  }

  return {
    async setFromRows(
      name: string,
      rows: readonly Readonly<Record<string, Cell>>[],
      by: string,
    ): Promise<ReferenceSummary> {
      return setFromTable(name, dataTableFromRows(rows), 'rows', by);
    },
    /**
     * CSV with a header line (RFC 4180 quoting; numbers, booleans and strings detected per column; NA / empty →
     * missing), as UTF-8 bytes (the request body, handed over to the parsing thread: not usable afterwards) or text.
     */
    async setFromCsv(name: string, body: string | Uint8Array, by: string): Promise<ReferenceSummary> {
      await options.models.get(name); // an unknown model is a 404 before any parsing
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      const unstorable = findUnstorableByte(bytes);
      if (unstorable !== null) {
        const line = unstorable.line;
        throw new BadRequestError(`the CSV body cannot be stored: line ${line} ${unstorable.reason}`, [
          { path: `/csv/line/${line}`, reason: unstorable.reason },
        ]);
      }
      let table: DataTable;
      try {
        table = await options.csv.parse(bytes, 'the CSV body');
      } catch (error) {
        if (!(error instanceof TableReadError)) throw error;
        const path = [
          '/csv',
          error.line === undefined ? '' : `/line/${error.line}`,
          error.column === undefined ? '' : `/${error.column}`,
        ].join('');
        throw new BadRequestError(`the CSV body cannot be read: ${error.reason}`, [{ path, reason: error.reason }]);
      }
      return setFromTable(name, table, 'csv', by);
    },
  };
}

export type ReferenceUpload = ReturnType<typeof createReferenceUpload>;
