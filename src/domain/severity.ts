/** Severity of a drift evaluation, from the (optionally importance-weighted) share of drifted features. */
export type Severity = 'none' | 'low' | 'medium' | 'high';

/**
 * Inclusive share thresholds: `high` when share ≥ high, `medium` when ≥ medium, `low` when ≥ low and at least one
 * feature drifted, otherwise `none`. Must satisfy 0 ≤ low ≤ medium ≤ high ≤ 1.
 */
export interface SeverityThresholds {
  readonly low: number;
  readonly medium: number;
  readonly high: number;
}
