import { describe, expect, it } from 'vitest';
import { dataTableFromRows } from './data-table.js';
import { inferColumnKind, inferSchema } from './infer-schema.js';
import { SchemaError } from './schema-error.js';

const ints = (n: number, k: number) => Array.from({ length: n }, (_, i) => i % k);

describe('inferColumnKind', () => {
  it('floats are numeric', () => expect(inferColumnKind([0.5, 1.25, null, 3])).toBe('numeric'));
  it('few distinct integers are categorical, many are numeric (cut-off 10 by default)', () => {
    expect(inferColumnKind(ints(100, 10))).toBe('categorical');
    expect(inferColumnKind(ints(100, 11))).toBe('numeric');
    expect(inferColumnKind(ints(100, 3), 2)).toBe('numeric');
    expect(inferColumnKind(ints(100, 2), 0)).toBe('numeric');
  });
  it('strings are categorical, even numbers mixed with more than 1 % strings', () => {
    expect(inferColumnKind(['a', 'b', null])).toBe('categorical');
    expect(inferColumnKind([1.5, 2.5, 'x'])).toBe('categorical');
  });
  it('a numeric column with under 1 % stray strings stays numeric', () => {
    const cells = [...Array.from({ length: 200 }, (_, i) => i + 0.5), 'oops'];
    expect(inferColumnKind(cells)).toBe('numeric');
  });
  it('booleans and true/false strings are boolean; NaN and blanks are missing', () => {
    expect(inferColumnKind([true, false, null, 'True', 'FALSE', Number.NaN, ' '])).toBe('boolean');
  });
  it('an all-missing column is categorical', () => expect(inferColumnKind([null, Number.NaN, ''])).toBe('categorical'));
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
