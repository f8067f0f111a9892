import { type Column, cellsOf, columnLength, type DataTable } from '../domain/data-table.js';
import type { FeatureKind, FeatureSchema, FeatureSpec } from '../domain/feature-schema.js';
import { quantileBinEdges } from '../stats/index.js';
import { type CategoricalValues, categoricalValuesOf, type NumericValues, numericValuesOf } from './column-values.js';
import { DriftConfigError } from './drift-config-error.js';
import { buildEstimationSample, type EstimationSampleOutcome } from './estimation-sample.js';
import { evenlySpacedSample } from './evenly-spaced-sample.js';
import { measurePerformance, type PerformanceColumns } from './measure-performance.js';
import {
  type CategoricalColumnProfile,
  type ColumnProfile,
  DISCRETE_VALUE_LIMIT,
  type NumericColumnProfile,
  REFERENCE_PROFILE_FORMAT_VERSION,
  type ReferencePerformance,
  type ReferenceProfile,
  type ReferenceProfileOptions,
} from './reference-profile.js';

/** Defaults of `buildReferenceProfile`. */
export const DEFAULT_PROFILE_OPTIONS: Required<ReferenceProfileOptions> = {
  sampleSize: 5000,
  binCount: 10,
  maxCategories: 200,
  distinctCap: 1000,
};

const LIMITS: Record<keyof ReferenceProfileOptions, number> = {
  sampleSize: 1000,
  binCount: 2,
  maxCategories: 2,
  distinctCap: 1,
};

/** Validates profile options (integers, with documented minimums) and fills defaults. */
export function resolveProfileOptions(options: ReferenceProfileOptions = {}): Required<ReferenceProfileOptions> {
  const resolved = { ...DEFAULT_PROFILE_OPTIONS, ...options };
  for (const key of Object.keys(LIMITS) as (keyof ReferenceProfileOptions)[]) {
    const v = resolved[key];
    if (!Number.isInteger(v) || v < LIMITS[key]) {
      throw new DriftConfigError(`profile.${key}`, `must be an integer ≥ ${LIMITS[key]}, got ${String(v)}`);
    }
  }
  return resolved;
}

/** Merges equal neighbours of non-decreasing edges; a single value v becomes [v − 0.5, v + 0.5] (numpy's rule). */
function distinctEdges(edges: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < edges.length; i++) if (out.length === 0 || edges[i] > out[out.length - 1]) out.push(edges[i]);
  return out.length >= 2 ? out : [out[0] - 0.5, out[0] + 0.5];
}

/** First index of `sorted` whose value is ≥ x (binary search). */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * numpy `histogram(sorted, edges)` counts ([eᵢ, eᵢ₊₁), the last bin closed) of an ascending array whose values lie
 * within [e₀, e_k]: k binary searches instead of one per value.
 */
export function sortedBinCounts(sorted: Float64Array, edges: readonly number[]): number[] {
  const bounds = edges.map((e, i) => (i === edges.length - 1 ? sorted.length : lowerBound(sorted, e)));
  return bounds.slice(1).map((b, i) => b - bounds[i]);
}

/** Profile of a numeric column from its valid values (may be empty); sorts `tally.values` in place. */
export function profileNumericColumn(
  name: string,
  tally: NumericValues,
  options: Required<ReferenceProfileOptions>,
): NumericColumnProfile {
  const sorted = tally.values.sort();
  const n = sorted.length;
  const base = {
    name,
    kind: 'numeric' as const,
    rowCount: tally.rowCount,
    missingCount: tally.missingCount,
    typeViolationCount: tally.typeViolationCount,
    validCount: n,
  };
  if (n === 0) {
    return {
      ...base,
      min: null,
      max: null,
      mean: null,
      std: null,
      distinctCount: 0,
      distinctCapped: false,
      allIntegers: true,
      sample: [],
      sampleIsComplete: true,
      valueCounts: null,
      binEdges: [],
      binCounts: [],
    };
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let squares = 0;
  let distinct = 1;
  let allIntegers = true;
  for (let i = 0; i < n; i++) {
    const d = sorted[i] - mean;
    squares += d * d;
    if (i > 0 && sorted[i] !== sorted[i - 1]) distinct++;
    if (allIntegers && !Number.isInteger(sorted[i])) allIntegers = false;
  }
  let valueCounts: { value: number; count: number }[] | null = null;
  if (distinct <= DISCRETE_VALUE_LIMIT) {
    valueCounts = [];
    for (let i = 0; i < n; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) valueCounts.push({ value: sorted[i], count: 1 });
      else valueCounts[valueCounts.length - 1].count++;
    }
  }
  const sample = evenlySpacedSample(sorted, options.sampleSize);
  const binEdges = distinctEdges(quantileBinEdges(sample, options.binCount));
  binEdges[0] = Math.min(binEdges[0], sorted[0]);
  binEdges[binEdges.length - 1] = Math.max(binEdges[binEdges.length - 1], sorted[n - 1]);
  return {
    ...base,
    min: sorted[0],
    max: sorted[n - 1],
    mean,
    std: Math.sqrt(squares / n),
    distinctCount: Math.min(distinct, options.distinctCap),
    distinctCapped: distinct > options.distinctCap,
    allIntegers,
    sample: Array.from(sample),
    sampleIsComplete: sample.length === n,
    valueCounts,
    binEdges,
    binCounts: sortedBinCounts(sorted, binEdges),
  };
}

