import type { DataTable } from '../domain/data-table.js';
import { ModelError } from './model-error.js';
import type { EstimatorSpec, FeatureRow, FittedModel, SerializedModel } from './model-types.js';
import { predictedClass } from './predicted-class.js';
import { sigmoid } from './prepare-training.js';
import { createRowEncoder } from './preprocessing.js';

/** Margin of one encoded row (row-major matrix `x` at row offset `at`). */
type MarginFn = (x: Float64Array, at: number) => number;

function linearMargin(spec: Extract<EstimatorSpec, { kind: 'logistic' }>): MarginFn {
  const coef = Float64Array.from(spec.coefficients);
  const { intercept } = spec;
  const d = coef.length;
  return (x, at) => {
    let z = intercept;
    for (let j = 0; j < d; j++) z += coef[j] * x[at + j];
    return z;
  };
}

function treesMargin(spec: Extract<EstimatorSpec, { kind: 'gbdt' }>, width: number): MarginFn {
  // all trees flattened into one set of typed arrays; roots[t] is the index of tree t's root
  const total = spec.trees.reduce((s, t) => s + t.feature.length, 0);
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const missingLeft = new Uint8Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const value = new Float64Array(total);
  const roots = new Int32Array(spec.trees.length);
  let base = 0;
  spec.trees.forEach((tree, t) => {
    roots[t] = base;
    for (let i = 0; i < tree.feature.length; i++) {
      feature[base + i] = tree.feature[i];
      threshold[base + i] = Math.fround(tree.threshold[i]);
      missingLeft[base + i] = tree.missingLeft[i] ? 1 : 0;
      left[base + i] = base + tree.left[i];
      right[base + i] = base + tree.right[i];
      value[base + i] = tree.value[i];
    }
    base += tree.feature.length;
  });
  const { baseScore } = spec;
  const treeCount = roots.length;
  // the row rounded to float32 once: comparisons are then exactly ONNX TreeEnsemble's on a float input
  const row = new Float32Array(width);
  return (x, at) => {
    for (let j = 0; j < width; j++) row[j] = x[at + j];
    let z = baseScore;
    for (let t = 0; t < treeCount; t++) {
      let node = roots[t];
      let f = feature[node];
      while (f >= 0) {
        const v = row[f];
        node = (v !== v ? missingLeft[node] === 1 : v <= threshold[node]) ? left[node] : right[node];
        f = feature[node];
      }
      z += value[node];
    }
    return z;
  };
}

/** A FittedModel over a (validated) serialized model: preprocessing, then the estimator's margin and link. */
export function createPipelineModel(serialized: SerializedModel): FittedModel {
  const { schema, preprocessing, estimator } = serialized;
  const encoder = createRowEncoder(preprocessing);
  const margin = estimator.kind === 'logistic' ? linearMargin(estimator) : treesMargin(estimator, encoder.width);
  const binary = schema.task === 'binary';
  const scratch = new Float64Array(encoder.width);
  const rowMargin = (row: FeatureRow): number => margin(encoder.encodeRow(row, scratch), 0);
  const tableMargins = (table: DataTable): Float64Array => {
    const x = encoder.encodeTable(table);
    const out = new Float64Array(table.rowCount);
    for (let i = 0; i < out.length; i++) out[i] = margin(x, i * encoder.width);
    return out;
  };
  const requireBinary = (): void => {
    if (!binary) throw new ModelError('task', 'predictProba needs a binary classifier; this model is a regression');
  };
  return {
    estimator: estimator.kind,
    schema,
    preprocessing,
    decisionFunction: rowMargin,
    predictProba(row) {
      requireBinary();
      return sigmoid(rowMargin(row));
    },
    predictProbaBatch(table) {
      requireBinary();
      return tableMargins(table).map(sigmoid);
    },
    predict(row) {
      const z = rowMargin(row);
      return binary ? predictedClass(sigmoid(z)) : z;
    },
    predictBatch(table) {
      const z = tableMargins(table);
      return binary ? z.map((v) => predictedClass(sigmoid(v))) : z;
    },
    toJSON: () => serialized,
  };
}
