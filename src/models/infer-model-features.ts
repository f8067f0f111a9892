import type { DataTable } from '../domain/data-table.js';
import type { FeatureKind } from '../domain/feature-schema.js';
import { ModelError } from './model-error.js';
import type { ModelFeature } from './model-types.js';

/**
 * Feature kinds from the cells: all non-missing numbers → numeric, all booleans → boolean, anything else
 * (strings, mixed) → categorical. Every column except `target` and `exclude` is a feature.
 */
export function inferModelFeatures(table: DataTable, target: string, exclude: readonly string[] = []): ModelFeature[] {
  const features: ModelFeature[] = [];
  for (const name of table.columnNames) {
    if (name === target || exclude.includes(name)) continue;
    let numbers = 0;
    let booleans = 0;
    let others = 0;
    for (const cell of table.columns[name]) {
      if (cell === null) continue;
      if (typeof cell === 'number') numbers++;
      else if (typeof cell === 'boolean') booleans++;
      else others++;
    }
    const kind: FeatureKind =
      others > 0 || (numbers > 0 && booleans > 0) ? 'categorical' : booleans > 0 ? 'boolean' : 'numeric';
    features.push({ name, kind });
  }
  if (features.length === 0) throw new ModelError('features', `no feature columns besides the target "${target}"`);
  return features;
}
