import { expect } from 'vitest';
import { isTrackingError, type TrackingErrorKind } from '../../../src/ports/tracking-error.js';

/** Awaits a promise that must reject with a TrackingError of one of the given kinds. */
export async function expectTrackingError(
  promise: Promise<unknown>,
  kind: TrackingErrorKind | TrackingErrorKind[],
): Promise<void> {
  const kinds = Array.isArray(kind) ? kind : [kind];
  const error = await promise.then(
    () => new Error('expected a TrackingError, got success'),
    (e: unknown) => e,
  );
  expect(isTrackingError(error), String(error)).toBe(true);
  expect(kinds, String(error)).toContain((error as { kind: string }).kind);
}
