/**
 * Turning one row of a scoring endpoint's answer into a prediction, whatever its form: a bare number or string, a
 * probability vector, or a record of named fields. The rules (also in docs, phase 2):
 *  binary     number → P(positive) (or the label / value when `output.predictions` says so); string → the label;
 *             [p0, p1, …] → column of the positive class (classLabels order; default the second column = the
 *             second sorted label); {…} → `output.probability` | probability | score | <positive class> (a number
 *             or a vector) and `output.label` | label.
 *  regression number or [v] → value; {…} → `output.value` | prediction | value | predictions | score.
 * A probability outside [0, 1] or a value that is not a finite number is an error, never a silent pass.
 */
import type { ClassLabel } from '../../../models/inference/inference-mapping.js';
import { positiveClassOf } from '../../../models/inference/positive-class.js';
import { type InferencePrediction, InferenceUnavailableError } from '../../../ports/inference-model.js';

export interface AnswerReading {
  readonly task: 'binary' | 'regression';
  /** Order of the probability columns; null = unknown (then the positive class is the second column). */
  readonly classLabels: readonly ClassLabel[] | null;
  /** Declared positive class (string form), or null for the default. */
  readonly positiveClass: string | null;
  readonly output: {
    readonly probability?: string;
    readonly label?: string;
    readonly value?: string;
    readonly predictions?: 'probability' | 'label' | 'value';
  };
}

const bad = (row: number, what: string): InferenceUnavailableError =>
  new InferenceUnavailableError(`the endpoint's answer for row ${row} ${what}`);

/** The probability column of the positive class. */
export function positiveColumn(reading: AnswerReading, width: number, row: number): number {
  if (reading.classLabels !== null) {
    if (reading.classLabels.length !== width)
      throw bad(row, `has ${width} probabilities but classLabels has ${reading.classLabels.length}`);
    return reading.classLabels.indexOf(positiveClassOf(reading.classLabels, reading.positiveClass));
  }
  if (reading.positiveClass !== null)
    throw bad(
      row,
      'is a probability vector: declare serving.classLabels (its column order) to find the positive class',
    );
  if (width !== 2) throw bad(row, `has ${width} probabilities; driftguard serves binary classifiers`);
  return 1;
}

function probability(value: unknown, reading: AnswerReading, row: number): number {
  const p = Array.isArray(value) ? value[positiveColumn(reading, value.length, row)] : value;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1))
    throw bad(row, `has probability ${JSON.stringify(p)}; expected a number in [0, 1]`);
  return p;
}

function finite(value: unknown, row: number): number {
  const v = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw bad(row, `has value ${JSON.stringify(v)}; expected a finite number`);
  return v;
}

function label(value: unknown, row: number): string | number {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  if (typeof value === 'boolean') return String(value);
  throw bad(row, `has label ${JSON.stringify(value)}; expected a string or a number`);
}

const firstPresent = (record: Record<string, unknown>, names: readonly (string | undefined)[]): unknown => {
  for (const name of names) if (name !== undefined && record[name] !== undefined) return record[name];
  return undefined;
};

/** One row of the answer → prediction; see the file comment. */
export function predictionOfAnswer(item: unknown, reading: AnswerReading, row: number): InferencePrediction {
  const none: InferencePrediction = { probability: null, label: null, value: null };
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const record = item as Record<string, unknown>;
    if (reading.task === 'regression') {
      const value = firstPresent(record, [reading.output.value, 'prediction', 'value', 'predictions', 'score']);
      if (value === undefined)
        throw bad(
          row,
          `has no value field (looked for ${[reading.output.value ?? 'prediction', 'value', 'predictions', 'score'].join(', ')}) in ${Object.keys(record).join(', ')}`,
        );
      return { ...none, value: finite(value, row) };
    }
    const positive =
      reading.positiveClass ?? (reading.classLabels ? String(positiveClassOf(reading.classLabels)) : undefined);
    const p = firstPresent(
      record,
      reading.output.probability ? [reading.output.probability] : ['probability', 'score', positive],
    );
    const l = firstPresent(record, [reading.output.label ?? 'label']);
    if (p === undefined && l === undefined)
      throw bad(row, `has neither a probability nor a label field in ${Object.keys(record).join(', ')}`);
    return {
      ...none,
      probability: p === undefined ? null : probability(p, reading, row),
      label: l === undefined ? null : label(l, row),
    };
  }
  if (reading.task === 'regression') return { ...none, value: finite(item, row) };
  if (Array.isArray(item)) return { ...none, probability: probability(item, reading, row) };
  if (typeof item === 'string') return { ...none, label: item };
  const as = reading.output.predictions ?? 'probability';
  if (as === 'label') return { ...none, label: label(item, row) };
  if (as === 'value') return { ...none, value: finite(item, row) };
  return { ...none, probability: probability(item, reading, row) };
}
