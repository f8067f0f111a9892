import { type Cell, type Column, cellAt, type DataTable, dataTableFromRows } from '../../../src/domain/data-table.js';
import { createSeededRandom } from '../../../src/models/index.js';

/**
 * A labelled binary table for train / predict tests: numeric `income` and `debt`, categorical `region`, boolean
 * `owner`, an `id`, a shuffled ISO `ts` time column and target `default` ("yes" / "no") depending on all of them.
 */
export function trainingTable(n: number, seed: number): DataTable {
  const random = createSeededRandom(seed);
  const rows: Record<string, Cell>[] = [];
  for (let i = 0; i < n; i++) {
    const income = Math.round(20 + 80 * random());
    const debt = Math.round(100 * random()) / 100;
    const region = ['north', 'south', 'east'][Math.floor(3 * random())];
    const owner = random() < 0.5;
    const logit = -0.05 * (income - 60) + 3 * (debt - 0.5) + (region === 'south' ? 1 : 0) - (owner ? 0.7 : 0);
    const label = random() < 1 / (1 + Math.exp(-logit)) ? 'yes' : 'no';
    const minute = (i * 7919) % n;
    const ts = new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString().replace('T', ' ').replace('Z', '');
    rows.push({ id: i, ts, income, debt, region, owner, default: label });
  }
  return dataTableFromRows(rows);
}

/** The table as CSV text (booleans as True/False, like pandas writes them). */
export function tableToCsv(table: DataTable): string {
  const lines = [table.columnNames.join(',')];
  for (let i = 0; i < table.rowCount; i++) {
    lines.push(
      table.columnNames
        .map((c) => {
          const cell = cellAt(table.columns.get(c) as Column, i);
          return cell === null ? '' : typeof cell === 'boolean' ? (cell ? 'True' : 'False') : String(cell);
        })
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
