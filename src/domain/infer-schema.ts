import { booleanOfCell, isMissingCell } from './cell-values.js';
import type { Cell, DataTable } from './data-table.js';
import type {
  FeatureKind,
  FeatureOverride,
  FeatureSchema,
  FeatureSpec,
  RoleColumnSpec,
  SchemaInferenceOptions,
  TaskType,
} from './feature-schema.js';
import { SchemaError } from './schema-error.js';

/** Default of `maxCategoricalIntegerCardinality` (Evidently 0.7's INTEGER_CARDINALITY_LIMIT). */
export const DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY = 10;

/** Share of finite numbers among non-missing cells from which a column is numeric (the rest: type violations). */
export const NUMERIC_MAJORITY = 0.99;

const KINDS: readonly FeatureKind[] = ['numeric', 'categorical', 'boolean'];

/**
 * The kind of one column, from its non-missing cells:
 * 1. no non-missing cell → `categorical` (an empty column; data quality reports it);
 * 2. every cell a boolean or the string `true`/`false` (any case) → `boolean`;
 * 3. at least 99 % finite numbers → `numeric`, except all-integer columns with at most `maxIntegerCardinality`
 *    distinct values → `categorical` (codes such as 0/1 or 1..5; Evidently's rule for int columns);
 * 4. otherwise (strings) → `categorical`.
 */
export function inferColumnKind(
  cells: readonly Cell[],
  maxIntegerCardinality = DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY,
): FeatureKind {
  let present = 0;
  let booleans = 0;
  let numbers = 0;
  let allIntegers = true;
  let maybeBoolean = true;
  const distinct = new Set<number>();
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (typeof cell === 'number') {
      if (cell !== cell) continue; // NaN is missing
      present++;
      maybeBoolean = false;
      if (cell - cell !== 0) continue; // ±Infinity: neither a valid number nor a boolean
      numbers++;
      if (allIntegers) {
        if (Number.isInteger(cell)) {
          if (distinct.size <= maxIntegerCardinality) distinct.add(cell);
        } else allIntegers = false;
      }
      continue;
    }
    if (isMissingCell(cell)) continue;
    present++;
    if (maybeBoolean && (typeof cell === 'boolean' || booleanOfCell(cell) !== undefined)) booleans++;
    else maybeBoolean = false;
  }
  if (present === 0) return 'categorical';
  if (maybeBoolean && booleans === present) return 'boolean';
  if (numbers >= NUMERIC_MAJORITY * present) {
    return allIntegers && distinct.size <= maxIntegerCardinality ? 'categorical' : 'numeric';
  }
  return 'categorical';
}

function requireColumn(table: DataTable, name: string, field: string): void {
  if (!Object.prototype.hasOwnProperty.call(table.columns, name)) {
    throw new SchemaError(field, `no column named '${name}' (columns: ${table.columnNames.join(', ')})`);
  }
}

/** Checks one feature's overrides against its kind; throws SchemaError naming `overrides.<name>.<field>`. */
function validateFeatureOverride(name: string, override: FeatureOverride, kind: FeatureKind): void {
  const field = `overrides.${name}`;
  if (override.kind !== undefined && !KINDS.includes(override.kind)) {
    throw new SchemaError(`${field}.kind`, `must be one of ${KINDS.join(', ')}, got '${String(override.kind)}'`);
  }
  const w = override.importanceWeight;
  if (w !== undefined && !(typeof w === 'number' && Number.isFinite(w) && w >= 0)) {
    throw new SchemaError(`${field}.importanceWeight`, `must be a finite number ≥ 0, got ${String(w)}`);
  }
  for (const key of ['threshold', 'effectSizeThreshold'] as const) {
    const t = override[key];
    if (t !== undefined && !(typeof t === 'number' && Number.isFinite(t) && t > 0)) {
      throw new SchemaError(`${field}.${key}`, `must be a finite number > 0, got ${String(t)}`);
    }
  }
  if (override.test !== undefined && (typeof override.test !== 'string' || override.test === '')) {
    throw new SchemaError(`${field}.test`, 'must be a non-empty test name');
  }
  if (override.bounds !== undefined) {
    if (kind !== 'numeric')
      throw new SchemaError(`${field}.bounds`, `only numeric features have bounds (kind is ${kind})`);
    const { min, max } = override.bounds;
    for (const [k, v] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v))) {
        throw new SchemaError(`${field}.bounds.${k}`, `must be a finite number, got ${String(v)}`);
      }
    }
    if (min !== undefined && max !== undefined && min > max) {
      throw new SchemaError(`${field}.bounds`, `min (${min}) must be ≤ max (${max})`);
    }
  }
  if (override.allowedValues !== undefined) {
    if (kind === 'numeric')
      throw new SchemaError(`${field}.allowedValues`, 'numeric features take bounds, not allowed values');
    if (!Array.isArray(override.allowedValues) || override.allowedValues.length === 0) {
      throw new SchemaError(`${field}.allowedValues`, 'must be a non-empty array of strings, numbers or booleans');
    }
  }
}

