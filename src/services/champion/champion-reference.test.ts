import { describe, expect, it } from 'vitest';
import { championReferenceSource, championVersionOfReference, needsChampionReference } from './champion-reference.js';

describe('champion reference sources', () => {
  it('round-trips the version, with or without a note', () => {
    expect(championVersionOfReference(championReferenceSource('12'))).toBe('12');
    expect(championVersionOfReference(championReferenceSource('3', 'rollback: v4 (bad) misbehaves'))).toBe('3');
    expect(championVersionOfReference('upload by ops')).toBeNull();
    expect(championVersionOfReference('champion version 1x')).toBe('1x');
  });

  it('replaces a missing reference or another champion version’s, keeps an upload unless the champion just changed', () => {
    expect(needsChampionReference(null, '2', false)).toBe(true);
    expect(needsChampionReference('champion version 2 (promote: better)', '2', true)).toBe(false);
    expect(needsChampionReference('champion version 1', '2', false)).toBe(true);
    expect(needsChampionReference('champion version 12', '1', false)).toBe(true);
    expect(needsChampionReference('upload by ops', '2', false)).toBe(false);
    expect(needsChampionReference('upload by ops', '2', true)).toBe(true);
  });
});
