/**
 * ONNX's ModelProto as plain data: the subset of onnx-ml.proto (the schema vendored in src/adapters/onnx/) that
 * driftguard writes and reads, with onnx.proto's own field names (snake_case, as protobufjs decodes them with
 * `keepCase`). The models core builds these objects; the ONNX codec adapter encodes / decodes them with protobufjs.
 * Fields not listed here survive a decode → edit → encode round trip untouched (the codec keeps what it decoded).
 *
 * int64 fields: numbers when driftguard writes them; decimal strings when decoded (exact beyond 2^53).
 * bytes fields (`AttributeProto.s` / `strings`, `TensorProto.raw_data` / `string_data`): Uint8Array (UTF-8 text).
 */

export type OnnxInt64 = number | string;

/** TensorProto.DataType (onnx.proto), the element types driftguard meets. */
export const OnnxDataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
} as const;

/** AttributeProto.AttributeType (onnx.proto). */
export const OnnxAttributeType = {
  UNDEFINED: 0,
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
} as const;

export interface OnnxTensorProto {
  readonly name?: string;
  readonly dims?: readonly OnnxInt64[];
  readonly data_type?: number;
  readonly float_data?: readonly number[];
  readonly int32_data?: readonly number[];
  readonly int64_data?: readonly OnnxInt64[];
  readonly double_data?: readonly number[];
  readonly string_data?: readonly Uint8Array[];
  readonly raw_data?: Uint8Array;
}

export interface OnnxAttributeProto {
  readonly name: string;
  readonly type?: number;
  readonly f?: number;
  readonly i?: OnnxInt64;
  readonly s?: Uint8Array;
  readonly t?: OnnxTensorProto;
  readonly floats?: readonly number[];
  readonly ints?: readonly OnnxInt64[];
  readonly strings?: readonly Uint8Array[];
}

export interface OnnxNodeProto {
  readonly input?: readonly string[];
  readonly output?: readonly string[];
  readonly name?: string;
  readonly op_type: string;
  /** "" or absent = the default domain (ai.onnx); `ai.onnx.ml` for the ML operators. */
  readonly domain?: string;
  readonly attribute?: readonly OnnxAttributeProto[];
  readonly doc_string?: string;
}

/** TensorShapeProto.Dimension: a fixed size or a symbolic name (`N`); neither = unknown. */
export interface OnnxDimension {
  readonly dim_value?: OnnxInt64;
  readonly dim_param?: string;
}

/** TypeProto: a tensor, a sequence, a map (ONNX-ML: ZipMap's `seq(map(int64|string, float))`) or an optional. */
export interface OnnxTypeProto {
  readonly tensor_type?: { readonly elem_type?: number; readonly shape?: { readonly dim?: readonly OnnxDimension[] } };
  readonly sequence_type?: { readonly elem_type?: OnnxTypeProto };
  readonly map_type?: { readonly key_type?: number; readonly value_type?: OnnxTypeProto };
  readonly optional_type?: { readonly elem_type?: OnnxTypeProto };
}

export interface OnnxValueInfoProto {
  readonly name: string;
  readonly type?: OnnxTypeProto;
  readonly doc_string?: string;
}

export interface OnnxGraphProto {
  readonly name?: string;
  readonly node?: readonly OnnxNodeProto[];
  readonly initializer?: readonly OnnxTensorProto[];
  readonly input?: readonly OnnxValueInfoProto[];
  readonly output?: readonly OnnxValueInfoProto[];
  readonly value_info?: readonly OnnxValueInfoProto[];
  readonly doc_string?: string;
}

export interface OnnxOperatorSetId {
  readonly domain?: string;
  readonly version: OnnxInt64;
}

export interface OnnxModelProto {
  readonly ir_version?: OnnxInt64;
  readonly opset_import?: readonly OnnxOperatorSetId[];
  readonly producer_name?: string;
  readonly producer_version?: string;
  readonly domain?: string;
  readonly model_version?: OnnxInt64;
  readonly doc_string?: string;
  readonly graph?: OnnxGraphProto;
  readonly metadata_props?: readonly { readonly key: string; readonly value: string }[];
}
