import { describe, expect, it } from 'vitest';
import {
  cellAt,
  cellsOf,
  concatTables,
  dataTableFromRows,
  numberColumn,
  requireCells,
  selectTableRows,
} from './data-table.js';

const cells = (table: ReturnType<typeof dataTableFromRows>) =>
  Object.fromEntries(table.columnNames.map((n) => [n, requireCells(table, n)]));

describe('dataTableFromRows', () => {
  it('takes the union of keys in first-seen order and fills absent cells with null', () => {
    const table = dataTableFromRows([
      { a: 1, b: 'x' },
      { c: true, a: 2 },
    ]);
    expect(table.columnNames).toEqual(['a', 'b', 'c']);
    expect(table.rowCount).toBe(2);
    expect(cells(table)).toEqual({ a: [1, 2], b: ['x', null], c: [null, true] });
  });

  it('gives an empty table for no rows', () => {
    const table = dataTableFromRows([]);
    expect({ names: table.columnNames, rows: table.rowCount, size: table.columns.size }).toEqual({
      names: [],
      rows: 0,
      size: 0,
    });
  });

  it('treats __proto__ and constructor as ordinary column names (issue 14 item 14)', () => {
    const rows = [JSON.parse('{"__proto__": 1.5, "constructor": "a", "x": 1}'), JSON.parse('{"x": 2}')];
    const table = dataTableFromRows(rows);
    expect(table.columnNames).toEqual(['__proto__', 'constructor', 'x']);
    expect(requireCells(table, '__proto__')).toEqual([1.5, null]);
    expect(requireCells(table, 'constructor')).toEqual(['a', null]);
  });
});

describe('typed columns', () => {
  it('a number column keeps missing (NaN) apart from invalid text', () => {
    const column = numberColumn(Float64Array.from([1, NaN, NaN, 4]), new Map([[2, 'high']]));
    expect(cellsOf(column)).toEqual([1, null, 'high', 4]);
    expect(cellAt(column, 2)).toBe('high');
  });

  it('row selection and concatenation keep types and invalid rows', () => {
    const a = {
      columnNames: ['v'],
      rowCount: 3,
      columns: new Map([['v', numberColumn(Float64Array.from([1, NaN, 3]), new Map([[1, 'x']]))]]),
    };
    const picked = selectTableRows(a, [2, 1]);
    expect(picked.columns.get('v')).toMatchObject({ type: 'number', invalid: new Map([[1, 'x']]) });
    const both = concatTables([a, picked]);
    expect(requireCells(both, 'v')).toEqual([1, 'x', 3, 3, 'x']);
    expect(both.columns.get('v')?.type).toBe('number');
  });
});
