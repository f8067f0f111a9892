import { describe, expect, it } from 'vitest';
import { dataTableFromRows } from './data-table.js';

describe('dataTableFromRows', () => {
  it('takes the union of keys in first-seen order and fills absent cells with null', () => {
    const table = dataTableFromRows([
      { a: 1, b: 'x' },
      { c: true, a: 2 },
    ]);
    expect(table.columnNames).toEqual(['a', 'b', 'c']);
    expect(table.rowCount).toBe(2);
    expect(table.columns).toEqual({ a: [1, 2], b: ['x', null], c: [null, true] });
  });

  it('gives an empty table for no rows', () => {
    expect(dataTableFromRows([])).toEqual({ columnNames: [], rowCount: 0, columns: {} });
  });
});