/** Categories sorted by count (descending), ties by value (ascending, code-unit order). */
export function rankedCategories(counts: ReadonlyMap<string, number>): { value: string; count: number }[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** Profile of a categorical / boolean column: the `maxCategories` most frequent, the rest in `otherCount`. */
export function profileCategoricalColumn(
  name: string,
  tally: CategoricalValues,
  options: Required<ReferenceProfileOptions>,
): CategoricalColumnProfile {
  const ranked = rankedCategories(tally.counts);
  const kept = ranked.slice(0, options.maxCategories);
  let otherCount = 0;
  for (let i = kept.length; i < ranked.length; i++) otherCount += ranked[i].count;
  return {
    name,
    kind: tally.kind,
    rowCount: tally.rowCount,
    missingCount: tally.missingCount,
    typeViolationCount: tally.typeViolationCount,
    validCount: tally.validCount,
    categories: kept,
    otherCount,
    distinctCount: ranked.length,
  };
}

function requireColumn(table: DataTable, name: string, role: string): Column {
  const column = table.columns.get(name);
  if (column === undefined) {
    throw new DriftConfigError(
      role,
      `the reference has no column '${name}' (columns: ${table.columnNames.join(', ')})`,
    );
  }
  if (columnLength(column) !== table.rowCount) {
    throw new DriftConfigError(
      role,
      `column '${name}' has ${columnLength(column)} cells, the table ${table.rowCount} rows`,
    );
  }
  return column;
}

/**
 * The column profile of one feature (`column` holds the reference's values, as many as the reference has rows):
 * what buildReferenceProfile builds per feature, depending on nothing else — features can be profiled in any order
 * or in other threads with the same result.
 */
export function profileFeature(
  feature: Pick<FeatureSpec, 'name' | 'kind'>,
  column: Column,
  options: ReferenceProfileOptions = {},
): ColumnProfile {
  return profileColumn(feature.name, feature.kind, column, resolveProfileOptions(options));
}

/** Profile of one column of the given kind. */
export function profileColumn(
  name: string,
  kind: FeatureKind,
  column: Column,
  options: Required<ReferenceProfileOptions>,
): ColumnProfile {
  return kind === 'numeric'
    ? profileNumericColumn(name, numericValuesOf(column), options)
    : profileCategoricalColumn(name, categoricalValuesOf(column, kind), options);
}

/**
 * Builds the reference profile of `reference` under `schema` (see ReferenceProfile): one pass per column into
 * typed arrays, one sort per numeric column; size bounded by the options whatever the number of rows.
 * The reference performance is measured when target and prediction are declared.
 */
export function buildReferenceProfile(
  reference: DataTable,
  schema: FeatureSchema,
  options: ReferenceProfileOptions = {},
  /** Called after each feature is profiled (progress of long builds). */
  onColumn?: (done: number, total: number) => void,
  /**
   * The features' column profiles already built by {@link profileFeature} (in schema order, e.g. by worker threads);
   * the profile is the same as when they are built here.
   */
  profiled?: readonly ColumnProfile[],
): ReferenceProfile {
  const resolved = resolveProfileOptions(options);
  if (!Number.isInteger(reference.rowCount) || reference.rowCount < 1) {
    throw new DriftConfigError('reference', `must have at least one row, got ${String(reference.rowCount)}`);
  }
  if (profiled !== undefined && profiled.some((p, i) => p.name !== schema.features[i]?.name)) {
    throw new DriftConfigError('profiled', 'must hold one column profile per feature, in schema order');
  }
  const features =
    profiled?.slice() ??
    schema.features.map((f, i) => {
      const built = profileFeature(f, requireColumn(reference, f.name, `features.${f.name}`), resolved);
      onColumn?.(i + 1, schema.features.length);
      return built;
    });
  if (features.length !== schema.features.length) {
    throw new DriftConfigError('profiled', 'must hold one column profile per feature, in schema order');
  }
  const role = (spec: FeatureSchema['target'], field: string): ColumnProfile | null =>
    spec === null ? null : profileColumn(spec.name, spec.kind, requireColumn(reference, spec.name, field), resolved);
  let performance: ReferencePerformance | null = null;
  let estimation: EstimationSampleOutcome = {
    sample: null,
    reason: 'performance estimation needs a classifier with target, prediction and score columns',
  };
  if (schema.target !== null && schema.prediction !== null && schema.task !== null) {
    const boxed = (name: string): ReturnType<typeof cellsOf> => cellsOf(requireColumn(reference, name, name));
    const columns: PerformanceColumns = {
      target: boxed(schema.target.name),
      prediction: boxed(schema.prediction.name),
      score: schema.predictionScore === null ? null : boxed(schema.predictionScore.name),
    };
    const measured = measurePerformance(columns, schema);
    if (columns.score !== null && schema.task === 'classification')
      estimation = buildEstimationSample(schema, { ...columns, score: columns.score });
    if (measured !== null) {
      const { absoluteErrors, ...rest } = measured;
      const sorted = absoluteErrors === null ? null : absoluteErrors.slice().sort();
      performance = {
        ...rest,
        absoluteErrorSample: sorted === null ? null : Array.from(evenlySpacedSample(sorted, resolved.sampleSize)),
      };
    }
  }
  return {
    formatVersion: REFERENCE_PROFILE_FORMAT_VERSION,
    rowCount: reference.rowCount,
    schema,
    options: resolved,
    features,
    target: role(schema.target, 'target'),
    prediction: role(schema.prediction, 'prediction'),
    predictionScore: role(schema.predictionScore, 'predictionScore'),
    performance,
    estimationSample: estimation.sample,
    estimationSampleUnavailableReason: estimation.reason,
  };
}
