import { describe, expect, it } from 'vitest';
import { type Cell, cellColumn, dataTableFromRows, numberColumn } from './data-table.js';
import { inferColumnKind, inferSchema } from './infer-schema.js';
import { SchemaError } from './schema-error.js';

const ints = (n: number, k: number) => Array.from({ length: n }, (_, i) => i % k);
const kindOf = (cells: readonly Cell[], maxCard?: number) => inferColumnKind(cellColumn(cells), 'c', maxCard).kind;

describe('inferColumnKind (the one kind rule: decideColumnKind over a census of every row)', () => {
  it('floats are numeric', () => expect(kindOf([0.5, 1.25, null, 3])).toBe('numeric'));
  it('few distinct integers are categorical, many are numeric (cut-off 10 by default)', () => {
    expect(kindOf(ints(100, 10))).toBe('categorical');
    expect(kindOf(ints(100, 11))).toBe('numeric');
    expect(kindOf(ints(100, 3), 2)).toBe('numeric');
    expect(kindOf(ints(100, 2), 0)).toBe('numeric');
  });
  it('strings are categorical; a column needs more than half numbers to be numeric', () => {
    expect(kindOf(['a', 'b', null])).toBe('categorical');
    expect(kindOf([1.5, 'x', 'y'])).toBe('categorical');
    expect(kindOf([1.5, 2.5, 'x'])).toBe('numeric');
  });
  it('a mostly-numeric column with stray strings stays numeric; the strays are counted exactly, with examples and a warning', () => {
    const cells: Cell[] = Array.from({ length: 15_000 }, (_, i) => i + 0.5);
    for (let i = 0; i < 300; i++) cells[i * 50] = i % 2 === 0 ? 'high' : '0,5';
    const decision = inferColumnKind(cellColumn(cells), 'amount');
    expect(decision).toMatchObject({ kind: 'numeric', presentCount: 15_000, invalidCount: 300 });
    expect(decision.invalidExamples).toEqual(['"high"', '"0,5"']);
    expect(decision.warning).toMatch(
      /column 'amount' read as numeric: 14,700 of 15,000 values \(98\.0 %\) are numbers; the other 300 count as invalid \(e\.g\. "high", "0,5"\)/,
    );
  });
  it('booleans and true/false strings are boolean; NaN and blanks are missing', () => {
    expect(kindOf([true, false, null, 'True', 'FALSE', Number.NaN, ' '])).toBe('boolean');
  });
  it('ISO 8601 dates are recognised (calendar-valid only)', () => {
    expect(kindOf(['2024-01-01', '2024-01-02T03:04:05Z', '2024-03-01 10:00', null])).toBe('datetime');
    expect(kindOf(['2024-02-30', '2024-13-01', 'x'])).toBe('categorical');
  });
  it('an all-missing column is categorical', () => expect(kindOf([null, Number.NaN, ''])).toBe('categorical'));
  it('a constant column is reported', () => {
    expect(inferColumnKind(cellColumn([2.5, 2.5, null, 2.5]), 'k')).toMatchObject({
      kind: 'numeric',
      constant: true,
      warning: expect.stringMatching(/'k' is constant/),
    });
  });
  it('typed columns decide exactly as their boxed cells do', () => {
    const values = Float64Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? NaN : (i % 7) + 0.5));
    values[3] = NaN; // an invalid row holds NaN, its text in `invalid`
    const typed = inferColumnKind(numberColumn(values, new Map([[3, 'oops']])), 'c');
    const boxed = inferColumnKind(
      cellColumn(Array.from(values, (v, i) => (i === 3 ? 'oops' : Number.isNaN(v) ? null : v))),
      'c',
    );
    expect(typed).toEqual(boxed);
    const codes = Int32Array.from({ length: 300 }, (_, i) => (i % 5 === 0 ? -1 : i % 3));
    const category = inferColumnKind({ type: 'category', codes, dictionary: ['1.5', '2', 'x'] }, 'c');
    expect(category).toEqual(
      inferColumnKind(cellColumn(Array.from(codes, (c) => (c < 0 ? null : ['1.5', '2', 'x'][c]))), 'c'),
    );
  });
});

