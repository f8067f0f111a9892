/**
 * The multivariate detectors' only contact with DataTable cells: pooling sampled rows of both sides into one
 * table, and replacing a column (permutation importance). Keep it that way — the cell representation may change.
 */
import {
  type Cell,
  type Column,
  cellsOf as cellsOfColumn,
  type DataTable,
  dataTableOf,
  selectColumnRows,
  withColumn,
} from '../../domain/data-table.js';
import type { MultivariateFeature, MultivariateInput } from './multivariate-input.js';

/** Cells of `name` in `table`, or null when the table has no such column (then every cell is missing). */
export function cellsOf(table: DataTable, name: string): readonly Cell[] | null {
  const column = table.columns.get(name);
  return column === undefined ? null : cellsOfColumn(column);
}

/**
 * One table of the features: the reference rows `referenceRows` followed by the current rows `currentRows`; a
 * feature absent from a side is missing (null) there. `extra` columns (e.g. a side label) are appended as given.
 */
export function pooledTable(
  input: MultivariateInput,
  referenceRows: ArrayLike<number>,
  currentRows: ArrayLike<number>,
  extra: Readonly<Record<string, readonly Cell[]>> = {},
): DataTable {
  const nRef = referenceRows.length;
  const rowCount = nRef + currentRows.length;
  const columns: [string, Column | readonly Cell[]][] = [];
  const pick = (feature: MultivariateFeature): Cell[] => {
    const out = new Array<Cell>(rowCount);
    const ref = cellsOf(input.reference, feature.name);
    const cur = cellsOf(input.current, feature.name);
    for (let i = 0; i < nRef; i++) out[i] = ref === null ? null : ref[referenceRows[i]];
    for (let i = 0; i < currentRows.length; i++) out[nRef + i] = cur === null ? null : cur[currentRows[i]];
    return out;
  };
  for (const feature of input.features) columns.push([feature.name, pick(feature)]);
  columns.push(...Object.entries(extra));
  return dataTableOf(columns, rowCount);
}

/** `table` with the cells of column `name` reordered: row i gets the cell of row `order[i]`. */
export function withPermutedColumn(table: DataTable, name: string, order: ArrayLike<number>): DataTable {
  const column = table.columns.get(name);
  if (column === undefined) return table;
  return withColumn(table, name, selectColumnRows(column, order));
}
