/**
 * The backtest's models trained by the user's own pipeline through the trainer contract of live retraining
 * (`driftguard backtest --trainer-command "python train.py"`): every model — the initial one, each challenger of the
 * drift policy, each refit of the periodic baseline — is one run of the user's command on Parquet files, which
 * registers a version tagged with the job id; driftguard loads that version as serving would (ONNX flavor) and scores
 * it itself. Challengers are judged on held-out rows by the promotion rule, as live. Binary classifiers only.
 */
import { type Cell, type DataTable, dataTableFromColumns, requireCells } from '../../../domain/data-table.js';
import { inferSchema } from '../../../domain/infer-schema.js';
import type { StoredPrediction } from '../../../domain/prediction-record.js';
import type { RetrainingTrigger } from '../../../domain/retraining-policy.js';
import { buildReferenceProfile } from '../../../drift/build-reference-profile.js';
import { compareChampionChallenger } from '../../../models/index.js';
import type { ClassLabel } from '../../../models/inference/inference-mapping.js';
import type { ChallengerTrainer } from '../../../ports/challenger-trainer.js';
import type { InferenceModelSource } from '../../../ports/inference-model-source.js';
import type { TableColumn, TableWriter } from '../../../ports/table-writer.js';
import { onnxServedModel } from '../../serving/load-served-model.js';
import { positiveScores, predictedClassOf, type ServedModel } from '../../serving/served-model.js';
import { SCORED_COLUMNS, withHeldOutPerformance } from '../../training/monitoring-profile.js';
import { ChallengerVersionError, TIMESTAMP_COLUMN, typeOfCells } from '../external-challenger.js';
import { planExternalRows } from '../external-challenger-rows.js';
import type { BacktestServing, BacktestTrainer, TrainedServing } from './backtest-trainer.js';

export interface ExternalBacktestTrainerOptions {
  /** The user's command behind the trainer port. */
  readonly trainer: ChallengerTrainer;
  /** Loads the versions it registers. */
  readonly source: InferenceModelSource;
  readonly tableWriter: TableWriter;
  /** The MLflow server the command registers in. */
  readonly trackingUri: string;
  /** The registered model the backtest's versions go to (a throw-away name: every model of the replay is a version). */
  readonly modelName: string;
  readonly target: string;
  /** Columns of the table that are not features (ids, the order column …). */
  readonly exclude: readonly string[];
  /** How long one run of the command may take. */
  readonly timeoutMs: number;
  readonly nowMs: () => number;
}

/** Rows of a table as the prediction log would hold them (features, label; the row index as time). */
function asLoggedRows(
  table: DataTable,
  features: readonly string[],
  target: string,
  offset: number,
): StoredPrediction[] {
  return Array.from({ length: table.rowCount }, (_, i) => ({
    id: String(offset + i),
    model: '',
    modelVersion: null,
    sequence: offset + i,
    timestampMs: offset + i,
    features: Object.fromEntries(features.map((f) => [f, requireCells(table, f)[i] ?? null])),
    predictedClass: null,
    score: null,
    label: requireCells(table, target)[i] ?? null,
    labelTimestampMs: null,
  }));
}

