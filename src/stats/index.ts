// Public entry point of `driftguard/stats`: re-exports only.
export { StatsInputError } from './stats-input-error.js';
export type { TestResult } from './test-result.js';
