import type { Column, DataTable } from '../domain/data-table.js';
import { inferColumnKind } from '../domain/infer-schema.js';
import { ModelError } from './model-error.js';
import type { ModelFeature } from './model-types.js';

/**
 * Feature kinds by the one kind rule of every path (domain/decide-column-kind.ts, the same as `report` and the
 * reference upload): mostly numbers → numeric (small integer codes → categorical), mostly true/false → boolean,
 * anything else → categorical. Date-time columns are not features. Every other column except `target` and
 * `exclude` is a feature.
 */
export function inferModelFeatures(table: DataTable, target: string, exclude: readonly string[] = []): ModelFeature[] {
  const features: ModelFeature[] = [];
  for (const name of table.columnNames) {
    if (name === target || exclude.includes(name)) continue;
    const decision = inferColumnKind(table.columns.get(name) as Column, name);
    if (decision.kind === 'datetime') continue;
    features.push({ name, kind: decision.kind });
  }
  if (features.length === 0) throw new ModelError('features', `no feature columns besides the target "${target}"`);
  return features;
}
