import type { DataTable } from '../../domain/data-table.js';
import type { FeatureKind } from '../../domain/feature-schema.js';
import { DriftConfigError } from '../drift-config-error.js';

/** A feature the multivariate test looks at (a column of both tables; absent from `current` = all missing there). */
export interface MultivariateFeature {
  readonly name: string;
  readonly kind: FeatureKind;
}

/** What a multivariate detector compares: the reference rows and the current rows over the same features. */
export interface MultivariateInput {
  readonly reference: DataTable;
  readonly current: DataTable;
  readonly features: readonly MultivariateFeature[];
}

/** Throws DriftConfigError unless there are features, each a reference column, and ≥ `minRows` rows per side. */
export function checkMultivariateInput(input: MultivariateInput, minRows: number, method: string): void {
  if (input.features.length === 0) throw new DriftConfigError('multivariate', 'needs at least one feature to test');
  for (const feature of input.features) {
    if (!input.reference.columns.has(feature.name)) {
      throw new DriftConfigError('multivariate', `feature "${feature.name}" is not a column of the reference`);
    }
  }
  for (const [side, table] of [
    ['reference', input.reference],
    ['current', input.current],
  ] as const) {
    if (table.rowCount < minRows) {
      throw new DriftConfigError(
        'multivariate',
        `the ${method} test needs at least ${minRows} rows on each side; the ${side} has ${table.rowCount}`,
      );
    }
  }
}
