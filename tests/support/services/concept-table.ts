import { type Cell, concatTables, type DataTable, dataTableFromRows } from '../../../src/domain/data-table.js';
import { createSeededRandom } from '../../../src/models/index.js';

/**
 * SEA-like concept: label "yes" iff a + b ≤ threshold, 10 % label noise; c is noise (shifted by `cOffset`: data drift
 * the label ignores); `t` counts rows from `start`.
 */
export function conceptTable(n: number, threshold: number, seed: number, start = 0, cOffset = 0): DataTable {
  const random = createSeededRandom(seed);
  const rows: Record<string, Cell>[] = [];
  for (let i = 0; i < n; i++) {
    const a = 10 * random();
    const b = 10 * random();
    const c = 10 * random() + cOffset;
    const clean = a + b <= threshold;
    rows.push({ t: start + i, a, b, c, label: (random() < 0.1 ? !clean : clean) ? 'yes' : 'no' });
  }
  return dataTableFromRows(rows);
}

/** Concatenates tables with the same columns. */
export function stackTables(...tables: DataTable[]): DataTable {
  return concatTables(tables);
}
