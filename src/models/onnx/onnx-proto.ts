/**
 * The subset of ONNX's protobuf schema (onnx/onnx.proto, IR version 8) that driftguard writes: ModelProto,
 * GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto. Field numbers are onnx.proto's.
 */
import { ProtoWriter } from './protobuf-writer.js';

/** TensorProto.DataType values used here. */
export const OnnxDataType = { FLOAT: 1, INT64: 7, STRING: 8, BOOL: 9, DOUBLE: 11 } as const;
export type OnnxElementType = (typeof OnnxDataType)[keyof typeof OnnxDataType];

export type OnnxAttributeValue =
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'strings'; readonly value: readonly string[] }
  | { readonly kind: 'tensor'; readonly value: OnnxTensor };

export interface OnnxNode {
  readonly opType: string;
  readonly domain?: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, OnnxAttributeValue>>;
}

/** A constant tensor; float data is written as float32, int64 as little-endian raw bytes. */
export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type: typeof OnnxDataType.FLOAT | typeof OnnxDataType.INT64;
  readonly values: readonly number[];
}

/** A graph input / output: element type and shape (a string is a symbolic dimension such as "N"). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly type: OnnxElementType;
  readonly shape: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

export interface OnnxModel {
  readonly irVersion: number;
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  readonly graph: OnnxGraph;
  readonly metadata: Readonly<Record<string, string>>;
}

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

function encodeTensor(t: OnnxTensor): ProtoWriter {
  const w = new ProtoWriter();
  w.packedInts(1, t.dims).int(2, t.type).string(8, t.name);
  if (t.type === OnnxDataType.FLOAT) {
    w.packedFloats(4, t.values);
  } else {
    const raw = new Uint8Array(t.values.length * 8);
    const view = new DataView(raw.buffer);
    t.values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    w.bytes(9, raw);
  }
  return w;
}

function encodeAttribute(name: string, a: OnnxAttributeValue): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  const utf8 = new TextEncoder();
  switch (a.kind) {
    case 'float':
      w.float(2, a.value);
      break;
    case 'int':
      w.int(3, a.value);
      break;
    case 'string':
      w.string(4, a.value);
      break;
    case 'tensor':
      w.message(5, encodeTensor(a.value));
      break;
    case 'floats':
      w.packedFloats(7, a.value);
      break;
    case 'ints':
      w.packedInts(8, a.value);
      break;
    case 'strings':
      for (const s of a.value) w.bytes(9, utf8.encode(s));
      break;
  }
  return w.int(20, ATTRIBUTE_TYPE[a.kind]);
}

function encodeNode(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const [name, value] of Object.entries(n.attributes ?? {})) w.message(5, encodeAttribute(name, value));
  if (n.domain !== undefined && n.domain !== '') w.string(7, n.domain);
  return w;
}

function encodeValueInfo(v: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  }
  const tensorType = new ProtoWriter().int(1, v.type).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
}

/** Serializes a model to ONNX protobuf bytes (a `.onnx` file). */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const g = new ProtoWriter();
  for (const n of model.graph.nodes) g.message(1, encodeNode(n));
  g.string(2, model.graph.name);
  for (const t of model.graph.initializers) g.message(5, encodeTensor(t));
  for (const i of model.graph.inputs) g.message(11, encodeValueInfo(i));
  for (const o of model.graph.outputs) g.message(12, encodeValueInfo(o));
  const m = new ProtoWriter().int(1, model.irVersion).string(2, model.producerName).string(3, model.producerVersion);
  if (model.docString !== undefined) m.string(6, model.docString);
  m.message(7, g);
  for (const o of model.opsets) m.message(8, new ProtoWriter().string(1, o.domain).int(2, o.version));
  for (const [key, value] of Object.entries(model.metadata)) m.message(14, new ProtoWriter().string(1, key).string(2, value));
  return m.finish();
}
