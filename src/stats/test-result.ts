/** The outcome of a two-sample hypothesis test: the test statistic and its p-value under the null hypothesis. */
export interface TestResult {
  readonly statistic: number;
  readonly pValue: number;
}
