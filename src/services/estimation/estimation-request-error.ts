/**
 * A request `driftguard estimate` (or the service) cannot answer: a missing column, a cell that is not a score /
 * label / prediction, an unknown metric. The message names the file, the column and the row (1-based data row).
 */
export class EstimationRequestError extends Error {
  override readonly name = 'EstimationRequestError';
}
