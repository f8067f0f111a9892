import type { ErrorDetail } from '../services/service-errors.js';
import { DriftguardRequestError } from './client-errors.js';

/**
 * Splits a refusal of a coalesced batch by row: `/predictions/3/features/x` → row 3, detail `/features/x`.
 * Null when some detail names no row (e.g. a 401, 404 or 413 concerns the whole request).
 */
export function detailsByRow(
  error: DriftguardRequestError,
  collection: string,
  rowCount: number,
): Map<number, ErrorDetail[]> | null {
  if (error.details.length === 0) return null;
  const pattern = new RegExp(`^/${collection}/(\\d+)(/.*)?$`);
  const byRow = new Map<number, ErrorDetail[]>();
  for (const detail of error.details) {
    const match = pattern.exec(detail.path);
    const row = match === null ? NaN : Number(match[1]);
    if (!(row >= 0 && row < rowCount)) return null;
    byRow.set(row, [...(byRow.get(row) ?? []), { path: match![2] ?? '/', reason: detail.reason }]);
  }
  return byRow;
}

/** The error of one refused row, with details relative to the row. */
export function rowError(error: DriftguardRequestError, details: readonly ErrorDetail[]): DriftguardRequestError {
  const summary = details.map((d) => `${d.path} ${d.reason}`).join('; ');
  return new DriftguardRequestError(error.status, error.code, `row refused: ${summary}`, details, error.attempts);
}

/** One error for a caller's array of rows: details re-indexed to the caller's positions (`/<index>/features/x`). */
export function aggregateRowErrors(
  collection: string,
  results: readonly PromiseSettledResult<unknown>[],
): Error | null {
  const failures = results.flatMap((r, index) =>
    r.status === 'rejected' ? [{ index, error: r.reason as Error }] : [],
  );
  if (failures.length === 0) return null;
  const first = failures[0].error;
  const requestErrors = failures.filter((f) => f.error instanceof DriftguardRequestError);
  if (requestErrors.length !== failures.length) return first;
  const details = requestErrors.flatMap(({ index, error }) =>
    (error as DriftguardRequestError).details.map((d) => ({
      path: `/${collection}/${index}${d.path === '/' ? '' : d.path}`,
      reason: d.reason,
    })),
  );
  const e = first as DriftguardRequestError;
  const logged = results.length - failures.length;
  return new DriftguardRequestError(
    e.status,
    e.code,
    `${failures.length} of ${results.length} ${collection} refused (${logged} accepted): ${e.message}`,
    details,
    e.attempts,
  );
}
