/**
 * OnnxCodec on protobufjs: reflection over the descriptor generated from the vendored onnx-ml.proto (ONNX's own
 * schema, so every field of a user's graph decodes, and encodes back unchanged). Why a library: the schema has
 * ~30 messages and proto2 semantics; the earlier hand-written writer covered only what driftguard wrote.
 */
import protobuf from 'protobufjs';
import type { OnnxModelProto } from '../../models/onnx/onnx-model-proto.js';
import { type OnnxCodec, OnnxCodecError } from '../../ports/onnx-codec.js';
import { ONNX_ML_DESCRIPTOR } from './onnx-ml-descriptor.js';

const ModelProto = protobuf.Root.fromJSON(ONNX_ML_DESCRIPTOR).lookupType('onnx.ModelProto');

/** int64 as decimal strings (exact), enums as numbers, bytes as Uint8Array, absent fields left out. */
const TO_OBJECT: protobuf.IConversionOptions = { longs: String, defaults: false };

/** A plain Uint8Array view (protobufjs hands out Buffer slices for Buffer input: one type for bytes fields either way). */
const plainView = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const protobufjsOnnxCodec: OnnxCodec = {
  encode(model) {
    // fromObject, not verify: verify refuses the decimal-string int64s that decode hands out.
    let message: protobuf.Message;
    try {
      message = ModelProto.fromObject(model as Record<string, unknown>);
    } catch (error) {
      throw new OnnxCodecError('model', `not a valid ONNX ModelProto: ${messageOf(error)}`);
    }
    return plainView(ModelProto.encode(message).finish());
  },
  decode(bytes) {
    let message: protobuf.Message;
    try {
      message = ModelProto.decode(plainView(bytes));
    } catch (error) {
      throw new OnnxCodecError(
        'model',
        `not an ONNX model (protobuf ModelProto could not be decoded: ${messageOf(error)})`,
      );
    }
    const model = ModelProto.toObject(message, TO_OBJECT) as OnnxModelProto;
    if (model.graph === undefined) throw new OnnxCodecError('model.graph', 'the ONNX model has no graph');
    return model;
  },
};
