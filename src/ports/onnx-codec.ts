/**
 * The ONNX codec port: `.onnx` bytes ⇄ ModelProto as plain data (domain/onnx/onnx-model-proto.ts). The models
 * core builds graphs as data and never encodes; the adapter (src/adapters/onnx/) does it with protobufjs and the
 * vendored onnx-ml.proto. Synchronous: a ModelProto is in memory on both sides.
 */

import { SchemaError } from '../domain/schema-error.js';
import type { OnnxModelProto } from '../models/onnx/onnx-model-proto.js';

export interface OnnxCodec {
  /** Serializes a ModelProto (a `.onnx` file's bytes); an object the schema refuses → OnnxCodecError. */
  encode(model: OnnxModelProto): Uint8Array;
  /** Parses `.onnx` bytes; int64 fields come back as decimal strings, bytes fields as Uint8Array. */
  decode(bytes: Uint8Array): OnnxModelProto;
}

/** Bytes that are not an ONNX model, or an object onnx.proto refuses: `field` names the part, `reason` what is wrong. */
export class OnnxCodecError extends SchemaError {
  override readonly name: string = 'OnnxCodecError';
}
