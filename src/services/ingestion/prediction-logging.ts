import type { Cell } from '../../domain/data-table.js';
import type { GroundTruthLabel, NewPrediction, PredictedClass } from '../../domain/prediction-record.js';
import { parseTimestamp } from '../../domain/timestamp.js';
import type { Clock } from '../../ports/clock.js';
import type { MetricsRegistry } from '../../ports/metrics.js';
import type { AttachLabelsResult, PredictionLog, ReferenceProfileRepository } from '../../ports/store.js';
import { profileTaskOf } from '../config/monitored-model-definition.js';
import type { MonitoredModels } from '../monitored-models.js';
import { ConflictError, type ErrorDetail, UnprocessableError } from '../service-errors.js';
import { knownClasses } from './known-classes.js';

/** A prediction as clients send it: made by driftguard's own `/predict` or by a model served elsewhere. */
export interface PredictionInput {
  readonly id?: string;
  /** ISO 8601 date-time or milliseconds since the epoch; default: the time it is received. */
  readonly timestamp?: string | number;
  readonly modelVersion?: string;
  readonly features: Readonly<Record<string, Cell>>;
  readonly prediction: PredictedClass | null;
  /** Positive-class probability in [0, 1]. */
  readonly score?: number | null;
}

export interface LabelInput {
  readonly predictionId: string;
  readonly label: string | number | boolean;
  readonly timestamp?: string | number;
}

export interface AttachLabelOptions {
  /** Replace labels that differ from the stored ones (each replaced label is kept); default false → 409. */
  readonly overwrite?: boolean;
  /** Who sent them (the API key's name), for the revision records. */
  readonly by?: string;
}

const MAX_LISTED_FEATURES = 20;

/** The row's time (RFC 3339 or epoch ms, see domain/timestamp.ts), now when absent, or the reason it is refused. */
function timestampOf(value: string | number | undefined, nowMs: number): number | string {
  return value === undefined ? nowMs : parseTimestamp(value);
}

function describeFeatures(names: readonly string[]): string {
  const listed = names.slice(0, MAX_LISTED_FEATURES).join(', ');
  return names.length > MAX_LISTED_FEATURES ? `${listed}, … (${names.length} in all)` : listed;
}

/** Checks one row against the model's declared features (`known`: their names; null = any); returns every reason it is refused. */
function rowProblems(
  row: PredictionInput,
  path: string,
  declared: readonly string[] | null,
  known: ReadonlySet<string> | null,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const unknown: ErrorDetail[] = [];
  let knownPresent = 0;
  for (const name in row.features) {
    const value = row.features[name];
    if (typeof value === 'number' && !Number.isFinite(value)) {
      problems.push({
        path: `${path}/features/${name}`,
        reason: 'must be a finite number (send null for a missing value)',
      });
    }
    if (known === null || declared === null) continue;
    if (known.has(name)) knownPresent += 1;
    else
      unknown.push({
        path: `${path}/features/${name}`,
        reason: `unknown feature; the model declares: ${describeFeatures(declared)}`,
      });
  }
  if (declared !== null && knownPresent < declared.length) {
    for (const name of declared) {
      if (!Object.hasOwn(row.features, name))
        problems.push({ path: `${path}/features/${name}`, reason: 'missing feature (send null for a missing value)' });
    }
  }
  problems.push(...unknown);
  if (row.score !== undefined && row.score !== null && !(row.score >= 0 && row.score <= 1)) {
    problems.push({ path: `${path}/score`, reason: 'must be a probability in [0, 1]' });
  }
  if (typeof row.prediction === 'number' && !Number.isFinite(row.prediction)) {
    problems.push({ path: `${path}/prediction`, reason: 'must be a finite number' });
  }
  return problems;
}

export interface PredictionLoggingOptions {
  readonly store: PredictionLog & Pick<ReferenceProfileRepository, 'latestReferenceProfile'>;
  /** The class labels of the champion served now, if any (binary models), for checking labels. */
  readonly championClasses?: (model: string) => { readonly version: string; readonly labels: readonly string[] } | null;
  readonly clock: Clock;
  readonly models: MonitoredModels;
  readonly newId: () => string;
  readonly metrics?: MetricsRegistry;
}

/**
 * Logging predictions and joining late ground truth. A batch is accepted or refused as a whole: every row's
 * reasons are reported, and nothing is written unless every row is valid (a resolved call means committed).
 */
