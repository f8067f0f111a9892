import type { DataTable } from '../domain/data-table.js';
import { createTreeWorkspace, growTree, grownTreeValue, type GrownTree } from './grow-tree.js';
import { classSampleWeights, resolveHyperParams, type ParamRule } from './hyper-params.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model-types.js';
import type { FitResult, GbdtParams, Trainer, TrainingData, TrainingIteration, TreeSpec } from './model-types.js';
import { createPipelineModel } from './pipeline-model.js';
import { meanLogLoss, meanSquaredError, prepareTraining } from './prepare-training.js';
import { binMatrix, binSampleRows, computeFeatureBins, type FeatureBins } from './quantile-bins.js';

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

/**
 * Gradient boosting with histogram trees: binary log-loss (margins are log-odds, initial score = log-odds of
 * the weighted positive rate) or squared error (initial score = weighted mean); early stopping keeps the round
 * with the lowest validation loss. Comparable to LightGBM `LGBMClassifier(num_leaves, learning_rate,
 * min_child_samples, reg_lambda, max_bin)` and sklearn `HistGradientBoostingClassifier(max_leaf_nodes, …)`.
 */
function fitGbdt(train: TrainingData, validation: DataTable | null, raw: Partial<GbdtParams>, seed: number): FitResult {
  const params = resolveHyperParams(DEFAULT_GBDT_PARAMS, RULES, raw);
  const binary = train.task === 'binary';
  const prepared = prepareTraining(train, validation, {
    numericScaling: 'none',
    imputation: 'none',
    categoricalEncoding: 'ordinal',
  });
  const { x, y, width } = prepared;
  const n = y.length;
  const w = binary ? classSampleWeights(y, params.classWeight) : new Float64Array(n).fill(1);
  const sampleRows = binSampleRows(n, params.binSampleSize, seed);
  const bins = Array.from({ length: width }, (_, j) => computeFeatureBins(x, width, j, sampleRows, params.maxBins));
  const binned = binMatrix(x, width, bins);
  const val = prepared.validation;
  const valBinned = val === null ? null : binMatrix(val.x, width, bins);

  let sumW = 0;
  let sumWy = 0;
  for (let i = 0; i < n; i++) {
    sumW += w[i];
    sumWy += w[i] * y[i];
  }
  const mean = sumWy / sumW;
  const baseScore = binary ? Math.log(mean / (1 - mean)) : mean;
  const margin = new Float64Array(n).fill(baseScore);
  const valMargin = val === null ? null : new Float64Array(val.rows).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const loss = (z: Float64Array, yy: Float64Array, ww: Float64Array | null): number =>
    binary ? meanLogLoss(z, yy, ww) : meanSquaredError(z, yy, ww);

  const ws = createTreeWorkspace(n);
  const trees: TreeSpec[] = [];
  const iterations: TrainingIteration[] = [];
  let best = { iteration: 0, loss: Infinity };
  let stoppedEarly = false;
  let converged = true;
  // gradients, hessians and the weighted training loss at the current margins, in one pass
  const gradients = (): number => {
    let lossSum = 0;
    for (let i = 0; i < n; i++) {
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
  };
  let pendingValidationLoss: number | null = null;
  for (let iter = 1; iter <= params.maxIterations + 1; iter++) {
    const trainLoss = gradients();
    if (iter > 1) iterations.push({ iteration: iter - 1, trainLoss, validationLoss: pendingValidationLoss });
    if (iter > params.maxIterations || stoppedEarly) break;
    for (let i = 0; i < n; i++) ws.order[i] = i;
    const tree = growTree({ matrix: { binned, rows: n, width, bins }, grad, hess, options: params, workspace: ws });
    if (tree.feature[0] < 0) {
      converged = false; // no split improves the loss: stop boosting
      break;
    }
    for (const [node, [start, end]] of tree.leafRanges) {
      const v = tree.value[node] * params.learningRate;
      for (let k = start; k < end; k++) margin[ws.order[k]] += v;
    }
    trees.push(toTreeSpec(tree, bins, params.learningRate));
    pendingValidationLoss = null;
    if (val !== null && valBinned !== null && valMargin !== null) {
      for (let i = 0; i < val.rows; i++) valMargin[i] += grownTreeValue(tree, bins, valBinned, i * width) * params.learningRate;
      pendingValidationLoss = loss(valMargin, val.y, null);
      if (pendingValidationLoss < best.loss - 1e-12) best = { iteration: iter, loss: pendingValidationLoss };
      if (params.earlyStoppingRounds > 0 && iter - best.iteration >= params.earlyStoppingRounds) stoppedEarly = true;
    }
  }
  const bestIteration = val !== null && best.iteration > 0 ? best.iteration : trees.length;
  const log = { iterations, bestIteration, stoppedEarly, converged, loss: binary ? ('log_loss' as const) : ('squared_error' as const) };
  const model = createPipelineModel({
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    schema: prepared.schema,
    preprocessing: prepared.preprocessing,
    estimator: { kind: 'gbdt', baseScore, trees: trees.slice(0, bestIteration) },
    training: { params: { ...params }, seed, trainRows: n, validationRows: val?.rows ?? 0, log },
  });
  return { model, log };
}

/** The `gbdt` trainer: histogram gradient-boosted trees, deterministic for a given seed (seed → bin sample). */
export const gbdtTrainer: Trainer<GbdtParams> = {
  estimator: 'gbdt',
  defaultParams: DEFAULT_GBDT_PARAMS,
  resolveParams: (raw) => resolveHyperParams(DEFAULT_GBDT_PARAMS, RULES, raw),
  fit: fitGbdt,
};
