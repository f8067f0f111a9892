import { DriftConfigError } from '../drift-config-error.js';

/** The multivariate drift detectors (see docs/multivariate-drift.md). */
export type MultivariateMethod = 'classifier' | 'pca' | 'mmd';
export const MULTIVARIATE_METHODS: readonly MultivariateMethod[] = ['classifier', 'pca', 'mmd'];

/** Domain classifier: a gbdt learns reference-vs-current rows; out-of-fold ROC AUC, one-sided Mann–Whitney p-value. */
export interface ClassifierDetectorOptions {
  /** Drift needs p < this. Default 0.05. */
  readonly pValueThreshold: number;
  /**
   * … and an out-of-fold AUC ≥ this, so that large samples do not page on a negligible difference. Default 0.53:
   * the AUC of a location shift of 0.1 standard deviations, Φ(0.1/√2) ≈ 0.528 — the univariate numeric floor.
   */
  readonly aucFloor: number;
  /** Rows sampled (seeded, without replacement) from each side; bounds the cost. Default 5,000. */
  readonly maxRowsPerSide: number;
  /** Cross-fitting folds (stratified by side). Default 5. */
  readonly folds: number;
  /** Boosting rounds per fold model. Default 40. */
  readonly trees: number;
  /** Depth of each tree (at most 2^depth leaves). Default 3. */
  readonly maxDepth: number;
  /** Default 0.2. */
  readonly learningRate: number;
  /** Rows per leaf, at least. Default 20. */
  readonly minSamplesLeaf: number;
}

/** PCA reconstruction error, NannyML's DataReconstructionDriftCalculator. */
export interface PcaDetectorOptions {
  /** Components kept: the fewest whose explained variance exceeds this share (NannyML `n_components=0.65`). */
  readonly varianceShare: number;
  /** Bounds = mean ± this · std of the reference chunks' errors (NannyML's default 3). */
  readonly stdMultiplier: number;
  /** The reference is cut into at least this many chunks for the bounds; fewer rows than that → an error. Default 5. */
  readonly minReferenceChunks: number;
  /**
   * How the reference chunks' errors are computed. `held-out` (default): each chunk by a PCA fitted on the other
   * reference rows, so that they are out-of-sample like the current rows'; `in-sample`: by the PCA fitted on the
   * whole reference, as NannyML does — whose bounds then sit too low by the PCA's in-sample fit (false alarms on
   * large windows of many weakly correlated features).
   */
  readonly referenceErrors: 'held-out' | 'in-sample';
}

/** Maximum mean discrepancy with an RBF kernel (median heuristic) and a permutation test. */
export interface MmdDetectorOptions {
  /** Drift needs p < this. Default 0.05. */
  readonly pValueThreshold: number;
  /** Permutations of the test; p = (k + 1)/(permutations + 1). Default 100 (alibi-detect's default). */
  readonly permutations: number;
  /** Rows sampled from each side; the kernel matrix is (2·this)². Default 2,000, at most 2,000. */
  readonly maxRowsPerSide: number;
}

/** Options of the multivariate test (report `--config` key `multivariate`; per-model `drift.multivariate` later). */
export interface MultivariateOptions {
  /** Default `classifier`. */
  readonly method: MultivariateMethod;
  /** Features listed in `topFeatures`, at most. Default 5. */
  readonly topFeatureCount: number;
  /** Seed of the random source (row sampling, folds, permutations): same inputs and seed → same result. Default 1. */
  readonly seed: number;
  readonly classifier: ClassifierDetectorOptions;
  readonly pca: PcaDetectorOptions;
  readonly mmd: MmdDetectorOptions;
}

/** A partial MultivariateOptions as written in JSON. */
export type MultivariateOptionsInput = Partial<Omit<MultivariateOptions, 'classifier' | 'pca' | 'mmd'>> & {
  readonly classifier?: Partial<ClassifierDetectorOptions>;
  readonly pca?: Partial<PcaDetectorOptions>;
  readonly mmd?: Partial<MmdDetectorOptions>;
};

export const DEFAULT_MULTIVARIATE_OPTIONS: MultivariateOptions = {
  method: 'classifier',
  topFeatureCount: 5,
  seed: 1,
  classifier: {
    pValueThreshold: 0.05,
    aucFloor: 0.53,
    maxRowsPerSide: 5000,
    folds: 5,
    trees: 40,
    maxDepth: 3,
    learningRate: 0.2,
    minSamplesLeaf: 20,
  },
  pca: { varianceShare: 0.65, stdMultiplier: 3, minReferenceChunks: 5, referenceErrors: 'held-out' },
  mmd: { pValueThreshold: 0.05, permutations: 100, maxRowsPerSide: 2000 },
};

/** A number's [min, max], integer or not, and whether min itself is excluded; or the valid strings. */
type Range = readonly [number, number, 'integer' | 'real' | 'open-real'] | readonly string[];

