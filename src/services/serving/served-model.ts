/**
 * What serving holds for a monitored model's champion, whatever trained it: one async InferenceModel (every flavor
 * is scored through it: /predict for models driftguard did not train, and both sides of a retraining comparison),
 * what it predicts (task, class labels, positive class, the features it reads), and — for a model driftguard trained —
 * the FittedModel itself (native scoring, its trainer and hyper-parameters for the built-in retraining).
 */
import type { Cell } from '../../domain/data-table.js';
import { type FittedModel, ModelError } from '../../models/index.js';
import type { ClassLabel } from '../../models/inference/inference-mapping.js';
import type { InferenceModel, InferencePrediction } from '../../ports/inference-model.js';

/** The type of a feature's values as the model takes them (for files written for trainers); absent = unknown. */
export type FeatureValueType = 'number' | 'integer' | 'string' | 'boolean';

/** How the version is run: driftguard's own model, an ONNX graph driftguard did not write, the user's endpoint. */
export type ServedFlavor = 'driftguard' | 'onnx' | 'endpoint';

export interface ServedModel {
  readonly flavor: ServedFlavor;
  readonly task: 'binary' | 'regression';
  /** The features the model reads, in its order. */
  readonly features: readonly string[];
  readonly featureTypes: Readonly<Record<string, FeatureValueType>>;
  /** Binary: the two class labels as the model emits them; null for regression (or an endpoint that does not say). */
  readonly classLabels: readonly ClassLabel[] | null;
  /** Binary: the class whose probability is the score. */
  readonly positiveClass: ClassLabel | null;
  readonly inference: InferenceModel;
  /** Set for models driftguard trained (flavor `driftguard`). */
  readonly fitted: FittedModel | null;
  /** What was changed or inferred to run it (the ZipMap removal …), for the log; empty if nothing. */
  readonly notes: readonly string[];
}

/** A driftguard model as an InferenceModel (synchronous underneath; ModelError → the row's error). */
export function fittedInferenceModel(model: FittedModel): InferenceModel {
  const labels = model.schema.classLabels;
  return {
    inputNames: model.schema.features.map((f) => f.name),
    outputNames: labels === null ? ['prediction'] : ['label', 'probability'],
    async predict(rows: readonly Readonly<Record<string, Cell>>[]): Promise<InferencePrediction[]> {
      return rows.map((row) => {
        if (labels === null) return { probability: null, label: null, value: model.predict(row) };
        const probability = model.predictProba(row);
        return { probability, label: labels[model.predict(row) === 1 ? 1 : 0], value: null };
      });
    },
    async health() {
      return { ready: true };
    },
    async close() {},
  };
}

/** The served form of a driftguard model. */
export function servedFittedModel(model: FittedModel): ServedModel {
  const labels = model.schema.classLabels;
  return {
    flavor: 'driftguard',
    task: model.schema.task === 'binary' ? 'binary' : 'regression',
    features: model.schema.features.map((f) => f.name),
    featureTypes: Object.fromEntries(
      model.schema.features.map((f) => [
        f.name,
        f.kind === 'numeric' ? 'number' : f.kind === 'boolean' ? 'boolean' : 'string',
      ]),
    ),
    classLabels: labels,
    positiveClass: labels === null ? null : labels[1],
    inference: fittedInferenceModel(model),
    fitted: model,
    notes: [],
  };
}

/**
 * The class a prediction stands for: the label the model emitted when it is one of its classes (or its classes are
 * unknown), else — a model with a probability output only, or one whose label output is an index into declared class
 * labels — the positive class when P > 0.5 (scikit-learn's rule) and the other one otherwise; regression: the value.
 * Null when the answer holds none.
 */
export function predictedClassOf(model: ServedModel, prediction: InferencePrediction): string | number | null {
  if (model.task === 'regression') return prediction.value;
  const label = prediction.label;
  if (label !== null && (model.classLabels === null || model.classLabels.some((c) => String(c) === String(label))))
    return label;
  if (prediction.probability === null || model.classLabels === null || model.positiveClass === null) return null;
  const negative = model.classLabels.find((l) => l !== model.positiveClass) ?? null;
  return prediction.probability > 0.5 ? model.positiveClass : negative;
}

/** P(positive class) of every row, through the served model (the serving path); null probabilities are refused. */
export async function positiveScores(
  model: ServedModel,
  rows: readonly Readonly<Record<string, Cell>>[],
): Promise<Float64Array> {
  if (model.task !== 'binary')
    throw new ModelError('task', 'retraining compares binary classifiers; this model is a regression');
  const predictions = await model.inference.predict(rows);
  return Float64Array.from(predictions, (p, i) => {
    if (p.probability === null || !Number.isFinite(p.probability))
      throw new ModelError('probability', `row ${i}: the model answered no probability of the positive class`);
    return p.probability;
  });
}
