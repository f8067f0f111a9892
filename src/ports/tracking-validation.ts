/**
 * Argument rules every TrackingStore adapter enforces before writing, so both adapters reject the same input with
 * the same message (values are MLflow 3.x's limits from mlflow.utils.validation).
 */
import { TrackingError } from './tracking-error.js';
import type { DatasetInput, RunLogBatch } from './tracking-store.js';

export const TRACKING_LIMITS = {
  maxKeyLength: 250,
  maxParamValueLength: 6000,
  maxTagValueLength: 8000,
  maxDatasetDigestLength: 36,
  maxDatasetNameLength: 500,
} as const;

const KEY_PATTERN = /^[\w\-./ :]+$/;

function invalid(operation: string, message: string): TrackingError {
  return new TrackingError(`${operation}: ${message}`, { kind: 'invalid', operation });
}

function checkKey(operation: string, what: string, key: string): void {
  if (
    typeof key !== 'string' ||
    key.length === 0 ||
    key.length > TRACKING_LIMITS.maxKeyLength ||
    !KEY_PATTERN.test(key) ||
    key.includes('..')
  ) {
    throw invalid(
      operation,
      `${what} key ${JSON.stringify(key)} is invalid (1–${TRACKING_LIMITS.maxKeyLength} chars of letters, digits, _ - . / space :, no "..")`,
    );
  }
}

/** Throws TrackingError(kind 'invalid') naming the first bad entry: key syntax, value length, non-finite metric, non-integer step/timestamp. */
export function validateLogBatch(batch: RunLogBatch): void {
  const operation = 'logBatch';
  for (const p of batch.params ?? []) {
    checkKey(operation, 'param', p.key);
    if (typeof p.value !== 'string' || p.value.length > TRACKING_LIMITS.maxParamValueLength) {
      throw invalid(
        operation,
        `param "${p.key}" value must be a string of at most ${TRACKING_LIMITS.maxParamValueLength} chars`,
      );
    }
  }
  for (const t of batch.tags ?? []) {
    checkKey(operation, 'tag', t.key);
    if (typeof t.value !== 'string' || t.value.length > TRACKING_LIMITS.maxTagValueLength) {
      throw invalid(
        operation,
        `tag "${t.key}" value must be a string of at most ${TRACKING_LIMITS.maxTagValueLength} chars`,
      );
    }
  }
  for (const m of batch.metrics ?? []) {
    checkKey(operation, 'metric', m.key);
    if (typeof m.value !== 'number' || !Number.isFinite(m.value))
      throw invalid(operation, `metric "${m.key}" value ${m.value} is not a finite number`);
    if (!Number.isSafeInteger(m.timestampMs) || m.timestampMs < 0)
      throw invalid(operation, `metric "${m.key}" timestampMs ${m.timestampMs} is not a non-negative integer`);
    if (!Number.isSafeInteger(m.step)) throw invalid(operation, `metric "${m.key}" step ${m.step} is not an integer`);
  }
}

/** Throws TrackingError(kind 'invalid') for a dataset without name / context or with a digest over 36 chars. */
export function validateDatasetInputs(datasets: readonly DatasetInput[]): void {
  for (const d of datasets) {
    if (!d.name || d.name.length > TRACKING_LIMITS.maxDatasetNameLength)
      throw invalid('logInputs', `dataset name ${JSON.stringify(d.name)} must be 1–500 chars`);
    if (!d.digest || d.digest.length > TRACKING_LIMITS.maxDatasetDigestLength) {
      throw invalid(
        'logInputs',
        `dataset "${d.name}" digest must be 1–${TRACKING_LIMITS.maxDatasetDigestLength} chars (got ${d.digest?.length ?? 0})`,
      );
    }
    if (!d.context)
      throw invalid('logInputs', `dataset "${d.name}" context is empty (use training / validation / test)`);
  }
}

/** A relative artifact path: `/`-separated, no empty / `.` / `..` segment, no leading `/`. Returns it normalized ('' for the root). */
export function normalizeArtifactPath(path: string | undefined, operation: string): string {
  if (path === undefined || path === '' || path === '.') return '';
  const trimmed = path.replace(/\\/g, '/').replace(/\/+$/, '');
  const segments = trimmed.split('/');
  if (trimmed.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw invalid(operation, `artifact path ${JSON.stringify(path)} must be relative without "." / ".." segments`);
  }
  return trimmed;
}

/** MLflow alias rules: letters, digits, `_` and `-`; `latest` and `v<N>` are reserved. Throws TrackingError(kind 'invalid'). */
export function validateAlias(alias: string): void {
  if (!/^[\w-]{1,255}$/.test(alias) || /^v\d+$/i.test(alias) || alias === 'latest') {
    throw new TrackingError(
      `setAlias: alias ${JSON.stringify(alias)} is invalid (letters, digits, _ and -; not "latest" or v<N>)`,
      { kind: 'invalid', operation: 'setAlias' },
    );
  }
}

/** Orders artifact entries by path in code-point order (the same on every adapter and locale). */
export function compareArtifactEntries(a: { readonly path: string }, b: { readonly path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
