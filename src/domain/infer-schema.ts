import { censusOfColumn } from './column-census.js';
import type { Column, DataTable } from './data-table.js';
import {
  type ColumnKindDecision,
  DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY,
  decideColumnKind,
} from './decide-column-kind.js';
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

export { DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY } from './decide-column-kind.js';

const KINDS: readonly FeatureKind[] = ['numeric', 'categorical', 'boolean'];

/**
 * How a column's kind was decided (census of every row, then decideColumnKind — the one rule of every path).
 * `datetime` columns are not features unless an override gives them a kind.
 */
export function inferColumnKind(
  column: Column,
  name: string,
  maxIntegerCardinality = DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY,
): ColumnKindDecision {
  return decideColumnKind(censusOfColumn(column, maxIntegerCardinality), name, maxIntegerCardinality);
}

/** The feature kind of a decision (a date-time column forced into a role is categorical). */
const featureKindOf = (decision: ColumnKindDecision): FeatureKind =>
  decision.kind === 'datetime' ? 'categorical' : decision.kind;

function requireColumn(table: DataTable, name: string, field: string): void {
  if (!table.columns.has(name)) {
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

function roleSpec(
  table: DataTable,
  name: string | undefined,
  field: string,
  decide: (name: string) => ColumnKindDecision,
): RoleColumnSpec | null {
  if (name === undefined) return null;
  requireColumn(table, name, field);
  return { name, kind: featureKindOf(decide(name)) };
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

/** A schema and how each column's kind was decided (warnings for the user: minorities, constant columns, dates). */
export interface InferredSchema {
  readonly schema: FeatureSchema;
  /** Every column whose kind was inferred (features and roles), by name. */
  readonly decisions: ReadonlyMap<string, ColumnKindDecision>;
  /** Columns of ISO 8601 date-times left out of the features (give them a kind in `overrides` to test them). */
  readonly datetimeColumns: readonly string[];
}

/** The value of an own key of a plain record (never an inherited one such as `__proto__` or `constructor`). */
function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Infers the schema of a reference table (kinds by `inferColumnKind`), then applies exclusions and per-feature
 * overrides. Target, prediction and score columns are taken from `options`, never guessed. Every column that is
 * not a role nor in `options.ignore` becomes a feature, except date-time columns (listed, ignored). Throws
 * `SchemaError` naming the bad option.
 */
export function inferSchema(reference: DataTable, options: SchemaInferenceOptions = {}): FeatureSchema {
  return inferSchemaWithDecisions(reference, options).schema;
}

/** inferSchema plus the decision behind every inferred kind. */
export function inferSchemaWithDecisions(reference: DataTable, options: SchemaInferenceOptions = {}): InferredSchema {
  const maxCard = options.maxCategoricalIntegerCardinality ?? DEFAULT_MAX_CATEGORICAL_INTEGER_CARDINALITY;
  if (!Number.isInteger(maxCard) || maxCard < 0) {
    throw new SchemaError('maxCategoricalIntegerCardinality', `must be an integer ≥ 0, got ${String(maxCard)}`);
  }
  const decisions = new Map<string, ColumnKindDecision>();
  const decide = (name: string): ColumnKindDecision => {
    let decision = decisions.get(name);
    if (decision === undefined) {
      decision = inferColumnKind(reference.columns.get(name) as Column, name, maxCard);
      decisions.set(name, decision);
    }
    return decision;
  };
  const target = roleSpec(reference, options.target, 'target', decide);
  const prediction = roleSpec(reference, options.prediction, 'prediction', decide);
  const predictionScore = roleSpec(reference, options.predictionScore, 'predictionScore', decide);
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
  const candidates = reference.columnNames.filter((n) => !ignore.has(n) && !roles.includes(n));
  for (const name of Object.keys(overrides)) {
    if (!candidates.includes(name)) {
      throw new SchemaError(`overrides.${name}`, `no feature named '${name}' (features: ${candidates.join(', ')})`);
    }
  }
  const datetimeColumns: string[] = [];
  const features: FeatureSpec[] = [];
  for (const name of candidates) {
    const override = ownValue(overrides, name) ?? {};
    let kind = override.kind;
    if (kind === undefined) {
      const decision = decide(name);
      if (decision.kind === 'datetime') {
        datetimeColumns.push(name);
        continue;
      }
      kind = decision.kind;
    }
    features.push(
      withFeatureOverride(
        { name, kind, kindSource: 'inferred', importanceWeight: 1, excluded: exclude.has(name) },
        override,
      ),
    );
  }
  const outcome = target ?? prediction;
  const task: TaskType | null =
    options.task ?? (outcome === null ? null : outcome.kind === 'numeric' ? 'regression' : 'classification');
  if (options.task !== undefined && options.task !== 'classification' && options.task !== 'regression') {
    throw new SchemaError('task', `must be 'classification' or 'regression', got '${String(options.task)}'`);
  }
  const schema: FeatureSchema = {
    features,
    target,
    prediction,
    predictionScore,
    task,
    positiveClass: options.positiveClass === undefined ? null : String(options.positiveClass),
    ignoredColumns: [...ignore, ...datetimeColumns],
  };
  return { schema, decisions, datetimeColumns };
}
