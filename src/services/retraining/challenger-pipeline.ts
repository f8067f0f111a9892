/**
 * The challenger pipeline of a retraining job, without I/O: assemble the data (the most recent labelled rows of
 * the horizon, optionally mixed with a sample of the champion's reference), split in time order, train the
 * challenger with the champion's trainer and hyper-parameters (validation rows for early stopping), score
 * challenger AND champion on the same test rows and on a held-out slice of the old reference, and apply the
 * promotion rule. Tracking, registration and the swap are the caller's (the retraining service's) business.
 */
import {
  type Cell,
  cellsOfColumn,
  concatTables as concatDataTables,
  type DataTable,
  projectTable,
} from '../../domain/data-table.js';
import type { JobMetricSet } from '../../domain/retraining-job.js';
import { checkSufficiency, type SufficiencyResult } from '../../domain/retraining-policy.js';
import {
  type BinaryClassificationMetrics,
  comparisonMetric,
  createSeededRandom,
  type FittedModel,
  type HyperParamValue,
  selectRows,
  timeOrderedSplit,
} from '../../models/index.js';
import type { ChallengerExecutor, ChallengerRequest, ChallengerResult } from '../../ports/challenger-executor.js';
import type { Clock } from '../../ports/clock.js';
import { compareWithChampion, createTrainModelService, evaluateOn } from '../training/train-model.js';

/** Not enough labelled rows (or of a class) in the horizon: the job must be deferred with `sufficiency.reason`. */
export class InsufficientDataError extends Error {
  override readonly name: string = 'InsufficientDataError';

  constructor(readonly sufficiency: SufficiencyResult) {
    super(`not enough labelled data: ${sufficiency.reason}`);
  }
}

/** The contract's metric set of a full metrics object. */
export function jobMetricSet(m: BinaryClassificationMetrics): JobMetricSet {
  return { accuracy: m.accuracy, rocAuc: m.rocAuc, logLoss: Number.isFinite(m.logLoss) ? m.logLoss : null, f1: m.f1 };
}

function labelledRows(table: DataTable, target: string): number[] {
  const cells = cellsOfColumn(table, target) ?? [];
  const rows: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (cells[i] !== null && cells[i] !== '') rows.push(i);
  return rows;
}

function classCounts(cells: readonly Cell[], classes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));
  for (const cell of cells) {
    const key = String(cell);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The champion's own hyper-parameters (scalar ones; the trainer fills in the rest). */
function championParams(champion: FittedModel): Record<string, HyperParamValue> {
  const params: Record<string, HyperParamValue> = {};
  for (const [key, value] of Object.entries(champion.toJSON().training.params)) {
    if (value === null || ['number', 'string', 'boolean'].includes(typeof value))
      params[key] = value as HyperParamValue;
  }
  return params;
}

/** Appends `b`'s rows after `a`'s (same column names, `a`'s order). */
export function concatTables(a: DataTable, b: DataTable): DataTable {
  return concatDataTables([a, b]);
}

/** `k` distinct row indices of `0 … n−1`, seeded, in ascending (time) order. */
export function sampleRows(n: number, k: number, seed: number): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  const random = createSeededRandom(seed);
  const indices = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  return indices.slice(0, k).sort((x, y) => x - y);
}

/** The recent rows lack columns the champion needs. */
export class MissingColumnsError extends Error {
  override readonly name: string = 'MissingColumnsError';

  constructor(readonly columns: readonly string[]) {
    super(`the rows lack the model's column(s): ${columns.join(', ')}`);
  }
}

/** Only the model's features and target, so the challenger learns from the same inputs as the champion. */
function modelColumns(table: DataTable, champion: FittedModel): DataTable {
  const keep = [...champion.schema.features.map((f) => f.name), champion.schema.target];
  const missing = keep.filter((c) => !table.columnNames.includes(c));
  if (missing.length > 0) throw new MissingColumnsError(missing);
  return projectTable(table, keep);
}

export interface ChallengerPipelineOptions {
  readonly clock: Clock;
}

