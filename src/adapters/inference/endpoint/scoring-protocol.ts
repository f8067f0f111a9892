/**
 * What the endpoint adapter needs from a scoring protocol: where to POST, where to probe readiness, the request
 * body for rows, and the answer cut into one item per row (read by endpoint-answer.ts). Cells are converted per the
 * feature's type here, once, for every protocol.
 */
import type { Cell } from '../../../domain/data-table.js';
import type { EndpointFeature } from '../../../models/inference/endpoint-serving.js';
import { InferenceModelError } from '../../../models/inference/inference-mapping.js';

export type { EndpointFeature } from '../../../models/inference/endpoint-serving.js';

export type Row = Readonly<Record<string, Cell>>;

export interface ScoringProtocol {
  /** Path below the base URL (`/invocations`, `/v2/models/<name>/infer`). */
  readonly inferPath: string;
  /** GET path that answers 200 when the model can serve. */
  readonly readyPath: string;
  requestBody(rows: readonly Row[]): unknown;
  /** The answer's items, one per row, in order (a wrong count or shape: InferenceUnavailableError). */
  rowItems(answer: unknown, rowCount: number): unknown[];
}

/** One cell as the JSON value sent for a feature of that type; null = missing; a wrong type names feature and row. */
export function jsonCell(
  cell: Cell | undefined,
  feature: EndpointFeature,
  row: number,
): number | string | boolean | null {
  if (cell === null || cell === undefined || (typeof cell === 'number' && Number.isNaN(cell))) return null;
  const refuse = (expected: string) =>
    new InferenceModelError(feature.name, `row ${row}: expected ${expected}, got ${JSON.stringify(cell)}`);
  switch (feature.type) {
    case 'json':
      return cell;
    case 'string':
      return String(cell);
    case 'bool':
      if (typeof cell === 'boolean') return cell;
      if (cell === 0 || cell === 1) return cell === 1;
      if (typeof cell === 'string' && /^(true|false)$/i.test(cell.trim())) return cell.trim().toLowerCase() === 'true';
      throw refuse('a boolean');
    default: {
      const value = typeof cell === 'boolean' ? (cell ? 1 : 0) : cell;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw refuse('a finite number');
      if (feature.type === 'int64' && !Number.isInteger(value)) throw refuse('an integer');
      return value;
    }
  }
}
