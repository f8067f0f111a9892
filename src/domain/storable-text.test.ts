import { describe, expect, it } from 'vitest';
import { findUnstorableByte, findUnstorableCharacter } from './storable-text.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('findUnstorableByte: what findUnstorableCharacter finds, on UTF-8 bytes before decoding', () => {
  it('finds a NUL byte with its 1-based line', () => {
    expect(findUnstorableByte(utf8('a,b\n1,2\n3,\u00004\n'))).toEqual({
      index: 10,
      line: 3,
      reason: findUnstorableCharacter('\u0000')?.reason,
    });
  });

  it('finds the UTF-8 form of a lone surrogate (ED A0–BF xx), which a decoder would turn into U+FFFD', () => {
    const bytes = Uint8Array.from([...utf8('a\nb'), 0xed, 0xa0, 0x80, 10]);
    expect(findUnstorableByte(bytes)).toEqual({
      index: 3,
      line: 2,
      reason: 'contains a lone surrogate U+D800; text must be well-formed Unicode',
    });
    // The first of two problems counts.
    expect(findUnstorableByte(Uint8Array.from([0xed, 0xbf, 0xbf, 0]))?.reason).toMatch(/U\+DFFF/);
    expect(findUnstorableByte(Uint8Array.from([0, 0xed, 0xbf, 0xbf]))?.reason).toMatch(/U\+0000/);
  });

  it('passes well-formed text, including other 3-byte forms starting with ED (U+D000–U+D7FF)', () => {
    expect(findUnstorableByte(utf8('한국어,\uD7FB,\u{1F600}\nx\n'))).toBeNull();
    expect(findUnstorableByte(new Uint8Array(0))).toBeNull();
  });
});
