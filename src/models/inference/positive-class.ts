/**
 * The positive class of a binary classifier: the declared one when the model entry names it (compared in string
 * form, as config values are strings), else the second of the sorted labels — scikit-learn's `classes_[1]`
 * (`np.unique` order: numbers ascending, strings by code point), whose probability `predict_proba[:, 1]` is.
 */
import { type ClassLabel, InferenceModelError } from './inference-mapping.js';

function compareLabels(a: ClassLabel, b: ClassLabel): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function positiveClassOf(labels: readonly ClassLabel[], declared?: string | null): ClassLabel {
  if (labels.length !== 2)
    throw new InferenceModelError(
      'classLabels',
      `a binary classifier has 2 class labels, got ${JSON.stringify(labels)}`,
    );
  if (declared !== undefined && declared !== null) {
    const found = labels.find((l) => String(l) === declared);
    if (found === undefined)
      throw new InferenceModelError(
        'positiveClass',
        `${JSON.stringify(declared)} is not one of the model's class labels ${JSON.stringify(labels)}`,
      );
    return found;
  }
  return [...labels].sort(compareLabels)[1];
}
