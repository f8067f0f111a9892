import { booleanOfCell, categoryKeyOfCell } from '../../domain/cell-values.js';
import type { ColumnProfile, ReferenceProfile } from '../../drift/index.js';

/** The classes a label may take, compared through `keyOf` (string form; booleans normalised for boolean targets). */
export interface KnownClasses {
  readonly classes: ReadonlySet<string>;
  readonly keyOf: (label: string | number | boolean) => string;
  /** Where they come from, for the refusal: `the reference profile`, `champion version 3`. */
  readonly source: string;
}

/** Every value of a column profile, or null when it did not count every value (a capped or sampled column). */
function exhaustiveValues(column: ColumnProfile): string[] | null {
  if (column.kind === 'numeric') return column.valueCounts?.map((v) => String(v.value)) ?? null;
  return column.otherCount > 0 ? null : column.categories.map((c) => c.value);
}

const keyFor =
  (booleanLike: boolean) =>
  (label: string | number | boolean): string => {
    const asBoolean = booleanLike ? booleanOfCell(label) : undefined;
    return asBoolean === undefined ? categoryKeyOfCell(label) : String(asBoolean);
  };

/**
 * The classes of a classification model, from the reference profile in force (its target and prediction columns,
 * when it counted every value) and the champion's class labels; null when neither says (regression, no reference
 * with a target, no champion) — then labels cannot be checked and are taken as they come.
 */
export function knownClasses(
  profile: ReferenceProfile | null,
  championLabels: { readonly version: string; readonly labels: readonly string[] } | null,
  task: 'classification' | 'regression' | undefined,
): KnownClasses | null {
  if (task === 'regression' || profile?.schema.task === 'regression') return null;
  const columns = [profile?.target ?? null, profile?.prediction ?? null].filter((c): c is ColumnProfile => c !== null);
  const booleanLike = columns.some((c) => c.kind === 'boolean');
  const keyOf = keyFor(booleanLike);
  const classes = new Set<string>();
  const sources: string[] = [];
  const fromProfile = columns.map(exhaustiveValues);
  if (fromProfile.length > 0 && fromProfile.every((values) => values !== null)) {
    for (const values of fromProfile) for (const v of values!) classes.add(keyOf(v));
    sources.push('the reference profile');
  }
  if (championLabels !== null) {
    for (const label of championLabels.labels) classes.add(keyOf(label));
    sources.push(`champion version ${championLabels.version}`);
  }
  return classes.size === 0 ? null : { classes, keyOf, source: sources.join(' and ') };
}
