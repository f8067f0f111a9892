import type { GroundTruthLabel } from '../../domain/prediction-record.js';
import type { AttachLabelsOptions, AttachLabelsResult, LabelRevision } from '../../ports/store.js';
import { lastLabelPerId } from './row-mapping.js';

/** A prediction's stored label as both dialects read it: the label's JSON text (null = unlabelled). */
export interface StoredLabel {
  readonly labelJson: string | null;
  readonly labelTimestampMs: number | null;
}

export interface LabelPlan {
  readonly result: AttachLabelsResult;
  /** Labels to write (new, or replacing another with overwrite); empty when the batch is refused. */
  readonly writes: readonly GroundTruthLabel[];
  /** The audit records of the replaced labels. */
  readonly revisions: readonly LabelRevision[];
}

/**
 * What a label batch does, decided the same way by both dialects from the stored labels of its ids (read inside the
 * writing transaction): unknown ids are listed; re-sending the stored label changes nothing; a different label is a
 * relabel — refused with the whole batch unless `overwrite`, then written with a revision keeping the old one.
 */
export function planLabels(
  labels: readonly GroundTruthLabel[],
  stored: ReadonlyMap<string, StoredLabel>,
  options: AttachLabelsOptions = {},
): LabelPlan {
  const unknownIds: string[] = [];
  const relabeledIds: string[] = [];
  const writes: GroundTruthLabel[] = [];
  const revisions: LabelRevision[] = [];
  for (const label of lastLabelPerId(labels)) {
    const current = stored.get(label.predictionId);
    if (current === undefined) {
      unknownIds.push(label.predictionId);
      continue;
    }
    const json = JSON.stringify(label.label);
    if (current.labelJson === json) continue;
    if (current.labelJson !== null) {
      relabeledIds.push(label.predictionId);
      revisions.push({
        predictionId: label.predictionId,
        previousLabel: JSON.parse(current.labelJson) as GroundTruthLabel['label'],
        previousLabelTimestampMs: current.labelTimestampMs,
        label: label.label,
        labelTimestampMs: label.timestampMs,
        revisedAtMs: options.atMs ?? Date.now(),
        revisedBy: options.by ?? 'unknown',
      });
    }
    writes.push(label);
  }
  const refused = relabeledIds.length > 0 && options.overwrite !== true;
  const unknown = new Set(unknownIds);
  return {
    result: {
      joined: refused ? 0 : labels.filter((l) => !unknown.has(l.predictionId)).length,
      unknownIds,
      relabeledIds,
    },
    writes: refused ? [] : writes,
    revisions: refused ? [] : revisions,
  };
}
