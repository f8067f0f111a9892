const PREFIX = 'champion version ';

/** The `source` of a reference taken from a champion's training profile, e.g. `champion version 3 (promote: …)`. */
export function championReferenceSource(version: string, note?: string): string {
  return `${PREFIX}${version}${note === undefined ? '' : ` (${note})`}`;
}

/** The champion version a reference's `source` names; null for any other reference (an upload). */
export function championVersionOfReference(source: string): string | null {
  if (!source.startsWith(PREFIX)) return null;
  return source.slice(PREFIX.length).split(' ', 1)[0] || null;
}

/**
 * Whether the served champion's training profile must become the reference: there is none yet, the newest one is
 * another champion version's, or it is an upload and the champion just changed.
 */
export function needsChampionReference(
  latestSource: string | null,
  version: string,
  championChanged: boolean,
): boolean {
  if (latestSource === null) return true;
  const referenced = championVersionOfReference(latestSource);
  return referenced === null ? championChanged : referenced !== version;
}
