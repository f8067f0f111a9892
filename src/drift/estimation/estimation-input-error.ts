/**
 * Thrown by the performance estimators when an input is unusable: empty or mismatched arrays, a label other than
 * 0/1, a non-finite score, a reference with one class. `field` names the offending input; an estimate is never
 * silently NaN.
 */
export class EstimationInputError extends Error {
  override readonly name = 'EstimationInputError';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
