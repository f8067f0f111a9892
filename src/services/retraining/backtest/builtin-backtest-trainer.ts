/** The backtest's models trained by driftguard's own trainers, through the very challenger pipeline of live retraining. */
import { projectTable } from '../../../domain/data-table.js';
import { type EstimatorKind, encodeTarget, type FittedModel, type HyperParamValue } from '../../../models/index.js';
import type { Clock } from '../../../ports/clock.js';
import { monitoringProfile, scoredTable } from '../../training/monitoring-profile.js';
import { createTrainModelService, type TrainedModel } from '../../training/train-model.js';
import { createChallengerPipeline } from '../challenger-pipeline.js';
import type { BacktestServing, BacktestTrainer } from './backtest-trainer.js';

export interface BuiltinBacktestTrainerOptions {
  readonly clock: Clock;
  readonly target: string;
  readonly estimator: EstimatorKind;
  readonly params?: Readonly<Record<string, HyperParamValue>>;
  /** Columns of the initial table that are not features. */
  readonly exclude: readonly string[];
  readonly seed: number;
}

/** A driftguard model in service, monitored against its training rows (performance on its held-out rows). */
function servingOf(t: TrainedModel): BacktestServing {
  const { model } = t;
  return {
    async scores(window) {
      return model.predictProbaBatch(window);
    },
    outcomes: (window) => encodeTarget(window, model.schema),
    scoredTable: (window, scores) => scoredTable(model, window, scores),
    profile: monitoringProfile(model, t.trainTable, t.testTable),
    trainTable: t.trainTable,
  };
}

export function createBuiltinBacktestTrainer(options: BuiltinBacktestTrainerOptions): BacktestTrainer {
  const trainService = createTrainModelService({ clock: options.clock });
  const pipeline = createChallengerPipeline({ clock: options.clock });
  /** The fitted model behind each serving this trainer made (the pipeline needs the champion's estimator). */
  const fitted = new WeakMap<BacktestServing, FittedModel>();
  const remember = (t: TrainedModel) => {
    const serving = servingOf(t);
    fitted.set(serving, t.model);
    return serving;
  };
  const features = (model: FittedModel) => model.schema.features.map((f) => f.name);
  return {
    description: options.estimator,
    async initial(table) {
      const first = trainService.train({
        table,
        target: options.target,
        estimator: options.estimator,
        params: options.params,
        exclude: options.exclude,
        timeColumn: undefined,
        seed: options.seed,
      });
      return { serving: remember(first), fitSeconds: first.fitSeconds, features: features(first.model) };
    },
    async challenger(input) {
      const champion = fitted.get(input.champion) as FittedModel;
      const columns = [...features(champion), options.target];
      const reference = input.champion.trainTable;
      const result = pipeline.run({
        champion,
        recent: input.recent,
        reference: projectTable(reference, columns),
        policy: input.policy,
        horizons: input.horizons,
        seed: input.seed,
      });
      return {
        promote: result.decision.promote,
        reason: result.decision.reason,
        serving: remember(result.challenger),
        fitSeconds: result.fitSeconds,
      };
    },
    async refit(table) {
      const refit = trainService.train({
        table,
        target: options.target,
        estimator: options.estimator,
        params: options.params,
        seed: options.seed,
      });
      return { serving: remember(refit), fitSeconds: refit.fitSeconds };
    },
  };
}
