/**
 * Building and reading AttributeProto values (onnx.proto): the `type` tag is set from the value's kind, strings
 * are UTF-8 bytes as the schema says, int64 values read back as numbers.
 */
import {
  type OnnxAttributeProto,
  OnnxAttributeType,
  type OnnxInt64,
  type OnnxNodeProto,
  type OnnxTensorProto,
} from './onnx-model-proto.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export const utf8Bytes = (text: string): Uint8Array => utf8Encoder.encode(text);
export const utf8Text = (bytes: Uint8Array): string => utf8Decoder.decode(bytes);

/** Attribute constructors: `attribute.int('axis', 1)` → `{ name: 'axis', type: INT, i: 1 }`. */
export const attribute = {
  float: (name: string, f: number): OnnxAttributeProto => ({ name, type: OnnxAttributeType.FLOAT, f }),
  int: (name: string, i: number): OnnxAttributeProto => ({ name, type: OnnxAttributeType.INT, i }),
  string: (name: string, s: string): OnnxAttributeProto => ({ name, type: OnnxAttributeType.STRING, s: utf8Bytes(s) }),
  tensor: (name: string, t: OnnxTensorProto): OnnxAttributeProto => ({ name, type: OnnxAttributeType.TENSOR, t }),
  floats: (name: string, floats: readonly number[]): OnnxAttributeProto => ({
    name,
    type: OnnxAttributeType.FLOATS,
    floats,
  }),
  ints: (name: string, ints: readonly number[]): OnnxAttributeProto => ({ name, type: OnnxAttributeType.INTS, ints }),
  strings: (name: string, strings: readonly string[]): OnnxAttributeProto => ({
    name,
    type: OnnxAttributeType.STRINGS,
    strings: strings.map(utf8Bytes),
  }),
};

const int64Number = (v: OnnxInt64): number => (typeof v === 'number' ? v : Number(v));

function find(node: OnnxNodeProto, name: string): OnnxAttributeProto | undefined {
  return node.attribute?.find((a) => a.name === name);
}

/** Readers of a node's attributes; absent (or empty) attributes read as undefined. */
export const readAttribute = {
  ints(node: OnnxNodeProto, name: string): number[] | undefined {
    const a = find(node, name);
    return a?.ints && a.ints.length > 0 ? a.ints.map(int64Number) : undefined;
  },
  strings(node: OnnxNodeProto, name: string): string[] | undefined {
    const a = find(node, name);
    return a?.strings && a.strings.length > 0 ? a.strings.map(utf8Text) : undefined;
  },
  string(node: OnnxNodeProto, name: string): string | undefined {
    const a = find(node, name);
    return a?.s !== undefined ? utf8Text(a.s) : undefined;
  },
  int(node: OnnxNodeProto, name: string): number | undefined {
    const a = find(node, name);
    return a?.i !== undefined ? int64Number(a.i) : undefined;
  },
};
