import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESCRIPTOR_PATH, PROTO_PATH, renderOnnxDescriptor } from '../../../scripts/generate-onnx-descriptor.js';
import { attribute, utf8Text } from '../../models/onnx/onnx-attribute.js';
import { OnnxDataType, type OnnxModelProto } from '../../models/onnx/onnx-model-proto.js';
import { OnnxCodecError } from '../../ports/onnx-codec.js';
import { protobufjsOnnxCodec as codec } from './protobufjs-onnx-codec.js';

const model: OnnxModelProto = {
  ir_version: 8,
  producer_name: 'test',
  opset_import: [
    { domain: '', version: 17 },
    { domain: 'ai.onnx.ml', version: 3 },
  ],
  graph: {
    name: 'g',
    node: [
      {
        op_type: 'ZipMap',
        domain: 'ai.onnx.ml',
        name: 'zm',
        input: ['p'],
        output: ['m'],
        attribute: [attribute.strings('classlabels_strings', ['no', 'yés'])],
      },
    ],
    initializer: [{ name: 'big', dims: [2], data_type: OnnxDataType.INT64, int64_data: ['9007199254740993', '-1'] }],
    input: [
      {
        name: 'p',
        type: {
          tensor_type: { elem_type: OnnxDataType.FLOAT, shape: { dim: [{ dim_param: 'N' }, { dim_value: 2 }] } },
        },
      },
    ],
    output: [
      {
        name: 'm',
        type: {
          sequence_type: {
            elem_type: {
              map_type: {
                key_type: OnnxDataType.STRING,
                value_type: { tensor_type: { elem_type: OnnxDataType.FLOAT } },
              },
            },
          },
        },
      },
    ],
  },
  metadata_props: [{ key: 'k', value: 'v' }],
};

describe('protobufjs ONNX codec', () => {
  it('uses a descriptor generated from the vendored onnx-ml.proto as it is now', () => {
    expect(readFileSync(DESCRIPTOR_PATH, 'utf8')).toBe(renderOnnxDescriptor(readFileSync(PROTO_PATH, 'utf8')));
  });

  it('round-trips a ModelProto with ONNX-ML types, exact int64 beyond 2^53 and UTF-8 string attributes', () => {
    const decoded = codec.decode(codec.encode(model));
    expect(decoded.graph?.initializer?.[0].int64_data).toEqual(['9007199254740993', '-1']);
    expect(decoded.graph?.node?.[0].attribute?.[0].strings?.map(utf8Text)).toEqual(['no', 'yés']);
    expect(decoded.graph?.output?.[0].type?.sequence_type?.elem_type?.map_type?.key_type).toBe(OnnxDataType.STRING);
    expect(decoded.graph?.input?.[0].type?.tensor_type?.shape?.dim).toEqual([{ dim_param: 'N' }, { dim_value: '2' }]);
    expect(decoded.ir_version).toBe('8');
    expect(codec.encode(decoded)).toEqual(codec.encode(model));
  });

  it('refuses bytes that are not an ONNX model and objects onnx.proto refuses, naming the part', () => {
    expect(() => codec.decode(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(OnnxCodecError);
    expect(() => codec.decode(new Uint8Array([0x08, 0x08]))).toThrow(/model\.graph: the ONNX model has no graph/);
    expect(() => codec.encode({ ...model, graph: { node: [3] } } as unknown as OnnxModelProto)).toThrow(
      /model: not a valid ONNX ModelProto: .*node: object expected/,
    );
  });
});
