import { type Cell, cellsOf, type DataTable } from '../domain/data-table.js';
import { ModelError } from './model-error.js';
import type { ModelSchema, ModelTask } from './model-types.js';

const POSITIVE_TOKENS = ['true', '1', 'yes'];

function labelOf(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number' && Number.isNaN(cell)) return null;
  const text = String(cell);
  return text === '' ? null : text;
}

/**
 * The two class labels of a binary target as [class 0, class 1] (string forms). Class 1 is `positiveClass`
 * when given, else `true` / `1` / `yes` when present, else the larger label in sorted order.
 */
export function resolveClassLabels(cells: readonly Cell[], target: string, positiveClass?: string): [string, string] {
  const seen = new Set<string>();
  for (let i = 0; i < cells.length; i++) {
    const label = labelOf(cells[i]);
    if (label === null) throw new ModelError(target, `target is missing in row ${i}; drop unlabelled rows first`);
    seen.add(label);
    if (seen.size > 2) {
      throw new ModelError(target, `binary target has more than two classes (${[...seen].slice(0, 5).join(', ')})`);
    }
  }
  const labels = [...seen].sort();
  if (labels.length < 2) {
    throw new ModelError(
      target,
      `binary target needs two classes, found ${labels.length === 0 ? 'no rows' : `only "${labels[0]}"`}`,
    );
  }
  if (positiveClass !== undefined) {
    if (!seen.has(positiveClass)) {
      throw new ModelError('positiveClass', `"${positiveClass}" is not a target class (classes: ${labels.join(', ')})`);
    }
    return [labels[0] === positiveClass ? labels[1] : labels[0], positiveClass];
  }
  const token = labels.find((l) => POSITIVE_TOKENS.includes(l.toLowerCase()));
  if (token !== undefined) return [labels[0] === token ? labels[1] : labels[0], token];
  return [labels[0], labels[1]];
}

/** Encodes the target column: binary → 0 / 1 via `classLabels`; regression → finite numbers. */
export function encodeTarget(
  table: DataTable,
  schema: Pick<ModelSchema, 'target' | 'task' | 'classLabels'>,
): Float64Array {
  const column = table.columns.get(schema.target);
  if (column === undefined) throw new ModelError(schema.target, 'target column is missing from the table');
  const cells = cellsOf(column);
  const y = new Float64Array(cells.length);
  if (schema.task === 'regression') {
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new ModelError(
          schema.target,
          `regression target must be a finite number, got ${JSON.stringify(v)} in row ${i}`,
        );
      }
      y[i] = v;
    }
    return y;
  }
  if (schema.classLabels === null) throw new ModelError('classLabels', 'binary schema without class labels');
  const [negative, positive] = schema.classLabels;
  for (let i = 0; i < cells.length; i++) {
    const label = labelOf(cells[i]);
    if (label === positive) y[i] = 1;
    else if (label === negative) y[i] = 0;
    else {
      throw new ModelError(
        schema.target,
        `row ${i}: ${label === null ? 'missing target' : `unknown class "${label}"`} (classes: ${negative}, ${positive})`,
      );
    }
  }
  return y;
}

/** Task-level target check used by trainers: labels for binary, values for regression. */
export function prepareTarget(
  table: DataTable,
  target: string,
  task: ModelTask,
  positiveClass?: string,
): { y: Float64Array; classLabels: [string, string] | null } {
  const column = table.columns.get(target);
  if (column === undefined) {
    throw new ModelError(target, `target column is missing from the table (columns: ${table.columnNames.join(', ')})`);
  }
  if (table.rowCount === 0) throw new ModelError('train', 'training table is empty');
  const classLabels = task === 'binary' ? resolveClassLabels(cellsOf(column), target, positiveClass) : null;
  return { y: encodeTarget(table, { target, task, classLabels }), classLabels };
}
