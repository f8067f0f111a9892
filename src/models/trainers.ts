import { gbdtTrainer } from './gbdt-trainer.js';
import { logisticTrainer } from './logistic-trainer.js';
import { ModelError } from './model-error.js';
import type { EstimatorKind, GbdtParams, LogisticParams, Trainer } from './model-types.js';

/** The trainer of an estimator kind; unknown kind → ModelError listing the valid ones. */
export function getTrainer(kind: 'logistic'): Trainer<LogisticParams>;
export function getTrainer(kind: 'gbdt'): Trainer<GbdtParams>;
export function getTrainer(kind: EstimatorKind | string): Trainer<LogisticParams> | Trainer<GbdtParams>;
export function getTrainer(kind: string): Trainer<LogisticParams> | Trainer<GbdtParams> {
  if (kind === 'logistic') return logisticTrainer;
  if (kind === 'gbdt') return gbdtTrainer;
  throw new ModelError('model', `unknown model kind ${JSON.stringify(kind)} (valid: logistic, gbdt)`);
}