const table = dataTableFromRows(
  Array.from({ length: 40 }, (_, i) => ({
    age: 20 + i * 1.5,
    city: ['x', 'y', 'z'][i % 3],
    member: i % 2 === 0,
    id: i,
    label: i % 2,
    pred: (i + 1) % 2,
    score: i / 40,
  })),
);

describe('inferSchema', () => {
  it('infers kinds, keeps roles out of the features and applies overrides', () => {
    const schema = inferSchema(table, {
      target: 'label',
      prediction: 'pred',
      predictionScore: 'score',
      positiveClass: 1,
      ignore: ['id'],
      exclude: ['member'],
      overrides: {
        city: { allowedValues: ['x', 'y', 'z'], importanceWeight: 2 },
        age: { bounds: { min: 0 }, test: 'psi', threshold: 0.2 },
      },
    });
    expect(schema.features.map((f) => [f.name, f.kind, f.excluded])).toEqual([
      ['age', 'numeric', false],
      ['city', 'categorical', false],
      ['member', 'boolean', true],
    ]);
    expect(schema.features[1]).toMatchObject({
      allowedValues: ['x', 'y', 'z'],
      importanceWeight: 2,
      kindSource: 'inferred',
    });
    expect(schema.features[0]).toMatchObject({ bounds: { min: 0 }, test: 'psi', threshold: 0.2 });
    expect(schema.target).toEqual({ name: 'label', kind: 'categorical' });
    expect(schema.task).toBe('classification');
    expect(schema.positiveClass).toBe('1');
    expect(schema.ignoredColumns).toEqual(['id']);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('a kind override wins and is marked', () => {
    const schema = inferSchema(table, { overrides: { id: { kind: 'numeric' } } });
    expect(schema.features.find((f) => f.name === 'id')).toMatchObject({ kind: 'numeric', kindSource: 'override' });
    expect(schema.task).toBeNull();
  });

  it('a numeric target means regression', () => {
    expect(inferSchema(table, { target: 'age' }).task).toBe('regression');
  });

  const bad: [string, Parameters<typeof inferSchema>[1], string][] = [
    ['unknown target', { target: 'nope' }, 'target'],
    ['same column twice', { target: 'label', prediction: 'label' }, 'target'],
    ['non-numeric score', { predictionScore: 'city' }, 'predictionScore'],
    ['unknown override', { overrides: { nope: {} } }, 'overrides.nope'],
    ['override of an ignored column', { ignore: ['id'], overrides: { id: {} } }, 'overrides.id'],
    ['negative weight', { overrides: { age: { importanceWeight: -1 } } }, 'overrides.age.importanceWeight'],
    ['zero threshold', { overrides: { age: { threshold: 0 } } }, 'overrides.age.threshold'],
    ['inverted bounds', { overrides: { age: { bounds: { min: 2, max: 1 } } } }, 'overrides.age.bounds'],
    ['bounds on a categorical', { overrides: { city: { bounds: { min: 1 } } } }, 'overrides.city.bounds'],
    ['allowed values on a numeric', { overrides: { age: { allowedValues: ['a'] } } }, 'overrides.age.allowedValues'],
    ['empty allowed values', { overrides: { city: { allowedValues: [] } } }, 'overrides.city.allowedValues'],
    ['bad kind', { overrides: { age: { kind: 'text' as never } } }, 'overrides.age.kind'],
    ['bad cardinality', { maxCategoricalIntegerCardinality: -1 }, 'maxCategoricalIntegerCardinality'],
    ['unknown exclude', { exclude: ['nope'] }, 'exclude'],
    ['bad task', { task: 'ranking' as never }, 'task'],
  ];
  it.each(bad)('rejects %s with a SchemaError naming the field', (_label, options, field) => {
    let error: unknown;
    try {
      inferSchema(table, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).field).toBe(field);
  });
});