const RANGES = {
  topFeatureCount: [0, 100, 'integer'],
  seed: [0, 4294967295, 'integer'],
  classifier: {
    pValueThreshold: [0, 1, 'open-real'],
    aucFloor: [0.5, 1, 'real'],
    maxRowsPerSide: [50, 1_000_000, 'integer'],
    folds: [2, 20, 'integer'],
    trees: [1, 1000, 'integer'],
    maxDepth: [1, 12, 'integer'],
    learningRate: [0, 1, 'open-real'],
    minSamplesLeaf: [1, 100_000, 'integer'],
  },
  pca: {
    varianceShare: [0, 1, 'open-real'],
    stdMultiplier: [0, 100, 'open-real'],
    minReferenceChunks: [2, 1000, 'integer'],
    referenceErrors: ['held-out', 'in-sample'],
  },
  mmd: {
    pValueThreshold: [0, 1, 'open-real'],
    permutations: [19, 100_000, 'integer'],
    maxRowsPerSide: [10, 2000, 'integer'],
  },
} as const satisfies Record<string, Range | Record<string, Range>>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkNumber(field: string, value: unknown, range: Range): number {
  const [min, max, type] = range as readonly [number, number, string];
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new DriftConfigError(field, `must be a number, got ${JSON.stringify(value)}`);
  if (type === 'integer' && !Number.isInteger(value))
    throw new DriftConfigError(field, `must be an integer, got ${value}`);
  const low = type === 'open-real' ? value <= min : value < min;
  if (low || value > max)
    throw new DriftConfigError(field, `must be in ${type === 'open-real' ? '(' : '['}${min}, ${max}], got ${value}`);
  return value;
}

function resolveSection<T extends object>(
  field: string,
  raw: unknown,
  defaults: T,
  ranges: Readonly<Record<string, Range>>,
): T {
  if (raw === undefined) return defaults;
  if (!isObject(raw)) throw new DriftConfigError(field, `must be an object, got ${JSON.stringify(raw)}`);
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(raw)) {
    const range = ranges[key];
    if (range === undefined)
      throw new DriftConfigError(`${field}.${key}`, `unknown option (valid: ${Object.keys(ranges).join(', ')})`);
    if (value === undefined) continue;
    if (typeof range[0] === 'string') {
      if (typeof value !== 'string' || !(range as readonly string[]).includes(value))
        throw new DriftConfigError(
          `${field}.${key}`,
          `must be one of ${range.join(', ')}, got ${JSON.stringify(value)}`,
        );
      out[key] = value;
    } else out[key] = checkNumber(`${field}.${key}`, value, range);
  }
  return out as T;
}

/**
 * Validates user input (JSON) into complete options; unknown keys and out-of-range values throw DriftConfigError
 * naming the field (`field` is the prefix, e.g. `multivariate` or `models.credit.drift.multivariate`).
 */
export function resolveMultivariateOptions(raw: unknown = {}, field = 'multivariate'): MultivariateOptions {
  if (!isObject(raw)) throw new DriftConfigError(field, `must be an object, got ${JSON.stringify(raw)}`);
  const valid = ['method', 'topFeatureCount', 'seed', 'classifier', 'pca', 'mmd'];
  for (const key of Object.keys(raw)) {
    if (!valid.includes(key))
      throw new DriftConfigError(`${field}.${key}`, `unknown option (valid: ${valid.join(', ')})`);
  }
  const d = DEFAULT_MULTIVARIATE_OPTIONS;
  const method = raw.method ?? d.method;
  if (typeof method !== 'string' || !(MULTIVARIATE_METHODS as readonly string[]).includes(method)) {
    throw new DriftConfigError(
      `${field}.method`,
      `must be one of ${MULTIVARIATE_METHODS.join(', ')}, got ${JSON.stringify(method)}`,
    );
  }
  const classifier = resolveSection(`${field}.classifier`, raw.classifier, d.classifier, RANGES.classifier);
  if (classifier.minSamplesLeaf * 2 > classifier.maxRowsPerSide) {
    throw new DriftConfigError(
      `${field}.classifier.minSamplesLeaf`,
      `must be at most half of maxRowsPerSide (${classifier.maxRowsPerSide}), got ${classifier.minSamplesLeaf}`,
    );
  }
  return {
    method: method as MultivariateMethod,
    topFeatureCount:
      raw.topFeatureCount === undefined
        ? d.topFeatureCount
        : checkNumber(`${field}.topFeatureCount`, raw.topFeatureCount, RANGES.topFeatureCount),
    seed: raw.seed === undefined ? d.seed : checkNumber(`${field}.seed`, raw.seed, RANGES.seed),
    classifier,
    pca: resolveSection(`${field}.pca`, raw.pca, d.pca, RANGES.pca),
    mmd: resolveSection(`${field}.mmd`, raw.mmd, d.mmd, RANGES.mmd),
  };
}
