/**
 * The train use case — data → time-ordered split → fit → evaluate → artifacts — behind `driftguard train` and
 * reusable by the retraining job. No I/O here: the table comes in, the model directory goes out through the
 * ModelDirectory port (see {@link saveTrainedModel}).
 */
import { isMissingCell } from '../../domain/cell-values.js';
import type { DataTable } from '../../domain/data-table.js';
import { inferColumnKind } from '../../domain/infer-schema.js';
import {
  type BinaryClassificationMetrics,
  binaryClassificationMetrics,
  type ChampionChallengerInput,
  type ComparisonDecision,
  type ComparisonRule,
  compareChampionChallenger,
  type EstimatorKind,
  encodeTarget,
  explicitSplit,
  type FittedModel,
  getTrainer,
  type HyperParamValue,
  inferModelFeatures,
  loadModel,
  ModelError,
  type SerializedModel,
  type TimeOrderedSplitOptions,
  type Trainer,
  timeOrderedSplit,
} from '../../models/index.js';
import type { TrainedModel } from '../../models/trained-model.js';
import type { Clock } from '../../ports/clock.js';

export type { HyperParamValue } from '../../models/index.js';
/** Errors and types of the model layer that callers of this service handle. */
export { MetricInputError, ModelError } from '../../models/index.js';
export type { TrainedModel } from '../../models/trained-model.js';

/** What to train; every optional field has the documented default. */
export interface TrainModelRequest {
  readonly table: DataTable;
  readonly target: string;
  /** Estimator (default `gbdt`). */
  readonly estimator?: EstimatorKind | string;
  /** Column giving the time order (dropped from the features); default: the table's row order. */
  readonly timeColumn?: string;
  /** Columns that are not features (ids, leaked scores …). */
  readonly exclude?: readonly string[];
  /** Raw hyper-parameters (`--params`), validated by the trainer; unknown key → ModelError. */
  readonly params?: Readonly<Record<string, HyperParamValue>>;
  /** Split fractions (default 0.7 / 0.15 / 0.15). Ignored with `explicitSets`. */
  readonly split?: Omit<TimeOrderedSplitOptions, 'timeColumn'>;
  /**
   * Explicit sets instead of the time-ordered split: `table` is used whole for training, `validation` (optional)
   * for early stopping and `test` for the held-out metrics — e.g. the champion's test set in a retraining job,
   * so champion and challenger are compared on the same rows.
   */
  readonly explicitSets?: { readonly validation?: DataTable | null; readonly test: DataTable };
  /** Seed of the trainer (default 0). */
  readonly seed?: number;
}

/** Dependencies of the train service. */
export interface TrainModelServiceOptions {
  readonly clock: Clock;
}

function requireUsableTable(table: DataTable, target: string): void {
  if (table.rowCount === 0) throw new ModelError('data', 'the table has no rows');
  if (!table.columnNames.includes(target)) {
    throw new ModelError('target', `no column "${target}"; columns: ${table.columnNames.join(', ')}`);
  }
}

/**
 * A column that is mostly numbers (the one kind rule, domain/decide-column-kind.ts) but holds some text is a numeric
 * column with bad values (the readers keep those cells as invalid): refuse it, naming the first, instead of silently
 * training on it.
 */
function requireNoStrayText(table: DataTable, columns: readonly string[]): void {
  for (const name of columns) {
    const column = table.columns.get(name);
    if (column === undefined) continue;
    if (column.type === 'number') {
      if (column.invalid === null) continue;
      const [row, text] = [...column.invalid].reduce((first, entry) => (entry[0] < first[0] ? entry : first));
      throw new ModelError(name, `non-numeric value ${JSON.stringify(text)} in row ${row + 1} of a numeric column`);
    }
    if (column.type !== 'cells' || inferColumnKind(column, name).kind !== 'numeric') continue;
    const row = column.cells.findIndex((cell) => typeof cell !== 'number' && !isMissingCell(cell));
    if (row >= 0)
      throw new ModelError(
        name,
        `non-numeric value ${JSON.stringify(column.cells[row])} in row ${row + 1} of a numeric column`,
      );
  }
}

