/** Default decision threshold of binary classifiers: class 1 when P(class 1) is strictly above 0.5. */
export const DEFAULT_DECISION_THRESHOLD = 0.5;

/**
 * The one decision rule of binary classifiers in driftguard: class 1 ⇔ P(class 1) > threshold (strict, default 0.5) —
 * what scikit-learn's `predict` gives for a binary `predict_proba` (argmax picks class 0 on an exact 0.5 tie).
 * `FittedModel.predict`, the threshold metrics (accuracy, precision, recall, F1, McNemar) and the monitoring
 * reference's predicted classes all use it; the ONNX export applies it to the margin (z > 0 ⇔ σ(z) > 0.5).
 */
export function predictedClass(probability: number, threshold: number = DEFAULT_DECISION_THRESHOLD): 0 | 1 {
  return probability > threshold ? 1 : 0;
}
