import { describe, expect, it } from 'vitest';
import { createUuidV7Generator } from './uuid-v7.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('UUID version 7 ids', () => {
  it('are RFC 9562 version-7 UUIDs whose first 48 bits are the millisecond timestamp', () => {
    const at = Date.UTC(2026, 10, 27, 4, 0, 0, 123);
    const id = createUuidV7Generator(() => at)();
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sort in creation order and never repeat, also many within one millisecond and when the clock steps back', () => {
    let now = 1_700_000_000_000;
    const next = createUuidV7Generator(() => now);
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      if (i % 7_000 === 0) now += 1; // most ids share a millisecond: the counter (and its overflow) keeps the order
      if (i === 15_000) now -= 5_000; // the clock steps back
      ids.push(next());
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });

  it('carry random bits: two generators at the same instant give different ids', () => {
    const a = createUuidV7Generator(() => 42)();
    const b = createUuidV7Generator(() => 42)();
    expect(a.slice(0, 18)).toBe(b.slice(0, 18));
    expect(a).not.toBe(b);
  });
});