export function createPredictionLogging(options: PredictionLoggingOptions) {
  const { store, clock, models, newId } = options;
  const rowsLogged = options.metrics?.counter(
    'driftguard_prediction_rows_logged_total',
    'Prediction rows committed to the log.',
    ['model'],
  );
  const labelsJoined = options.metrics?.counter(
    'driftguard_labels_joined_total',
    'Ground-truth labels joined to logged predictions.',
    ['model'],
  );
  return {
    async logPredictions(
      modelName: string,
      rows: readonly PredictionInput[],
    ): Promise<{ accepted: number; ids: string[] }> {
      const model = await models.get(modelName);
      const declared = model.definition.features === undefined ? null : Object.keys(model.definition.features);
      const known = declared === null ? null : new Set(declared);
      const nowMs = clock.nowMs();
      const problems: ErrorDetail[] = [];
      const records: NewPrediction[] = rows.map((row, index) => {
        const path = `/predictions/${index}`;
        const rowIssues = rowProblems(row, path, declared, known);
        if (rowIssues.length > 0) problems.push(...rowIssues);
        const timestampMs = timestampOf(row.timestamp, nowMs);
        if (typeof timestampMs === 'string') problems.push({ path: `${path}/timestamp`, reason: timestampMs });
        return {
          id: row.id ?? newId(),
          model: modelName,
          modelVersion: row.modelVersion ?? null,
          timestampMs: typeof timestampMs === 'number' ? timestampMs : nowMs,
          features: row.features,
          predictedClass: row.prediction,
          score: row.score ?? null,
        };
      });
      if (problems.length > 0) {
        throw new UnprocessableError(
          `${new Set(problems.map((p) => p.path.split('/')[2])).size} of ${rows.length} rows refused; nothing was logged`,
          problems,
        );
      }
      const result = await store.appendPredictions(modelName, records);
      if (result.duplicateIds.length > 0) {
        const duplicates = new Set(result.duplicateIds);
        throw new ConflictError(
          `${result.duplicateIds.length} prediction id(s) already logged; nothing was logged`,
          records.flatMap((r, index) =>
            duplicates.has(r.id) ? [{ path: `/predictions/${index}/id`, reason: `id ${r.id} already logged` }] : [],
          ),
        );
      }
      rowsLogged?.inc({ model: modelName }, records.length);
      return { accepted: records.length, ids: records.map((r) => r.id) };
    },

    /**
     * Joins ground truth: each label must be one of the model's known classes (reference profile, champion; 422
     * listing them), and a prediction already labelled otherwise is only relabelled with `overwrite` (else 409
     * listing the ids; with it, the replaced label is kept as a revision). Nothing is stored unless all is well.
     */
    async attachLabels(
      modelName: string,
      labels: readonly LabelInput[],
      labelOptions: AttachLabelOptions = {},
    ): Promise<AttachLabelsResult> {
      const model = await models.get(modelName);
      const nowMs = clock.nowMs();
      const problems: ErrorDetail[] = [];
      const reference = await store.latestReferenceProfile(modelName);
      const known = knownClasses(
        reference?.profile ?? null,
        options.championClasses?.(modelName) ?? null,
        profileTaskOf(model.definition),
      );
      const truths: GroundTruthLabel[] = labels.map((l, index) => {
        const timestampMs = timestampOf(l.timestamp, nowMs);
        if (typeof timestampMs === 'string') problems.push({ path: `/labels/${index}/timestamp`, reason: timestampMs });
        if (typeof l.label === 'number' && !Number.isFinite(l.label))
          problems.push({ path: `/labels/${index}/label`, reason: 'must be a finite number' });
        else if (known !== null && !known.classes.has(known.keyOf(l.label)))
          problems.push({
            path: `/labels/${index}/label`,
            reason: `${JSON.stringify(l.label)} is not a class of the model; the classes (${known.source}) are: ${[...known.classes].join(', ')}`,
          });
        return {
          predictionId: l.predictionId,
          label: l.label,
          timestampMs: typeof timestampMs === 'number' ? timestampMs : nowMs,
        };
      });
      if (problems.length > 0) throw new UnprocessableError('labels refused; nothing was stored', problems);
      const result = await store.attachLabels(modelName, truths, {
        overwrite: labelOptions.overwrite === true,
        by: labelOptions.by ?? 'api',
        atMs: nowMs,
      });
      if (result.relabeledIds.length > 0 && labelOptions.overwrite !== true) {
        const relabeled = new Set(result.relabeledIds);
        throw new ConflictError(
          `${relabeled.size} prediction(s) already have another label (${result.relabeledIds.slice(0, 20).join(', ')}); nothing was stored — send "overwrite": true to replace them (the replaced labels are kept)`,
          labels.flatMap((l, index) =>
            relabeled.has(l.predictionId)
              ? [{ path: `/labels/${index}/label`, reason: `prediction ${l.predictionId} already has another label` }]
              : [],
          ),
        );
      }
      labelsJoined?.inc({ model: modelName }, result.joined);
      return result;
    },

    /** Replaced labels of the model, newest first (optionally of one prediction). */
    async labelRevisions(modelName: string, query: { predictionId?: string; limit: number }) {
      await models.get(modelName);
      return store.listLabelRevisions(modelName, query);
    },
  };
}

export type PredictionLogging = ReturnType<typeof createPredictionLogging>;