/** Metrics of a fitted binary model on a labelled table (null for an empty table). */
export function evaluateOn(model: FittedModel, table: DataTable): BinaryClassificationMetrics | null {
  if (table.rowCount === 0) return null;
  return binaryClassificationMetrics(encodeTarget(table, model.schema), model.predictProbaBatch(table));
}

/**
 * Creates the train service. `train` splits the rows in time order (70 / 15 / 15 by default; never shuffled),
 * fits the estimator on the oldest rows with the validation rows for early stopping, and evaluates on both
 * held-out parts. Binary classification only (the target must have exactly two classes in the training rows).
 * Bad data or parameters → ModelError / MetricInputError naming the field.
 */
export function createTrainModelService(options: TrainModelServiceOptions) {
  const { clock } = options;
  return {
    train(request: TrainModelRequest): TrainedModel {
      const { table, target } = request;
      requireUsableTable(table, target);
      const trainer = getTrainer(request.estimator ?? 'gbdt');
      const params = trainer.resolveParams(request.params ?? {});
      const timeColumn = request.timeColumn ?? null;
      const exclude = [...(request.exclude ?? [])];
      for (const name of exclude) {
        if (!table.columnNames.includes(name)) throw new ModelError('exclude', `no column "${name}" to exclude`);
        if (name === target) throw new ModelError('exclude', `cannot exclude the target "${target}"`);
      }
      requireNoStrayText(
        table,
        table.columnNames.filter((c) => c !== timeColumn && !exclude.includes(c)),
      );
      const split =
        request.explicitSets === undefined
          ? timeOrderedSplit(table, { ...request.split, ...(timeColumn === null ? {} : { timeColumn }) })
          : explicitSplit({ train: table, ...request.explicitSets });
      const features = inferModelFeatures(
        split.train,
        target,
        timeColumn === null ? exclude : [...exclude, timeColumn],
      );
      const seed = request.seed ?? 0;
      const started = clock.nowMs();
      const fit = (trainer as Trainer<object>).fit(
        { table: split.train, target, task: 'binary', features },
        split.validation.rowCount > 0 ? split.validation : null,
        params,
        seed,
      );
      const finished = clock.nowMs();
      const fitSeconds = (finished - started) / 1000;
      const base = fit.model.toJSON();
      const serialized: SerializedModel = {
        ...base,
        training: { ...base.training, fitSeconds, createdAt: new Date(finished).toISOString() },
      };
      const test = evaluateOn(fit.model, split.test);
      return {
        model: fit.model,
        serialized,
        log: fit.log,
        rows: { train: split.train.rowCount, validation: split.validation.rowCount, test: split.test.rowCount },
        metrics: { validation: evaluateOn(fit.model, split.validation), test: test as BinaryClassificationMetrics },
        fitSeconds,
        trainTable: split.train,
        testTable: split.test,
        timeColumn,
        exclude,
      };
    },
  };
}

export type TrainModelService = ReturnType<typeof createTrainModelService>;

/** Options of {@link compareWithChampion}. */
export interface ChampionComparisonOptions {
  readonly rule?: ComparisonRule;
  readonly bootstrap?: ChampionChallengerInput['bootstrap'];
}

/**
 * Champion vs challenger on the challenger's held-out test rows (the same rows for both models): scores them with
 * both models and applies the promotion rule (DeLong / McNemar / bootstrap; see compareChampionChallenger).
 */
export function compareWithChampion(
  champion: FittedModel,
  challenger: TrainedModel,
  options: ChampionComparisonOptions = {},
): ComparisonDecision {
  const test = challenger.testTable;
  const yTrue = encodeTarget(test, challenger.model.schema);
  return compareChampionChallenger({
    yTrue,
    championScores: champion.predictProbaBatch(test),
    challengerScores: challenger.model.predictProbaBatch(test),
    rule: options.rule,
    bootstrap: options.bootstrap,
  });
}

/** Parses a `model.json` text into a model (unknown / newer format version → ModelError). */
export function parseModelJson(text: string, path: string): FittedModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelError(path, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return loadModel(json);
}

export { DEFAULT_ESTIMATOR } from '../../models/index.js';
