/**
 * The hand-written ModelProto encoder (field numbers of onnx/onnx.proto) for the subset exportOnnx writes.
 * Legacy: the ONNX codec adapter (src/adapters/onnx/, protobufjs with the vendored onnx-ml.proto) replaces it; it
 * stays only while two services call the synchronous `exportOnnx` (they get the OnnxCodec port in the serving /
 * training restructure), and a test checks that protobufjs decodes its bytes to exactly the encoded object.
 */

import { ModelError } from '../model-error.js';
import type {
  OnnxAttributeProto,
  OnnxModelProto,
  OnnxNodeProto,
  OnnxTensorProto,
  OnnxTypeProto,
  OnnxValueInfoProto,
} from './onnx-model-proto.js';
import { ProtoWriter } from './protobuf-writer.js';

const int = (v: number | string): number => Number(v);

function tensor(t: OnnxTensorProto): ProtoWriter {
  const w = new ProtoWriter().packedInts(1, (t.dims ?? []).map(int));
  if (t.data_type !== undefined) w.int(2, t.data_type);
  if (t.float_data) w.packedFloats(4, t.float_data);
  if (t.int64_data) w.packedInts(7, t.int64_data.map(int));
  if (t.name !== undefined) w.string(8, t.name);
  if (t.int32_data || t.double_data || t.string_data || t.raw_data)
    throw new ModelError(t.name ?? 'tensor', 'the legacy writer writes float_data / int64_data only');
  return w;
}

function attributeOf(a: OnnxAttributeProto): ProtoWriter {
  const w = new ProtoWriter().string(1, a.name);
  if (a.f !== undefined) w.float(2, a.f);
  if (a.i !== undefined) w.int(3, int(a.i));
  if (a.s !== undefined) w.bytes(4, a.s);
  if (a.t !== undefined) w.message(5, tensor(a.t));
  if (a.floats) w.packedFloats(7, a.floats);
  if (a.ints) w.packedInts(8, a.ints.map(int));
  for (const s of a.strings ?? []) w.bytes(9, s);
  if (a.type !== undefined) w.int(20, a.type);
  return w;
}

function node(n: OnnxNodeProto): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.input ?? []) w.string(1, i);
  for (const o of n.output ?? []) w.string(2, o);
  if (n.name !== undefined) w.string(3, n.name);
  w.string(4, n.op_type);
  for (const a of n.attribute ?? []) w.message(5, attributeOf(a));
  if (n.domain !== undefined) w.string(7, n.domain);
  return w;
}

function typeOf(t: OnnxTypeProto, name: string): ProtoWriter {
  if (t.tensor_type === undefined) throw new ModelError(name, 'the legacy writer writes tensor types only');
  const shape = new ProtoWriter();
  for (const d of t.tensor_type.shape?.dim ?? []) {
    shape.message(
      1,
      d.dim_value !== undefined
        ? new ProtoWriter().int(1, int(d.dim_value))
        : new ProtoWriter().string(2, d.dim_param ?? ''),
    );
  }
  const tensorType = new ProtoWriter().int(1, t.tensor_type.elem_type ?? 0).message(2, shape);
  return new ProtoWriter().message(1, tensorType);
}

function valueInfo(v: OnnxValueInfoProto): ProtoWriter {
  const w = new ProtoWriter().string(1, v.name);
  return v.type === undefined ? w : w.message(2, typeOf(v.type, v.name));
}

/** Serializes a model to ONNX protobuf bytes (a `.onnx` file). */
export function encodeOnnxModelLegacy(model: OnnxModelProto): Uint8Array {
  const graph = model.graph ?? {};
  const g = new ProtoWriter();
  for (const n of graph.node ?? []) g.message(1, node(n));
  if (graph.name !== undefined) g.string(2, graph.name);
  for (const t of graph.initializer ?? []) g.message(5, tensor(t));
  for (const i of graph.input ?? []) g.message(11, valueInfo(i));
  for (const o of graph.output ?? []) g.message(12, valueInfo(o));
  const m = new ProtoWriter();
  if (model.ir_version !== undefined) m.int(1, int(model.ir_version));
  if (model.producer_name !== undefined) m.string(2, model.producer_name);
  if (model.producer_version !== undefined) m.string(3, model.producer_version);
  if (model.doc_string !== undefined) m.string(6, model.doc_string);
  m.message(7, g);
  for (const o of model.opset_import ?? [])
    m.message(8, new ProtoWriter().string(1, o.domain ?? '').int(2, int(o.version)));
  for (const { key, value } of model.metadata_props ?? [])
    m.message(14, new ProtoWriter().string(1, key).string(2, value));
  return m.finish();
}
