import type { NumericBounds } from '../domain/feature-schema.js';
import { zTestProportions } from '../stats/index.js';
import { type ColumnValues, MAX_EXAMPLES } from './column-values.js';
import type { DriftEngineConfig } from './drift-config.js';
import type { DataQualityFinding } from './drift-report.js';
import type { ColumnProfile } from './reference-profile.js';

/** A missing-rate change is reported only when also significant at this level (two-proportion z-test). */
export const MISSING_RATE_P_VALUE = 0.01;

/** What data-quality checks know about a column beyond its profile. */
export interface QualityContext {
  readonly bounds?: NumericBounds;
  readonly allowedValues?: readonly string[];
}

function finding(
  column: string,
  kind: DataQualityFinding['kind'],
  severity: DataQualityFinding['severity'],
  count: number,
  rowCount: number,
  message: string,
  examples: readonly string[] = [],
  details: DataQualityFinding['details'] = {},
): DataQualityFinding {
  return { column, kind, severity, count, rowCount, message, examples, details };
}

const rate = (x: number) => `${(100 * x).toFixed(1)} %`;

function missingRateChange(
  profile: ColumnProfile,
  current: ColumnValues,
  threshold: number,
): DataQualityFinding | null {
  const refRate = profile.rowCount === 0 ? 0 : profile.missingCount / profile.rowCount;
  const curRate = current.missingCount / current.rowCount;
  if (!(Math.abs(curRate - refRate) > threshold)) return null;
  const { pValue } = zTestProportions(profile.missingCount, profile.rowCount, current.missingCount, current.rowCount);
  if (!(pValue < MISSING_RATE_P_VALUE)) return null;
  return finding(
    profile.name,
    'missing_rate_change',
    'warning',
    current.missingCount,
    current.rowCount,
    `missing rate ${rate(curRate)} vs ${rate(refRate)} in the reference`,
    [],
    { referenceMissingRate: refRate, currentMissingRate: curRate, pValue },
  );
}

function outOfRange(
  profile: ColumnProfile,
  current: ColumnValues,
  bounds: NumericBounds | undefined,
): DataQualityFinding | null {
  if (profile.kind !== 'numeric' || current.kind !== 'numeric') return null;
  const declared = bounds !== undefined;
  const min = declared ? (bounds.min ?? -Infinity) : (profile.min ?? -Infinity);
  const max = declared ? (bounds.max ?? Infinity) : (profile.max ?? Infinity);
  let below = 0;
  let above = 0;
  const examples: string[] = [];
  const values = current.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= min && v <= max) continue;
    if (v < min) below++;
    else above++;
    if (examples.length < MAX_EXAMPLES) examples.push(String(v));
  }
  if (below + above === 0) return null;
  const source = declared ? 'declared bounds' : 'reference range';
  return finding(
    profile.name,
    'out_of_range',
    declared ? 'warning' : 'info',
    below + above,
    current.rowCount,
    `${below + above} value(s) outside the ${source} [${min}, ${max}] (${below} below, ${above} above)`,
    examples,
    { min: Number.isFinite(min) ? min : null, max: Number.isFinite(max) ? max : null, below, above, source },
  );
}

function unseenCategories(
  profile: ColumnProfile,
  current: ColumnValues,
  allowed: readonly string[] | undefined,
): DataQualityFinding | null {
  if (profile.kind === 'numeric' || current.kind === 'numeric') return null;
  // Without declared values, a profile that folded a tail into __other__ cannot tell unseen from rare values.
  if (allowed === undefined && profile.otherCount > 0) return null;
  const known = new Set(allowed ?? profile.categories.map((c) => c.value));
  let count = 0;
  const unseen: string[] = [];
  for (const [key, n] of current.counts) {
    if (known.has(key)) continue;
    count += n;
    unseen.push(key);
  }
  if (count === 0) return null;
  const source = allowed === undefined ? 'reference categories' : 'allowed values';
  return finding(
    profile.name,
    'unseen_category',
    allowed === undefined ? 'warning' : 'error',
    count,
    current.rowCount,
    `${count} value(s) in ${unseen.length} categor${unseen.length === 1 ? 'y' : 'ies'} not among the ${source}`,
    unseen.slice(0, MAX_EXAMPLES),
    { distinctUnseen: unseen.length, source },
  );
}

function constantValue(current: ColumnValues): string | null {
  if (current.kind === 'numeric') {
    const v = current.values;
    if (v.length < 2) return null;
    for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return null;
    return String(v[0]);
  }
  if (current.validCount < 2 || current.counts.size !== 1) return null;
  return [...current.counts.keys()][0];
}

/**
 * Data-quality findings of one column of the current data against its reference profile: missing column, empty
 * column, type violations, missing-rate change (|Δ| > `dataQuality.missingRateChange` and z-test p < 0.01),
 * out-of-range numbers (declared bounds, else the reference range), unseen categories (allowed values, else the
 * reference categories) and a constant column. Each finding carries counts and up to 5 examples.
 */
export function findDataQualityIssues(
  profile: ColumnProfile,
  current: ColumnValues | null,
  rowCount: number,
  config: DriftEngineConfig,
  context: QualityContext = {},
): DataQualityFinding[] {
  const name = profile.name;
  if (current === null) {
    return [
      finding(name, 'missing_column', 'error', rowCount, rowCount, `column '${name}' is absent from the current data`),
    ];
  }
  const out: DataQualityFinding[] = [];
  const valid = current.rowCount - current.missingCount - current.typeViolationCount;
  if (current.rowCount > 0 && valid === 0) {
    out.push(
      finding(
        name,
        'empty_column',
        'error',
        current.rowCount,
        current.rowCount,
        `no valid value in ${current.rowCount} row(s)`,
        [],
        {
          missing: current.missingCount,
          typeViolations: current.typeViolationCount,
        },
      ),
    );
  }
  if (current.typeViolationCount > 0) {
    out.push(
      finding(
        name,
        'type_violation',
        'warning',
        current.typeViolationCount,
        current.rowCount,
        `${current.typeViolationCount} value(s) are not ${profile.kind === 'categorical' ? 'valid categories' : profile.kind}`,
        current.typeViolationExamples,
        { expectedKind: profile.kind },
      ),
    );
  }
  const checks = [
    current.rowCount > 0 ? missingRateChange(profile, current, config.dataQuality.missingRateChange) : null,
    outOfRange(profile, current, context.bounds),
    unseenCategories(profile, current, context.allowedValues),
  ];
  for (const c of checks) if (c !== null) out.push(c);
  const constant = constantValue(current);
  if (constant !== null) {
    const referenceConstant = profile.validCount > 0 && profile.distinctCount === 1;
    out.push(
      finding(
        name,
        'constant_column',
        referenceConstant ? 'info' : 'warning',
        valid,
        current.rowCount,
        `every valid value is ${constant}${referenceConstant ? ' (also constant in the reference)' : ''}`,
        [constant],
        { referenceDistinctCount: profile.distinctCount },
      ),
    );
  }
  return out;
}
