import type { BinaryInput } from './validate-metric-input.js';

/** The scores of the positive and of the negative rows, each sorted ascending (inputs are not mutated). */
export interface ScoresByClass {
  readonly positive: Float64Array;
  readonly negative: Float64Array;
}

/** Splits validated binary input by label and sorts each side ascending. */
export function scoresByClass(input: BinaryInput): ScoresByClass {
  const positive = new Float64Array(input.positives);
  const negative = new Float64Array(input.negatives);
  let p = 0;
  let n = 0;
  for (let i = 0; i < input.yTrue.length; i++) {
    if (input.yTrue[i] === 1) positive[p++] = input.scores[i];
    else negative[n++] = input.scores[i];
  }
  positive.sort();
  negative.sort();
  return { positive, negative };
}
