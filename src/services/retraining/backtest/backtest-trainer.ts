/**
 * Who trains the models of a backtest: driftguard's built-in trainers (builtin-backtest-trainer.ts) or the user's own
 * pipeline through the trainer contract (external-backtest-trainer.ts, `driftguard backtest --trainer-command`). The
 * replay (backtest.ts) only serves, scores, monitors and decides; it never looks inside a model.
 */
import type { DataTable } from '../../../domain/data-table.js';
import type { RetrainingPolicy } from '../../../domain/retraining-policy.js';
import type { ReferenceProfile } from '../../../drift/reference-profile.js';

/** A model in service during a replay: how it scores a window and what its drift is measured against. */
export interface BacktestServing {
  /** P(positive class) of each row of the window. */
  scores(window: DataTable): Promise<Float64Array>;
  /** 1 where a row's label is the positive class, else 0. */
  outcomes(window: DataTable): Float64Array;
  /** The window as the drift engine sees it: the features, and label / prediction / score as /predict logs them. */
  scoredTable(window: DataTable, scores: Float64Array): DataTable;
  /** Its monitoring reference (training rows, held-out performance). */
  readonly profile: ReferenceProfile;
  /** Its training rows: the older rows a challenger may mix in and the reference holdout. */
  readonly trainTable: DataTable;
}

export interface TrainedServing {
  readonly serving: BacktestServing;
  readonly fitSeconds: number;
}

/** What the live runner gives its challenger pipeline, as the replay knows it. */
export interface BacktestChallengerInput {
  readonly champion: BacktestServing;
  /** The most recent labelled rows (features and target), oldest first. */
  readonly recent: DataTable;
  readonly policy: RetrainingPolicy;
  readonly horizons: readonly number[];
  readonly seed: number;
}

export interface BacktestChallenger extends TrainedServing {
  readonly promote: boolean;
  readonly reason: string;
}

export interface BacktestTrainer {
  /** What trains, for the report (`logistic`, `gbdt`, `command python train.py`). */
  readonly description: string;
  /** The model in service at the start, trained on the initial rows; `features` = what it reads. */
  initial(table: DataTable): Promise<TrainedServing & { readonly features: readonly string[] }>;
  /** A challenger judged against the champion by the promotion rule; InsufficientDataError when the rows do not suffice. */
  challenger(input: BacktestChallengerInput): Promise<BacktestChallenger>;
  /** The periodic baseline's model: trained on these rows and put in service whatever it is worth. */
  refit(table: DataTable): Promise<TrainedServing>;
}
