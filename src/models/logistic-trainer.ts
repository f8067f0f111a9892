import type { DataTable } from '../domain/data-table.js';
import { classSampleWeights, type ParamRule, resolveHyperParams } from './hyper-params.js';
import { ModelError } from './model-error.js';
import type { LogisticParams, Trainer, TrainingData, TrainingIteration } from './model-types.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model-types.js';
import { createPipelineModel } from './pipeline-model.js';
import { meanLogLoss, prepareTraining } from './prepare-training.js';

export const DEFAULT_LOGISTIC_PARAMS: LogisticParams = { C: 1, classWeight: null, maxIterations: 100, tolerance: 1e-8 };

const RULES: Record<keyof LogisticParams, ParamRule> = {
  C: { type: 'number', min: 0, max: 1e12, exclusiveMin: true },
  classWeight: { type: 'classWeight' },
  maxIterations: { type: 'number', min: 1, max: 10_000, integer: true },
  tolerance: { type: 'number', min: 0, max: 1, exclusiveMin: true },
};

/** In-place Cholesky solve of the SPD system A·x = b (A row-major m × m); false when A is not positive definite. */
export function choleskySolve(a: Float64Array, b: Float64Array, m: number): boolean {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j];
    for (let k = 0; k < j; k++) d -= a[j * m + k] * a[j * m + k];
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = s / l;
    }
  }
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * m + k] * b[k];
    b[i] = s / a[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < m; k++) s -= a[k * m + i] * b[k];
    b[i] = s / a[i * m + i];
  }
  return true;
}

/** margins X·β + b for row-major X (n × d); `theta` = [β…, b]. */
function margins(x: Float64Array, n: number, d: number, theta: Float64Array, out: Float64Array): Float64Array {
  const b = theta[d];
  for (let i = 0; i < n; i++) {
    let z = b;
    const at = i * d;
    for (let j = 0; j < d; j++) z += theta[j] * x[at + j];
    out[i] = z;
  }
  return out;
}

/** C · Σ wᵢ · logloss + ½‖β‖², scikit-learn's LogisticRegression objective (intercept unpenalized). */
function objective(
  z: Float64Array,
  y: Float64Array,
  w: Float64Array,
  theta: Float64Array,
  d: number,
  c: number,
): number {
  let total = 0;
  for (let i = 0; i < y.length; i++) total += w[i];
  let reg = 0;
  for (let j = 0; j < d; j++) reg += theta[j] * theta[j];
  return c * total * meanLogLoss(z, y, w) + 0.5 * reg;
}

/**
 * Fits β, b by damped Newton (IRLS) on  C · Σ wᵢ · logloss(yᵢ, σ(xᵢ·β + b)) + ½‖β‖²  — the objective of
 * `sklearn.linear_model.LogisticRegression(C=C, penalty='l2', class_weight=…)`. Returns [β…, b] and the log.
 */
