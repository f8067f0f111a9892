import type { DataTable } from '../domain/data-table.js';
import { createTreeWorkspace, type GrownTree, grownTreeValue, growTree } from './grow-tree.js';
import { classSampleWeights, type ParamRule, resolveHyperParams } from './hyper-params.js';
import type { FitResult, GbdtParams, Trainer, TrainingData, TrainingIteration, TreeSpec } from './model-types.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model-types.js';
import { createPipelineModel } from './pipeline-model.js';
import { meanLogLoss, meanSquaredError, type PreparedTraining, prepareTraining } from './prepare-training.js';
import { binSampleRows, computeFeatureBins, type FeatureBins } from './quantile-bins.js';
import { binTrainingMatrix, type TrainingMatrix } from './training-matrix.js';

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  maxIterations: 100,
  learningRate: 0.1,
  maxLeaves: 31,
  maxDepth: 0,
  minSamplesLeaf: 20,
  minHessianLeaf: 1e-3,
  l2: 0,
  minGain: 0,
  maxBins: 255,
  earlyStoppingRounds: 10,
  binSampleSize: 200_000,
  classWeight: null,
};

const RULES: Record<keyof GbdtParams, ParamRule> = {
  maxIterations: { type: 'number', min: 1, max: 100_000, integer: true },
  learningRate: { type: 'number', min: 0, max: 1, exclusiveMin: true },
  maxLeaves: { type: 'number', min: 2, max: 4096, integer: true },
  maxDepth: { type: 'number', min: 0, max: 64, integer: true },
  minSamplesLeaf: { type: 'number', min: 1, max: 1e9, integer: true },
  minHessianLeaf: { type: 'number', min: 0, max: 1e9 },
  l2: { type: 'number', min: 0, max: 1e12 },
  minGain: { type: 'number', min: 0, max: 1e12 },
  maxBins: { type: 'number', min: 2, max: 255, integer: true },
  earlyStoppingRounds: { type: 'number', min: 0, max: 100_000, integer: true },
  binSampleSize: { type: 'number', min: 1000, max: 1e9, integer: true },
  classWeight: { type: 'classWeight' },
};

function toTreeSpec(tree: GrownTree, bins: readonly FeatureBins[], learningRate: number): TreeSpec {
  return {
    feature: tree.feature.slice(),
    threshold: tree.feature.map((f, i) => (f >= 0 ? bins[f].edges[tree.thresholdBin[i]] : 0)),
    missingLeft: tree.missingLeft.slice(),
    left: tree.left.slice(),
    right: tree.right.slice(),
    value: tree.value.map((v, i) => (tree.feature[i] >= 0 ? 0 : v * learningRate)),
  };
}

/** The training rows in bins with their labels and sample weights; the validation rows binned with the same edges. */
interface BinnedTraining {
  readonly prepared: PreparedTraining;
  readonly binary: boolean;
  readonly matrix: TrainingMatrix;
  readonly y: Float64Array;
  readonly weights: Float64Array;
  readonly validation: { readonly matrix: TrainingMatrix; readonly y: Float64Array } | null;
}

/** What the boosting rounds produced: the trees (shrunk) and the per-round losses. */
interface BoostingResult {
  readonly trees: readonly TreeSpec[];
  readonly iterations: readonly TrainingIteration[];
  readonly bestIteration: number;
  readonly stoppedEarly: boolean;
  readonly converged: boolean;
}

/** Encodes both tables (ordinal categories, no scaling or imputation) and bins them with edges from a seeded sample. */
function prepareAndBin(
  train: TrainingData,
  validation: DataTable | null,
  params: GbdtParams,
  seed: number,
): BinnedTraining {
  const binary = train.task === 'binary';
  const prepared = prepareTraining(train, validation, {
    numericScaling: 'none',
    imputation: 'none',
    categoricalEncoding: 'ordinal',
  });
  const { x, y, width } = prepared;
  const n = y.length;
  const weights = binary ? classSampleWeights(y, params.classWeight) : new Float64Array(n).fill(1);
  const sampleRows = binSampleRows(n, params.binSampleSize, seed);
  const bins = Array.from({ length: width }, (_, j) => computeFeatureBins(x, width, j, sampleRows, params.maxBins));
  const val = prepared.validation;
  return {
    prepared,
    binary,
    matrix: binTrainingMatrix(x, n, width, bins),
    y,
    weights,
    validation: val === null ? null : { matrix: binTrainingMatrix(val.x, val.rows, width, bins), y: val.y },
  };
}

/** Initial margin: log-odds of the weighted positive rate (binary) or the weighted mean; and the total weight. */
function initialScore(data: BinnedTraining): { baseScore: number; sumW: number } {
  const { y, weights: w } = data;
  let sumW = 0;
  let sumWy = 0;
  for (let i = 0; i < y.length; i++) {
    sumW += w[i];
    sumWy += w[i] * y[i];
  }
  const mean = sumWy / sumW;
  return { baseScore: data.binary ? Math.log(mean / (1 - mean)) : mean, sumW };
}

/** Gradients, hessians and the weighted training loss at the current margins, in one pass. */
function computeGradients(
  data: BinnedTraining,
  margin: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
  sumW: number,
): number {
  const { binary, y, weights: w } = data;
  let lossSum = 0;
  for (let i = 0; i < margin.length; i++) {
    const z = margin[i];
    const wi = w[i];
    if (binary) {
      const e = Math.exp(-Math.abs(z));
      const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      grad[i] = wi * (p - y[i]);
      hess[i] = wi * Math.max(p * (1 - p), 1e-16);
      lossSum += wi * (Math.log1p(e) + (z > 0 ? z : 0) - y[i] * z);
    } else {
      const d = z - y[i];
      grad[i] = wi * d;
      hess[i] = wi;
      lossSum += wi * 0.5 * d * d;
    }
  }
  return lossSum / sumW;
}

