import type { Cell, DataTable } from '../../../src/domain/data-table.js';
import { dataTableFromColumns } from '../../../src/domain/data-table.js';
import type { MultivariateFeature } from '../../../src/drift/multivariate/multivariate-input.js';
import { createSeededRandom } from '../../../src/models/evaluation/seeded-random.js';

/** Options of `jointShiftTable`; every shift keeps the marginals of x0, x1 and cat intact unless said otherwise. */
export interface JointShiftOptions {
  readonly rows: number;
  readonly seed: number;
  /** Correlation of x0 and x1 (default 0.9). */
  readonly correlation?: number;
  /** Share of rows whose x1 is shuffled against the other columns (joint-only shift). */
  readonly shuffleShare?: number;
  /** Share of rows whose x2 is missing (null). */
  readonly missingShare?: number;
  /** Probability of category `c` instead of a / b (a marginal shift of `cat`; default 0.2). */
  readonly rareCategoryShare?: number;
  /** Added to x3 (a marginal location shift, in standard deviations). */
  readonly x3Shift?: number;
}

/** The features of a `jointShiftTable`. */
export const JOINT_SHIFT_FEATURES: readonly MultivariateFeature[] = [
  { name: 'x0', kind: 'numeric' },
  { name: 'x1', kind: 'numeric' },
  { name: 'x2', kind: 'numeric' },
  { name: 'x3', kind: 'numeric' },
  { name: 'cat', kind: 'categorical' },
  { name: 'flag', kind: 'boolean' },
];

/**
 * A seeded table with two correlated normals x0, x1, independent normals x2 and x3, a categorical `cat` that follows
 * the sign of x0 (a / b, or c) and a boolean `flag` — plus the injected shifts of `options`.
 */
export function jointShiftTable(options: JointShiftOptions): DataTable {
  const random = createSeededRandom(options.seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rho = options.correlation ?? 0.9;
  const n = options.rows;
  const x0: Cell[] = [];
  const x1: Cell[] = [];
  const x2: Cell[] = [];
  const x3: Cell[] = [];
  const cat: Cell[] = [];
  const flag: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const z = normal();
    x0.push(z);
    x1.push(rho * z + Math.sqrt(1 - rho * rho) * normal());
    x2.push(random() < (options.missingShare ?? 0) ? null : normal());
    x3.push(normal() + (options.x3Shift ?? 0));
    cat.push(random() < (options.rareCategoryShare ?? 0.2) ? 'c' : z > 0 ? 'a' : 'b');
    flag.push(random() < 0.3);
  }
  const share = options.shuffleShare ?? 0;
  if (share > 0) {
    const rows = Array.from({ length: n }, (_, i) => i).filter(() => random() < share);
    const values = rows.map((i) => x1[i]);
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [values[i], values[j]] = [values[j], values[i]];
    }
    rows.forEach((i, k) => (x1[i] = values[k]));
  }
  return dataTableFromColumns({ x0, x1, x2, x3, cat, flag }, n);
}
