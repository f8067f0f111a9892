import { type Cell, type DataTable, dataTableFromColumns, sliceTableRows } from '../../../src/domain/data-table.js';
import { seededUniforms } from '../../../src/models/quantile-bins.js';

export interface SyntheticOptions {
  readonly rows: number;
  readonly numericFeatures?: number;
  /** Adds `city` (categorical, 6 values + rare ones) and `member` (boolean) features. */
  readonly mixed?: boolean;
  /** Share of missing cells in every feature (default 0). */
  readonly missingRate?: number;
  readonly seed?: number;
  readonly task?: 'binary' | 'regression';
}

const CITIES = ['paris', 'lyon', 'nice', 'lille', 'brest', 'metz'];

/**
 * A deterministic labelled table: numeric features x0…x{k−1} (normal-ish, different scales), optional city /
 * member, and a target that depends non-linearly on them (binary `label` ∈ {no, yes} or numeric `y`).
 */
export function syntheticTable(options: SyntheticOptions): DataTable {
  const { rows, numericFeatures = 5, mixed = false, missingRate = 0, seed = 1, task = 'binary' } = options;
  const u = seededUniforms(seed);
  const normal = (): number => u() + u() + u() + u() - 2;
  const columns: Record<string, Cell[]> = {};
  const names: string[] = [];
  const add = (name: string): Cell[] => {
    names.push(name);
    return (columns[name] = new Array<Cell>(rows));
  };
  const xs = Array.from({ length: numericFeatures }, (_, j) => add(`x${j}`));
  const city = mixed ? add('city') : null;
  const member = mixed ? add('member') : null;
  const target = add(task === 'binary' ? 'label' : 'y');
  for (let i = 0; i < rows; i++) {
    let z = -0.3;
    for (let j = 0; j < numericFeatures; j++) {
      const v = normal() * (j + 1) + j;
      const s = (v - j) / (j + 1);
      z += j % 3 === 0 ? 2 * s : j % 3 === 1 ? 1.5 * (s * s - 0.33) : s > 0.2 ? 1 : -0.5;
      xs[j][i] = u() < missingRate ? null : Math.round(v * 1000) / 1000;
    }
    if (city !== null && member !== null) {
      const r = u();
      const c = r < 0.01 ? `rare${Math.floor(u() * 50)}` : CITIES[Math.floor(r * CITIES.length)];
      z += c === 'paris' ? 1 : c === 'nice' ? -1 : 0;
      const m = u() < 0.4;
      z += m ? 0.7 : 0;
      city[i] = u() < missingRate ? null : c;
      member[i] = u() < missingRate ? null : m;
    }
    target[i] = task === 'binary' ? (u() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no') : z + 0.3 * normal();
  }
  return dataTableFromColumns(columns, rows);
}

/** Rows [start, end) of a table. */
export function sliceTable(table: DataTable, start: number, end: number): DataTable {
  return sliceTableRows(table, start, Math.min(end, table.rowCount));
}
