import { MetricInputError } from './metric-input-error.js';

/** Binary labels and one positive-class score per row, validated; `positives` counts the 1 labels. */
export interface BinaryInput {
  readonly yTrue: ArrayLike<number>;
  readonly scores: ArrayLike<number>;
  readonly positives: number;
  readonly negatives: number;
}

function requireArray(values: ArrayLike<number>, argument: string): void {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new MetricInputError(argument, 'expected an array of numbers');
  }
  if (values.length === 0) throw new MetricInputError(argument, 'must not be empty');
}

/** Throws unless `values` is a non-empty array of finite numbers. */
export function requireFiniteValues(values: ArrayLike<number>, argument: string): void {
  requireArray(values, argument);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new MetricInputError(`${argument}[${i}]`, `must be a finite number, got ${String(v)}`);
    }
  }
}

/** Throws unless `b` has the length of `a`. */
export function requireSameLength(a: ArrayLike<number>, b: ArrayLike<number>, argumentB: string): void {
  if (a.length !== b.length) {
    throw new MetricInputError(argumentB, `must have the same length as yTrue (${a.length}), got ${b.length}`);
  }
}

/**
 * Validates `yTrue` (each 0 or 1) and `scores` (finite; in [0, 1] when `probabilities`), same non-zero length.
 */
export function requireBinaryInput(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  probabilities: boolean,
): BinaryInput {
  requireArray(yTrue, 'yTrue');
  requireFiniteValues(scores, 'scores');
  requireSameLength(yTrue, scores, 'scores');
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    if (y === 1) positives++;
    else if (y !== 0) throw new MetricInputError(`yTrue[${i}]`, `must be 0 or 1, got ${String(y)}`);
    if (probabilities && (scores[i] < 0 || scores[i] > 1)) {
      throw new MetricInputError(`scores[${i}]`, `must be a probability in [0, 1], got ${scores[i]}`);
    }
  }
  return { yTrue, scores, positives, negatives: yTrue.length - positives };
}

/** Throws unless both classes occur (ROC AUC, log loss and the DeLong test are undefined otherwise). */
export function requireBothClasses(input: BinaryInput, metric: string): void {
  if (input.positives === 0 || input.negatives === 0) {
    throw new MetricInputError(
      'yTrue',
      `${metric} needs both classes, got ${input.positives} positive and ${input.negatives} negative labels`,
    );
  }
}

/** Validates labels and two models' scores on the same rows (`scoresA`, `scoresB`). */
export function requirePairedInput(
  yTrue: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
): BinaryInput {
  const input = requireBinaryInput(yTrue, scoresA, false);
  requireFiniteValues(scoresB, 'scoresB');
  requireSameLength(yTrue, scoresB, 'scoresB');
  return input;
}
