/**
 * Thrown by every function of `driftguard/stats` when an argument is unusable: empty input, a non-finite
 * value, a wrong length or an out-of-range option. `argument` names the offending parameter so callers can
 * report it; a statistic never silently becomes NaN.
 */
export class StatsInputError extends Error {
  override readonly name = 'StatsInputError';

  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`${argument}: ${reason}`);
  }
}