/** Adds the shrunk leaf values to the training margins, leaf by leaf over the rows the grower left in `order`. */
function addToTrainingMargins(tree: GrownTree, order: Int32Array, margin: Float64Array, learningRate: number): void {
  for (const [node, [start, end]] of tree.leafRanges) {
    const v = tree.value[node] * learningRate;
    for (let k = start; k < end; k++) margin[order[k]] += v;
  }
}

/** Adds the shrunk tree output to every validation row's margin. */
function addToValidationMargins(
  tree: GrownTree,
  matrix: TrainingMatrix,
  margin: Float64Array,
  learningRate: number,
): void {
  const { bins, binned, width } = matrix;
  for (let i = 0; i < matrix.rows; i++) margin[i] += grownTreeValue(tree, bins, binned, i * width) * learningRate;
}

/**
 * Boosting rounds from the initial margin: one tree per round on the current gradients, until `maxIterations`,
 * a round that cannot split, or `earlyStoppingRounds` rounds without a better validation loss.
 */
function boost(data: BinnedTraining, params: GbdtParams, baseScore: number, sumW: number): BoostingResult {
  const { matrix, validation } = data;
  const n = matrix.rows;
  const margin = new Float64Array(n).fill(baseScore);
  const valMargin = validation === null ? null : new Float64Array(validation.matrix.rows).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const workspace = createTreeWorkspace(n);
  const trees: TreeSpec[] = [];
  const iterations: TrainingIteration[] = [];
  let best = { iteration: 0, loss: Infinity };
  let stoppedEarly = false;
  let converged = true;
  let pendingValidationLoss: number | null = null;
  for (let iter = 1; iter <= params.maxIterations + 1; iter++) {
    const trainLoss = computeGradients(data, margin, grad, hess, sumW);
    if (iter > 1) iterations.push({ iteration: iter - 1, trainLoss, validationLoss: pendingValidationLoss });
    if (iter > params.maxIterations || stoppedEarly) break;
    for (let i = 0; i < n; i++) workspace.order[i] = i;
    const tree = growTree({ matrix, grad, hess, options: params, workspace });
    if (tree.feature[0] < 0) {
      converged = false; // no split improves the loss: stop boosting
      break;
    }
    addToTrainingMargins(tree, workspace.order, margin, params.learningRate);
    trees.push(toTreeSpec(tree, matrix.bins, params.learningRate));
    pendingValidationLoss = null;
    if (validation !== null && valMargin !== null) {
      addToValidationMargins(tree, validation.matrix, valMargin, params.learningRate);
      pendingValidationLoss = data.binary
        ? meanLogLoss(valMargin, validation.y, null)
        : meanSquaredError(valMargin, validation.y, null);
      if (pendingValidationLoss < best.loss - 1e-12) best = { iteration: iter, loss: pendingValidationLoss };
      if (params.earlyStoppingRounds > 0 && iter - best.iteration >= params.earlyStoppingRounds) stoppedEarly = true;
    }
  }
  const bestIteration = validation !== null && best.iteration > 0 ? best.iteration : trees.length;
  return { trees, iterations, bestIteration, stoppedEarly, converged };
}

/** The fitted model keeps the trees up to the best round; its training record carries the log. */
function assembleFit(
  data: BinnedTraining,
  params: GbdtParams,
  seed: number,
  baseScore: number,
  boosting: BoostingResult,
): FitResult {
  const { iterations, bestIteration, stoppedEarly, converged } = boosting;
  const loss = data.binary ? ('log_loss' as const) : ('squared_error' as const);
  const log = { iterations, bestIteration, stoppedEarly, converged, loss };
  const model = createPipelineModel({
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    schema: data.prepared.schema,
    preprocessing: data.prepared.preprocessing,
    estimator: { kind: 'gbdt', baseScore, trees: boosting.trees.slice(0, bestIteration) },
    training: {
      params: { ...params },
      seed,
      trainRows: data.matrix.rows,
      validationRows: data.validation?.matrix.rows ?? 0,
      log,
    },
  });
  return { model, log };
}

/**
 * Gradient boosting with histogram trees: binary log-loss (margins are log-odds, initial score = log-odds of
 * the weighted positive rate) or squared error (initial score = weighted mean); early stopping keeps the round
 * with the lowest validation loss. Comparable to LightGBM `LGBMClassifier(num_leaves, learning_rate,
 * min_child_samples, reg_lambda, max_bin)` and sklearn `HistGradientBoostingClassifier(max_leaf_nodes, …)`.
 */
function fitGbdt(train: TrainingData, validation: DataTable | null, raw: Partial<GbdtParams>, seed: number): FitResult {
  const params = resolveHyperParams(DEFAULT_GBDT_PARAMS, RULES, raw);
  const data = prepareAndBin(train, validation, params, seed);
  const { baseScore, sumW } = initialScore(data);
  const boosting = boost(data, params, baseScore, sumW);
  return assembleFit(data, params, seed, baseScore, boosting);
}

/** The `gbdt` trainer: histogram gradient-boosted trees, deterministic for a given seed (seed → bin sample). */
export const gbdtTrainer: Trainer<GbdtParams> = {
  estimator: 'gbdt',
  defaultParams: DEFAULT_GBDT_PARAMS,
  resolveParams: (raw) => resolveHyperParams(DEFAULT_GBDT_PARAMS, RULES, raw),
  fit: fitGbdt,
};