function roleSpec(table: DataTable, name: string | undefined, field: string, maxCard: number): RoleColumnSpec | null {
  if (name === undefined) return null;
  requireColumn(table, name, field);
  return { name, kind: inferColumnKind(table.columns[name], maxCard) };
}

/**
 * `spec` with one feature's overrides applied (kind, allowed values, bounds, importance weight, test, threshold,
 * effect-size floor; exclusion only adds). Validates the override first; throws SchemaError naming
 * `overrides.<name>.<field>`.
 */
export function withFeatureOverride(spec: FeatureSpec, override: FeatureOverride): FeatureSpec {
  const kind = override.kind ?? spec.kind;
  validateFeatureOverride(spec.name, override, kind);
  return {
    ...spec,
    kind,
    kindSource: override.kind === undefined ? spec.kindSource : 'override',
    ...(override.allowedValues === undefined ? {} : { allowedValues: override.allowedValues.map((v) => String(v)) }),
    ...(override.bounds === undefined ? {} : { bounds: { ...override.bounds } }),
    importanceWeight: override.importanceWeight ?? spec.importanceWeight,
    ...(override.test === undefined ? {} : { test: override.test }),
    ...(override.threshold === undefined ? {} : { threshold: override.threshold }),
    ...(override.effectSizeThreshold === undefined ? {} : { effectSizeThreshold: override.effectSizeThreshold }),
    excluded: spec.excluded || override.excluded === true,
  };
}

/**
 * Infers the schema of a reference table (kinds by `inferColumnKind`), then applies exclusions and per-feature
 * overrides. Target, prediction and score columns are taken from `options`, never guessed. Every column that is
 * not a role nor in `options.ignore` becomes a feature. Throws `SchemaError` naming the bad option.
 */
export function inferSchema(reference: DataTable, options: SchemaInferenceOptions = {}): FeatureSchema {
  const maxCard = options.maxCategoricalIntegerCardinality ?? DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY;
  if (!Number.isInteger(maxCard) || maxCard < 0) {
    throw new SchemaError('maxCategoricalIntegerCardinality', `must be an integer ≥ 0, got ${String(maxCard)}`);
  }
  const target = roleSpec(reference, options.target, 'target', maxCard);
  const prediction = roleSpec(reference, options.prediction, 'prediction', maxCard);
  const predictionScore = roleSpec(reference, options.predictionScore, 'predictionScore', maxCard);
  const roles = [target, prediction, predictionScore].filter((r): r is RoleColumnSpec => r !== null).map((r) => r.name);
  if (new Set(roles).size !== roles.length) {
    throw new SchemaError(
      'target',
      `target, prediction and predictionScore must be different columns, got ${roles.join(', ')}`,
    );
  }
  if (predictionScore !== null && predictionScore.kind !== 'numeric') {
    throw new SchemaError(
      'predictionScore',
      `column '${predictionScore.name}' must be numeric (a probability), inferred ${predictionScore.kind}`,
    );
  }
  const ignore = new Set(options.ignore ?? []);
  for (const name of ignore) requireColumn(reference, name, 'ignore');
  const exclude = new Set(options.exclude ?? []);
  for (const name of exclude) requireColumn(reference, name, 'exclude');
  const overrides = options.overrides ?? {};
  const featureNames = reference.columnNames.filter((n) => !ignore.has(n) && !roles.includes(n));
  for (const name of Object.keys(overrides)) {
    if (!featureNames.includes(name)) {
      throw new SchemaError(`overrides.${name}`, `no feature named '${name}' (features: ${featureNames.join(', ')})`);
    }
  }
  const features = featureNames.map((name): FeatureSpec => {
    const override = overrides[name] ?? {};
    const kind = override.kind ?? inferColumnKind(reference.columns[name], maxCard);
    return withFeatureOverride(
      { name, kind, kindSource: 'inferred', importanceWeight: 1, excluded: exclude.has(name) },
      override,
    );
  });
  const outcome = target ?? prediction;
  const task: TaskType | null =
    options.task ?? (outcome === null ? null : outcome.kind === 'numeric' ? 'regression' : 'classification');
  if (options.task !== undefined && options.task !== 'classification' && options.task !== 'regression') {
    throw new SchemaError('task', `must be 'classification' or 'regression', got '${String(options.task)}'`);
  }
  return {
    features,
    target,
    prediction,
    predictionScore,
    task,
    positiveClass: options.positiveClass === undefined ? null : String(options.positiveClass),
    ignoredColumns: [...ignore],
  };
}
