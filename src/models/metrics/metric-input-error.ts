/**
 * Thrown by the metrics and the evaluation functions when an argument is unusable: empty or mismatched
 * arrays, a label other than 0/1, a probability outside [0, 1], a metric undefined for the data (ROC AUC with
 * one class). `argument` names the offending parameter; a metric never silently becomes NaN.
 */
export class MetricInputError extends Error {
  override readonly name = 'MetricInputError';

  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`${argument}: ${reason}`);
  }
}
