import { type Cell, cellsOf, type DataTable } from '../../domain/data-table.js';
import { ModelError } from '../model-error.js';
import type { FittedModel, SerializedModel } from '../model-types.js';

/** One ONNX input column: float32 values (NaN = missing) or strings ("" = missing). */
export type OnnxFeed =
  | { readonly type: 'float32'; readonly values: Float32Array }
  | { readonly type: 'string'; readonly values: string[] };

function floatOf(cell: Cell | undefined, kind: 'numeric' | 'boolean', name: string, row: number): number {
  if (cell === null || cell === undefined) return NaN;
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (kind === 'boolean') {
    const token = cell.trim().toLowerCase();
    if (token === 'true' || token === '1') return 1;
    if (token === 'false' || token === '0') return 0;
    if (token === '') return NaN;
  }
  throw new ModelError(name, `row ${row}: ${JSON.stringify(cell)} cannot be fed to a float ONNX input`);
}

/**
 * The ONNX input tensors of an exported model for a table — the documented input mapping: numeric / boolean
 * features → float32 (NaN for missing, booleans 0 / 1), categorical features → strings (`String(value)`, "" for
 * missing). Pure: callers wrap the arrays into their runtime's tensors.
 */
export function onnxFeeds(model: FittedModel | SerializedModel, table: DataTable): Record<string, OnnxFeed> {
  const { preprocessing } = 'toJSON' in model ? model.toJSON() : model;
  const feeds: Record<string, OnnxFeed> = {};
  for (const t of preprocessing.transforms) {
    const column = table.columns.get(t.name);
    const cells = column === undefined ? undefined : cellsOf(column);
    if (cells === undefined) throw new ModelError(t.name, 'feature column is missing from the table');
    if (t.kind === 'categorical') {
      feeds[t.name] = {
        type: 'string',
        values: cells.map((c) => (c === null || (typeof c === 'number' && Number.isNaN(c)) ? '' : String(c))),
      };
    } else {
      const kind = t.kind;
      feeds[t.name] = { type: 'float32', values: Float32Array.from(cells, (c, i) => floatOf(c, kind, t.name, i)) };
    }
  }
  return feeds;
}