export function createExternalBacktestTrainer(options: ExternalBacktestTrainerOptions): BacktestTrainer {
  const { target } = options;
  let features: string[] = [];
  let columns: TableColumn[] = [];
  let classLabels: ClassLabel[] = [];
  let runs = 0;

  /** One run of the user's command on these rows; the version it registered, loaded as serving would. */
  async function train(rows: { train: StoredPrediction[]; validation: StoredPrediction[] }, reason: string) {
    const jobId = `backtest-${options.nowMs().toString(36)}-${++runs}`;
    const file = async (part: StoredPrediction[], name: string) => ({
      name,
      rows: part.length,
      bytes: await options.tableWriter.write(
        columns,
        part.map((r) => ({ ...r.features, [target]: r.label, [TIMESTAMP_COLUMN]: r.timestampMs })),
      ),
    });
    const trigger: RetrainingTrigger = { kind: 'manual', reason: `backtest: ${reason}` };
    const started = options.nowMs();
    const outcome = await options.trainer.train({
      jobId,
      model: options.modelName,
      trigger,
      target,
      features,
      timestampColumn: TIMESTAMP_COLUMN,
      train: await file(rows.train, 'train.parquet'),
      validation: await file(rows.validation, 'validation.parquet'),
      run: null,
      trackingUri: options.trackingUri,
      timeoutMs: options.timeoutMs,
    });
    const model = await onnxServedModel(options.source, options.modelName, outcome.version.version, {
      name: options.modelName,
      task: 'binary',
      serving: { type: 'registry', classLabels: classLabels as (string | number)[] },
    });
    if (model.task !== 'binary' || model.positiveClass === null)
      throw new ChallengerVersionError(`version ${outcome.version.version} is no binary classifier`);
    return { model, fitSeconds: (options.nowMs() - started) / 1000 };
  }

  /** The table as the drift engine sees it: features, the label, and the prediction and score as logged. */
  function scoredTable(model: ServedModel, window: DataTable, scores: Float64Array): DataTable {
    const labels = requireCells(window, target);
    const cells: Record<string, Cell[]> = Object.fromEntries(features.map((f) => [f, requireCells(window, f)]));
    cells[SCORED_COLUMNS.label] = [...labels];
    cells[SCORED_COLUMNS.prediction] = Array.from(
      scores,
      (p) => predictedClassOf(model, { probability: p, label: null, value: null }) as Cell,
    );
    cells[SCORED_COLUMNS.score] = Array.from(scores);
    return dataTableFromColumns(cells, window.rowCount);
  }

  async function servingOf(model: ServedModel, trainTable: DataTable, heldOut: DataTable): Promise<BacktestServing> {
    const rowsOf = (t: DataTable) =>
      Array.from({ length: t.rowCount }, (_, i) => Object.fromEntries(features.map((f) => [f, requireCells(t, f)[i]])));
    const scores = async (window: DataTable) => positiveScores(model, rowsOf(window));
    const train = scoredTable(model, trainTable, await scores(trainTable));
    const schema = inferSchema(train, {
      target: SCORED_COLUMNS.label,
      prediction: SCORED_COLUMNS.prediction,
      predictionScore: SCORED_COLUMNS.score,
      positiveClass: String(model.positiveClass),
      task: 'classification',
    });
    const profile = buildReferenceProfile(train, schema);
    return {
      scores,
      outcomes: (window) =>
        Float64Array.from(requireCells(window, target), (l) => (String(l) === String(model.positiveClass) ? 1 : 0)),
      scoredTable: (window, s) => scoredTable(model, window, s),
      profile:
        heldOut.rowCount === 0
          ? profile
          : withHeldOutPerformance(
              profile,
              buildReferenceProfile(scoredTable(model, heldOut, await scores(heldOut)), schema),
            ),
      trainTable,
    };
  }

  const tableOf = (rows: readonly StoredPrediction[]): DataTable =>
    dataTableFromColumns(
      {
        ...Object.fromEntries(features.map((f) => [f, rows.map((r) => r.features[f] ?? null)])),
        [target]: rows.map((r) => r.label),
      },
      rows.length,
    );

  /** Time-ordered 85 / 15 split of all the rows (the trainer's validation rows are the newest). */
  const splitAll = (table: DataTable) => {
    const rows = asLoggedRows(table, features, target, 0);
    const cut = rows.length - Math.floor(rows.length * 0.15);
    return { train: rows.slice(0, cut), validation: rows.slice(cut) };
  };

  return {
    description: `command ${options.trainer.description.replace(/^command /, '')}`,
    async initial(table) {
      features = table.columnNames.filter((c) => c !== target && !options.exclude.includes(c));
      columns = [
        ...features.map((name) => ({ name, type: typeOfCells(requireCells(table, name)) })),
        { name: target, type: typeOfCells(requireCells(table, target)) },
        { name: TIMESTAMP_COLUMN, type: 'timestamp' as const },
      ];
      classLabels = [
        ...new Set(
          requireCells(table, target)
            .filter((l) => l !== null)
            .map(String),
        ),
      ].sort();
      const rows = splitAll(table);
      const { model, fitSeconds } = await train(rows, 'initial model');
      return {
        serving: await servingOf(model, tableOf(rows.train), tableOf(rows.validation)),
        fitSeconds,
        features,
      };
    },
    async challenger(input) {
      const recent = asLoggedRows(input.recent, features, target, 1_000_000);
      const plan = planExternalRows({
        recent,
        older: asLoggedRows(input.champion.trainTable, features, target, 0),
        policy: input.policy,
        horizons: input.horizons,
        classes: classLabels.map(String),
        coverage: { recentPredictions: recent.length, recentLabeled: recent.length },
        referenceHoldoutRows: 1000,
        seed: input.seed,
      });
      const { model, fitSeconds } = await train(
        { train: [...plan.train], validation: [...plan.validation] },
        `challenger of ${plan.horizonRows} rows`,
      );
      const test = tableOf(plan.test);
      const comparison = compareChampionChallenger({
        yTrue: input.champion.outcomes(test),
        championScores: await input.champion.scores(test),
        challengerScores: await positiveScores(
          model,
          plan.test.map((r) => r.features),
        ),
        rule: input.policy.promotion,
        bootstrap: { resamples: 200, seed: input.seed },
      });
      return {
        promote: comparison.decision === 'promote',
        reason: comparison.reasons.join('; '),
        serving: await servingOf(model, tableOf(plan.train), test),
        fitSeconds,
      };
    },
    async refit(table): Promise<TrainedServing> {
      const rows = splitAll(table);
      const { model, fitSeconds } = await train(rows, 'periodic refit');
      return { serving: await servingOf(model, tableOf(rows.train), tableOf(rows.validation)), fitSeconds };
    },
  };
}
