import type { ColumnCensus } from './column-census.js';
import type { FeatureKind } from './feature-schema.js';

/** What a column holds: a feature kind, or ISO 8601 date-times (a time column, not a feature by default). */
export type InferredKind = FeatureKind | 'datetime';

/** Default of `maxCategoricalIntegerCardinality` (Evidently 0.7's INTEGER_CARDINALITY_LIMIT). */
export const DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY = 10;

/** A kind wins when more than this share of the non-missing values have it ("mostly"). */
export const KIND_MAJORITY = 0.5;

/** A categorical column whose numbers reach this share of its values gets a warning (it may be a broken numeric column). */
export const NUMERIC_MINORITY_WARNING = 0.1;

/** The kind of one column and why. */
export interface ColumnKindDecision {
  readonly kind: InferredKind;
  /** Non-missing values. */
  readonly presentCount: number;
  /** Non-missing values that do not have the kind (strings in a numeric column …); 0 for categorical. */
  readonly invalidCount: number;
  readonly invalidExamples: readonly string[];
  /** One non-missing value throughout (its effect sizes are defined in docs/drift-report.md). */
  readonly constant: boolean;
  /** A sentence for the user when the kind was not unanimous or the column is constant / empty; null otherwise. */
  readonly warning: string | null;
}

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)} %`;
/** 15000 → '15,000' (without Intl: its first call loads locale data, which costs more than a whole census). */
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The one rule that decides a column's kind, for every path (train, report, reference upload, every reader):
 * 1. no non-missing value → `categorical` (an empty column; data quality reports it);
 * 2. more than half numbers → `numeric`, the other values counted as invalid — except all-integer columns with at most
 *    `maxIntegerCardinality` distinct values and nothing else → `categorical` (codes such as 0/1 or 1..7; Evidently's
 *    rule for int columns);
 * 3. more than half true/false → `boolean`, the rest invalid;
 * 4. more than half ISO 8601 dates → `datetime`, the rest invalid;
 * 5. otherwise → `categorical`.
 * A warning says when the kind was decided against a part of the values (invalid values exist, or a categorical
 * column is ≥ 10 % numbers) or the column is constant.
 */
export function decideColumnKind(
  census: ColumnCensus,
  column: string,
  maxIntegerCardinality = DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY,
): ColumnKindDecision {
  const present = census.rowCount - census.missingCount;
  const constant = present > 0 && census.distinctValues === 1;
  const decided = (
    kind: InferredKind,
    invalidCount: number,
    invalidExamples: readonly string[],
    warning: string | null,
  ): ColumnKindDecision => ({
    kind,
    presentCount: present,
    invalidCount,
    invalidExamples: invalidCount === 0 ? [] : invalidExamples,
    constant,
    warning:
      warning ??
      (constant ? `column '${column}' is constant (every one of its ${count(present)} values is the same)` : null),
  });
  const withInvalid = (
    kind: InferredKind,
    valid: number,
    examples: readonly string[],
    what: string,
  ): ColumnKindDecision => {
    const invalid = present - valid;
    const warning =
      invalid === 0
        ? null
        : `column '${column}' read as ${kind}: ${count(valid)} of ${count(present)} values (${percent(valid, present)}) are ${what}; ` +
          `the other ${count(invalid)} count as invalid (e.g. ${examples.join(', ')})`;
    return decided(kind, invalid, examples, warning);
  };
  if (present === 0) return decided('categorical', 0, [], null);
  if (census.numberCount > KIND_MAJORITY * present) {
    const smallIntegerCodes =
      census.numberCount === present &&
      census.integerCount === census.numberCount &&
      census.distinctIntegers <= maxIntegerCardinality;
    if (smallIntegerCodes) return decided('categorical', 0, [], null);
    return withInvalid('numeric', census.numberCount, census.notNumberExamples, 'numbers');
  }
  if (census.booleanCount > KIND_MAJORITY * present)
    return withInvalid('boolean', census.booleanCount, census.notBooleanExamples, 'true/false');
  if (census.dateCount > KIND_MAJORITY * present)
    return withInvalid('datetime', census.dateCount, census.notDateExamples, 'ISO 8601 dates');
  const warning =
    census.numberCount >= NUMERIC_MINORITY_WARNING * present
      ? `column '${column}' read as categorical: only ${count(census.numberCount)} of ${count(present)} values (${percent(census.numberCount, present)}) are numbers (e.g. not numbers: ${census.notNumberExamples.join(', ')})`
      : null;
  return decided('categorical', 0, [], warning);
}
