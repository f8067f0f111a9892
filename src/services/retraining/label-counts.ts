import type { LabelCounts } from '../../domain/retraining-policy.js';
import type { PredictionLog } from '../../ports/store.js';

/**
 * The labelled data a retraining could use now: the most recent `horizonRows` labelled predictions, per class (the
 * label's string form), and the label coverage of the most recent `horizonRows` predictions.
 */
export async function labelCountsOf(
  log: PredictionLog,
  model: string,
  horizonRows: number,
  classes?: readonly string[],
): Promise<LabelCounts> {
  const labelled = await log.latestLabeledPredictions(model, horizonRows);
  const perClass: Record<string, number> = {};
  for (const row of labelled) perClass[String(row.label)] = (perClass[String(row.label)] ?? 0) + 1;
  const recent = await log.latestPredictions(model, horizonRows);
  return {
    labeledRows: labelled.length,
    perClass,
    ...(classes === undefined ? {} : { classes }),
    recentPredictions: recent.length,
    recentLabeled: recent.filter((r) => r.label !== null).length,
  };
}