export function fitLogisticCore(
  x: Float64Array,
  y: Float64Array,
  w: Float64Array,
  d: number,
  params: LogisticParams,
  validation: { x: Float64Array; y: Float64Array; rows: number } | null,
): { theta: Float64Array; iterations: TrainingIteration[]; converged: boolean } {
  const n = y.length;
  const m = d + 1;
  const c = params.C;
  const theta = new Float64Array(m);
  const z = new Float64Array(n);
  const zVal = validation === null ? null : new Float64Array(validation.rows);
  const grad = new Float64Array(m);
  const hess = new Float64Array(m * m);
  const row = new Float64Array(m);
  let sumW = 0;
  for (let i = 0; i < n; i++) sumW += w[i];
  const iterations: TrainingIteration[] = [];
  let converged = false;
  let current = objective(margins(x, n, d, theta, z), y, w, theta, d, c);
  for (let iter = 1; iter <= params.maxIterations; iter++) {
    grad.fill(0);
    hess.fill(0);
    for (let j = 0; j < d; j++) {
      grad[j] = theta[j];
      hess[j * m + j] = 1;
    }
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-z[i]));
      const g = c * w[i] * (p - y[i]);
      const h = c * w[i] * Math.max(p * (1 - p), 1e-300);
      const at = i * d;
      for (let j = 0; j < d; j++) row[j] = x[at + j];
      row[d] = 1;
      for (let j = 0; j < m; j++) {
        const rj = row[j];
        if (rj === 0) continue;
        grad[j] += g * rj;
        const hr = h * rj;
        const base = j * m;
        for (let k = 0; k <= j; k++) hess[base + k] += hr * row[k];
      }
    }
    let gmax = 0;
    for (let j = 0; j < m; j++) gmax = Math.max(gmax, Math.abs(grad[j]));
    if (gmax <= params.tolerance * Math.max(1, c * sumW)) {
      converged = true;
      break;
    }
    for (let j = 0; j < m; j++) for (let k = j + 1; k < m; k++) hess[j * m + k] = hess[k * m + j];
    const step = Float64Array.from(grad);
    if (!choleskySolve(hess, step, m)) {
      throw new ModelError(
        'train',
        'logistic Hessian is not positive definite (constant or duplicated columns with a huge C?)',
      );
    }
    // backtracking line search on the objective
    const previous = Float64Array.from(theta);
    let t = 1;
    let next = Infinity;
    for (let k = 0; k < 50; k++) {
      for (let j = 0; j < m; j++) theta[j] = previous[j] - t * step[j];
      next = objective(margins(x, n, d, theta, z), y, w, theta, d, c);
      if (next <= current + 1e-12 * Math.abs(current)) break;
      t /= 2;
    }
    const improvement = current - next;
    current = next;
    iterations.push({
      iteration: iter,
      trainLoss: meanLogLoss(z, y, w),
      validationLoss:
        validation === null || zVal === null
          ? null
          : meanLogLoss(margins(validation.x, validation.rows, d, theta, zVal), validation.y, null),
    });
    if (improvement <= 1e-15 * Math.max(1, Math.abs(current)) && t < 1) {
      converged = true;
      break;
    }
  }
  return { theta, iterations, converged };
}

function fitLogistic(train: TrainingData, validation: DataTable | null, raw: Partial<LogisticParams>, seed: number) {
  const params = resolveHyperParams(DEFAULT_LOGISTIC_PARAMS, RULES, raw);
  if (train.task !== 'binary')
    throw new ModelError('task', 'logistic supports task "binary" only; use gbdt for regression');
  const prepared = prepareTraining(train, validation, {
    numericScaling: 'standard',
    imputation: 'median',
    categoricalEncoding: 'one-hot',
  });
  const w = classSampleWeights(prepared.y, params.classWeight);
  const { theta, iterations, converged } = fitLogisticCore(
    prepared.x,
    prepared.y,
    w,
    prepared.width,
    params,
    prepared.validation,
  );
  const log = {
    iterations,
    bestIteration: iterations.length,
    stoppedEarly: false,
    converged,
    loss: 'log_loss' as const,
  };
  const model = createPipelineModel({
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    schema: prepared.schema,
    preprocessing: prepared.preprocessing,
    estimator: {
      kind: 'logistic',
      coefficients: Array.from(theta.subarray(0, prepared.width)),
      intercept: theta[prepared.width],
    },
    training: {
      params: { ...params },
      seed,
      trainRows: train.table.rowCount,
      validationRows: prepared.validation?.rows ?? 0,
      log,
    },
  });
  return { model, log };
}

/** The `logistic` trainer (deterministic; the seed is recorded only: Newton's method uses no randomness). */
export const logisticTrainer: Trainer<LogisticParams> = {
  estimator: 'logistic',
  defaultParams: DEFAULT_LOGISTIC_PARAMS,
  resolveParams: (raw) => resolveHyperParams(DEFAULT_LOGISTIC_PARAMS, RULES, raw),
  fit: fitLogistic,
};
