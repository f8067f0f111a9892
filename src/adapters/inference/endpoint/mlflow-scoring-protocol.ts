/**
 * MLflow's scoring protocol (`mlflow models serve`, MLflow deployments; mlflow/pyfunc/scoring_server):
 * `POST /invocations` with `{"dataframe_split": {"columns": [...], "data": [[...], ...]}}`, answer
 * `{"predictions": ...}` — a list (numbers, strings, probability lists or records), a split-orient frame
 * `{"columns", "data"}`, or a dict of columns. A bare list (MLflow 1.x) is accepted too. Readiness: `GET /ping`.
 */
import { InferenceUnavailableError } from '../../../ports/inference-model.js';
import { type EndpointFeature, jsonCell, type Row, type ScoringProtocol } from './scoring-protocol.js';

const unreadable = (why: string) => new InferenceUnavailableError(`the MLflow endpoint's answer ${why}`);

function frameRows(predictions: Record<string, unknown>): unknown[] {
  const { columns, data } = predictions;
  if (Array.isArray(columns) && Array.isArray(data)) {
    return data.map((values) =>
      Array.isArray(values) ? Object.fromEntries(columns.map((c, j) => [String(c), values[j]])) : values,
    );
  }
  const lists = Object.entries(predictions);
  if (lists.length === 0 || !lists.every(([, v]) => Array.isArray(v)))
    throw unreadable('is an object that is neither {"columns", "data"} nor a dict of columns');
  const n = (lists[0][1] as unknown[]).length;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(lists.map(([k, v]) => [k, (v as unknown[])[i]])));
}

export function mlflowScoringProtocol(features: readonly EndpointFeature[]): ScoringProtocol {
  return {
    inferPath: '/invocations',
    readyPath: '/ping',
    requestBody(rows: readonly Row[]) {
      return {
        dataframe_split: {
          columns: features.map((f) => f.name),
          data: rows.map((r, i) => features.map((f) => jsonCell(r[f.name], f, i))),
        },
      };
    },
    rowItems(answer, rowCount) {
      const predictions = Array.isArray(answer)
        ? answer
        : answer !== null && typeof answer === 'object'
          ? (answer as Record<string, unknown>).predictions
          : undefined;
      if (predictions === undefined) throw unreadable('has no "predictions"');
      const items = Array.isArray(predictions)
        ? predictions
        : predictions !== null && typeof predictions === 'object'
          ? frameRows(predictions as Record<string, unknown>)
          : null;
      if (items === null)
        throw unreadable(`has predictions ${JSON.stringify(predictions)}; expected a list or a frame`);
      if (items.length !== rowCount) throw unreadable(`has ${items.length} predictions for ${rowCount} rows`);
      return items;
    },
  };
}