/** Creates the pipeline; `run` throws InsufficientDataError when the horizon does not hold enough labelled rows. */
export function createChallengerPipeline(options: ChallengerPipelineOptions) {
  const trainService = createTrainModelService({ clock: options.clock });
  return {
    run(request: ChallengerRequest): ChallengerResult {
      const { champion, policy } = request;
      const target = champion.schema.target;
      const classes = champion.schema.classLabels ?? [];
      const recentAll = modelColumns(request.recent, champion);
      const labelled = labelledRows(recentAll, target);
      const horizons = [...new Set(request.horizons ?? [policy.horizonRows])].sort((a, b) => a - b);
      const smallest = selectRows(recentAll, labelled.slice(-horizons[0]));
      const sufficiency = checkSufficiency(policy, {
        labeledRows: smallest.rowCount,
        perClass: classCounts(cellsOfColumn(smallest, target) ?? [], classes),
        classes,
        recentPredictions: request.coverage?.recentPredictions ?? request.recent.rowCount,
        recentLabeled: request.coverage?.recentLabeled ?? labelled.length,
      });
      if (!sufficiency.met) throw new InsufficientDataError(sufficiency);

      // The newest rows of the smallest horizon are the test block shared by every candidate and the champion.
      const fractions = request.split ?? { trainFraction: 0.7, validationFraction: 0.15, testFraction: 0.15 };
      const testRows = timeOrderedSplit(smallest, fractions).test.rowCount;
      const test = selectRows(recentAll, labelled.slice(labelled.length - testRows));
      const reference = request.reference == null ? null : modelColumns(request.reference, champion);
      const referenceLabelled = reference === null ? [] : labelledRows(reference, target);
      const holdoutRows = Math.min(request.referenceHoldoutRows ?? 1000, Math.floor(referenceLabelled.length / 2));
      const holdout =
        reference === null || holdoutRows === 0 ? null : selectRows(reference, referenceLabelled.slice(-holdoutRows));
      const older = referenceLabelled.slice(0, referenceLabelled.length - holdoutRows);
      const seed = request.seed ?? 0;
      const mixed =
        reference === null ? [] : sampleRows(older.length, policy.referenceSampleRows, seed).map((i) => older[i]);
      const metric = comparisonMetric(policy.promotion.metric);
      const estimator = request.estimator ?? champion.estimator;
      const trainedCandidates = horizons.map((rows) => {
        const before = labelled.slice(Math.max(0, labelled.length - rows), labelled.length - testRows);
        const share = fractions.validationFraction / (fractions.trainFraction + fractions.validationFraction);
        const validationRows = Math.floor(before.length * share + 1e-9);
        const ownTrain = selectRows(recentAll, before.slice(0, before.length - validationRows));
        const validation = selectRows(recentAll, before.slice(before.length - validationRows));
        const train = mixed.length === 0 ? ownTrain : concatTables(selectRows(reference as DataTable, mixed), ownTrain);
        const trained = trainService.train({
          table: train,
          target,
          estimator,
          params: request.params ?? (estimator === champion.estimator ? championParams(champion) : {}),
          explicitSets: { validation, test },
          seed,
        });
        const value = trained.metrics.test[metric.name as keyof BinaryClassificationMetrics] as number | null;
        return { rows, trained, value, validationRows: validation.rowCount };
      });
      const better = (a: number | null, b: number | null): boolean =>
        a !== null && (b === null || (metric.higherIsBetter ? a > b : a < b));
      const best = trainedCandidates.reduce((x, y) => (better(y.value, x.value) ? y : x));
      const challenger = best.trained;
      const comparison = compareWithChampion(champion, challenger, {
        rule: policy.promotion,
        bootstrap: { resamples: request.bootstrapResamples ?? 200, seed },
      });
      const championHoldout = holdout === null ? null : evaluateOn(champion, holdout);
      const challengerHoldout = holdout === null ? null : evaluateOn(challenger.model, holdout);
      const promote = comparison.decision === 'promote';
      return {
        challenger,
        sufficiency,
        comparison,
        candidates: trainedCandidates.map((c) => ({
          horizonRows: c.rows,
          metric: c.value,
          fitSeconds: c.trained.fitSeconds,
        })),
        fitSeconds: trainedCandidates.reduce((sum, c) => sum + c.trained.fitSeconds, 0),
        data: {
          trainRows: challenger.rows.train,
          validationRows: best.validationRows,
          testRows: test.rowCount,
          fromMs: request.span?.fromMs ?? 0,
          toMs: request.span?.toMs ?? 0,
          referenceRows: mixed.length,
        },
        metrics: {
          challenger: {
            validation: challenger.metrics.validation === null ? null : jobMetricSet(challenger.metrics.validation),
            test: jobMetricSet(comparison.challenger),
          },
          champion: { test: jobMetricSet(comparison.champion) },
          ...(challengerHoldout === null
            ? {}
            : {
                referenceHoldout: {
                  challenger: jobMetricSet(challengerHoldout),
                  champion: championHoldout === null ? null : jobMetricSet(championHoldout),
                },
              }),
        },
        decision: {
          promote,
          reason:
            (trainedCandidates.length > 1
              ? `best of ${trainedCandidates.length} horizons: the last ${best.rows} rows; `
              : '') + comparison.reasons.join('; '),
        },
      };
    },
  };
}

export type ChallengerPipeline = ReturnType<typeof createChallengerPipeline>;

/** On the calling thread (blocks it while training; the deadline is checked by the caller afterwards). */
export function createInThreadChallengerExecutor(options: ChallengerPipelineOptions): ChallengerExecutor {
  const pipeline = createChallengerPipeline(options);
  return {
    async run(request) {
      return pipeline.run(request);
    },
  };
}
