import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protobuf-writer.js';

describe('ProtoWriter (protobuf wire format)', () => {
  it('encodes varints as in the protobuf encoding guide (150 → 08 96 01)', () => {
    expect(Array.from(new ProtoWriter().int(1, 150).finish())).toEqual([0x08, 0x96, 0x01]);
    expect(Array.from(new ProtoWriter().int(1, 300).finish())).toEqual([0x08, 0xac, 0x02]);
  });

  it('encodes negative int64 as 10-byte two’s complement and 2^40 exactly', () => {
    expect(Array.from(new ProtoWriter().int(3, -1).finish())).toEqual([
      0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    expect(Array.from(new ProtoWriter().int(1, 2 ** 40).finish())).toEqual([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
  });

  it('writes strings, fixed32 floats, packed repeated fields and nested messages length-delimited', () => {
    expect(Array.from(new ProtoWriter().string(2, 'testing').finish())).toEqual([
      0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67,
    ]);
    expect(Array.from(new ProtoWriter().float(2, 1).finish())).toEqual([0x15, 0x00, 0x00, 0x80, 0x3f]);
    expect(Array.from(new ProtoWriter().packedInts(4, [3, 270, 86942]).finish())).toEqual([
      0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05,
    ]);
    expect(Array.from(new ProtoWriter().message(3, new ProtoWriter().int(1, 150)).finish())).toEqual([
      0x1a, 0x03, 0x08, 0x96, 0x01,
    ]);
    expect(Array.from(new ProtoWriter().string(1, 'é').finish())).toEqual([0x0a, 0x02, 0xc3, 0xa9]);
  });
});
