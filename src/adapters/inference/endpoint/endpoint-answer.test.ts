import { describe, expect, it } from 'vitest';
import { type AnswerReading, predictionOfAnswer } from './endpoint-answer.js';
import { mlflowScoringProtocol } from './mlflow-scoring-protocol.js';

const binary: AnswerReading = { task: 'binary', classLabels: null, positiveClass: null, output: {} };
const regression: AnswerReading = { ...binary, task: 'regression' };
const none = { probability: null, label: null, value: null };
const mlflow = mlflowScoringProtocol([{ name: 'age', type: 'float64' }]);
const read = (answer: unknown, rows: number, reading = binary) =>
  mlflow.rowItems(answer, rows).map((item, i) => predictionOfAnswer(item, reading, i));

describe('reading an MLflow endpoint answer', () => {
  it('reads every shape of "predictions": numbers, probability lists, records, a split frame, a dict of columns', () => {
    expect(read({ predictions: [0.25, 0.75] }, 2)).toEqual([
      { ...none, probability: 0.25 },
      { ...none, probability: 0.75 },
    ]);
    expect(
      read(
        {
          predictions: [
            [0.9, 0.1],
            [0.2, 0.8],
          ],
        },
        2,
      ),
    ).toEqual([
      { ...none, probability: 0.1 },
      { ...none, probability: 0.8 },
    ]);
    expect(read({ predictions: [{ label: 'no', probability: 0.3 }] }, 1)).toEqual([
      { ...none, label: 'no', probability: 0.3 },
    ]);
    expect(read({ predictions: { columns: ['label', 'probability'], data: [['yes', 0.6]] } }, 1)).toEqual([
      { ...none, label: 'yes', probability: 0.6 },
    ]);
    expect(read({ predictions: { label: ['no', 'yes'], probability: [0.1, 0.9] } }, 2)).toEqual([
      { ...none, label: 'no', probability: 0.1 },
      { ...none, label: 'yes', probability: 0.9 },
    ]);
    expect(read(['yes'], 1)).toEqual([{ ...none, label: 'yes' }]); // MLflow 1.x: a bare list
    expect(read({ predictions: [3.5, [-1]] }, 2, regression)).toEqual([
      { ...none, value: 3.5 },
      { ...none, value: -1 },
    ]);
    expect(read({ predictions: [{ prediction: 2 }] }, 1, regression)).toEqual([{ ...none, value: 2 }]);
  });

  it('finds the positive class by classLabels / positiveClass, in vectors and as a record key', () => {
    const labelled: AnswerReading = { ...binary, classLabels: ['yes', 'no'] };
    expect(read({ predictions: [[0.7, 0.3]] }, 1, labelled)[0].probability).toBe(0.7); // 'yes' is the sorted second
    expect(read({ predictions: [[0.7, 0.3]] }, 1, { ...labelled, positiveClass: 'no' })[0].probability).toBe(0.3);
    expect(read({ predictions: [{ no: 0.4, yes: 0.6 }] }, 1, { ...binary, positiveClass: 'yes' })[0].probability).toBe(
      0.6,
    );
    expect(read({ predictions: [1, 0] }, 2, { ...binary, output: { predictions: 'label' } })).toEqual([
      { ...none, label: 1 },
      { ...none, label: 0 },
    ]);
    expect(
      read({ predictions: [{ p: 0.2, y: 'n' }] }, 1, { ...binary, output: { probability: 'p', label: 'y' } }),
    ).toEqual([{ ...none, probability: 0.2, label: 'n' }]);
  });

  it('refuses answers it cannot read, saying which row and what was wrong', () => {
    expect(() => read({ predictions: [0.5] }, 2)).toThrow("the MLflow endpoint's answer has 1 predictions for 2 rows");
    expect(() => read({ result: [] }, 0)).toThrow('has no "predictions"');
    expect(() => read({ predictions: [1.7] }, 1)).toThrow(
      "the endpoint's answer for row 0 has probability 1.7; expected a number in [0, 1]",
    );
    expect(() => read({ predictions: [[0.2, 0.3, 0.5]] }, 1)).toThrow(
      'has 3 probabilities; driftguard serves binary classifiers',
    );
    expect(() => read({ predictions: [[0.2, 0.8]] }, 1, { ...binary, positiveClass: 'yes' })).toThrow(
      /declare serving\.classLabels/,
    );
    expect(() => read({ predictions: [{ other: 1 }] }, 1)).toThrow(
      'has neither a probability nor a label field in other',
    );
    expect(() => read({ predictions: ['x'] }, 1, regression)).toThrow('row 0 has value "x"; expected a finite number');
    expect(() => read({ predictions: { columns: 3 } }, 1)).toThrow(
      /neither \{"columns", "data"\} nor a dict of columns/,
    );
  });

  it('sends a dataframe_split with one column per feature, null for missing, and refuses wrong types', () => {
    const protocol = mlflowScoringProtocol([
      { name: 'age', type: 'float64' },
      { name: 'plan', type: 'string' },
      { name: 'n', type: 'int64' },
      { name: 'ok', type: 'bool' },
    ]);
    expect(
      protocol.requestBody([
        { age: 31.5, plan: 'pro', n: 2, ok: 'TRUE' },
        { age: null, plan: 7, n: Number.NaN, ok: 0 },
      ]),
    ).toEqual({
      dataframe_split: {
        columns: ['age', 'plan', 'n', 'ok'],
        data: [
          [31.5, 'pro', 2, true],
          [null, '7', null, false],
        ],
      },
    });
    expect(() => protocol.requestBody([{ age: 'old', plan: 'a', n: 1, ok: true }])).toThrow(
      /^age: row 0: expected a finite number, got "old"/,
    );
    expect(() => protocol.requestBody([{ age: 1, plan: 'a', n: 1.5, ok: true }])).toThrow(
      /^n: row 0: expected an integer/,
    );
  });
});
