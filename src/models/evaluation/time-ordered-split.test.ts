import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataTableFromRows, requireCells } from '../../domain/data-table.js';
import { explicitSplit, timeOrderedSplit } from './time-ordered-split.js';

const table = (n: number) =>
  dataTableFromRows(Array.from({ length: n }, (_, i) => ({ id: i, t: (i * 7) % n, x: i * 0.5 })));

describe('timeOrderedSplit', () => {
  it('splits by row order 70/15/15 by default without shuffling', () => {
    const s = timeOrderedSplit(table(100));
    expect([s.train.rowCount, s.validation.rowCount, s.test.rowCount]).toEqual([70, 15, 15]);
    expect(requireCells(s.train, 'id').slice(0, 3)).toEqual([0, 1, 2]);
    expect(requireCells(s.test, 'id')[14]).toBe(99);
    expect(s.orderedBy).toBe('row order');
  });

  it('orders by a numeric time column, stable on ties, every row exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 60 }), (times) => {
        const t = dataTableFromRows(times.map((time, id) => ({ id, time })));
        const s = timeOrderedSplit(t, {
          timeColumn: 'time',
          trainFraction: 0.5,
          validationFraction: 0.2,
          testFraction: 0.3,
        });
        const ids = [...s.rows.train, ...s.rows.validation, ...s.rows.test];
        expect([...ids].sort((a, b) => a - b)).toEqual(times.map((_, i) => i));
        for (let k = 1; k < ids.length; k++) {
          const [a, b] = [ids[k - 1], ids[k]];
          expect(times[a] < times[b] || (times[a] === times[b] && a < b)).toBe(true);
        }
      }),
    );
  });

  it('orders date-time strings as UTC instants', () => {
    const t = dataTableFromRows([
      { ts: '2018-01-01 00:10:00.000', k: 'b' },
      { ts: '2018-01-01 00:00:00.000', k: 'a' },
      { ts: '2017-12-31T23:59:00Z', k: 'first' },
      { ts: '2018-02-01', k: 'last' },
    ]);
    const s = timeOrderedSplit(t, { timeColumn: 'ts', trainFraction: 0.75, validationFraction: 0, testFraction: 0.25 });
    expect(requireCells(s.train, 'k')).toEqual(['first', 'a', 'b']);
    expect(requireCells(s.test, 'k')).toEqual(['last']);
  });

  it('rejects bad fractions, unknown or unparsable time columns and too few rows', () => {
    expect(() => timeOrderedSplit(table(10), { trainFraction: 0.9 })).toThrow(
      'testFraction: train, validation and test fractions must sum to 1',
    );
    expect(() => timeOrderedSplit(table(10), { trainFraction: -1 })).toThrow(
      'trainFraction: must be a number in [0, 1], got -1',
    );
    expect(() => timeOrderedSplit(table(10), { timeColumn: 'when' })).toThrow(
      'timeColumn: no column "when"; columns: id, t, x',
    );
    const bad = dataTableFromRows([{ ts: '2018-01-01' }, { ts: 'yesterday' }]);
    expect(() => timeOrderedSplit(bad, { timeColumn: 'ts' })).toThrow(
      'ts[1]: time column values must be finite numbers or date-time strings, got "yesterday"',
    );
    expect(() => timeOrderedSplit(table(1))).toThrow(
      'table: 1 rows are too few for a 0.7/0.15/0.15 split (train 0, test 1 rows)',
    );
  });
});

describe('explicitSplit', () => {
  it('keeps given sets and checks their columns', () => {
    const s = explicitSplit({ train: table(5), test: table(3) });
    expect(s.validation.rowCount).toBe(0);
    expect(s.orderedBy).toBe('explicit sets');
    expect(() => explicitSplit({ train: table(5), test: dataTableFromRows([{ id: 1 }]) })).toThrow(
      'test: lacks training columns: t, x',
    );
  });
});
