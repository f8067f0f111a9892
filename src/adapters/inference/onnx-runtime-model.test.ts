import { describe, expect, it } from 'vitest';
import { sliceTable, syntheticTable } from '../../../tests/support/models/synthetic-data.js';
import { type Cell, requireCells } from '../../domain/data-table.js';
import { gbdtTrainer } from '../../models/gbdt-trainer.js';
import { InferenceModelError } from '../../models/inference/inference-mapping.js';
import { onnxModelProtoOf } from '../../models/onnx/export-onnx.js';
import { attribute } from '../../models/onnx/onnx-attribute.js';
import { type OnnxAttributeProto, OnnxDataType } from '../../models/onnx/onnx-model-proto.js';
import type { InferenceMapping } from '../../ports/inference-model.js';
import { protobufjsOnnxCodec } from '../onnx/protobufjs-onnx-codec.js';
import { createOnnxRuntimeModel } from './onnx-runtime-model.js';

function rowsOf(table: ReturnType<typeof syntheticTable>): Record<string, Cell>[] {
  return Array.from({ length: table.rowCount }, (_, i) =>
    Object.fromEntries(table.columnNames.map((c) => [c, requireCells(table, c)[i]])),
  );
}

/** A skl2onnx-shaped logistic model: one `float_input` [N, 3], outputs output_label [N] and output_probability [N, 2]. */
function sklearnLikeModel(weights: number[], intercept: number): Uint8Array {
  const f = OnnxDataType.FLOAT;
  const floats = (name: string, dims: number[], values: number[]) => ({ name, dims, data_type: f, float_data: values });
  const node = (op_type: string, input: string[], output: string, attrs: OnnxAttributeProto[] = []) => ({
    op_type,
    name: output,
    input,
    output: [output],
    attribute: attrs,
  });
  const tensor = (name: string, elem_type: number, dims: (number | string)[]) => ({
    name,
    type: {
      tensor_type: {
        elem_type,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  });
  return protobufjsOnnxCodec.encode({
    ir_version: 8,
    opset_import: [{ domain: '', version: 17 }],
    producer_name: 'test',
    graph: {
      name: 'sk',
      initializer: [
        floats('W', [3, 1], weights),
        floats('B', [1, 1], [intercept]),
        floats('one', [1, 1], [1]),
        floats('zero', [1, 1], [0]),
        { name: 'flat', dims: [1], data_type: OnnxDataType.INT64, int64_data: [-1] },
      ],
      node: [
        node('MatMul', ['float_input', 'W'], 'xw'),
        node('Add', ['xw', 'B'], 'z'),
        node('Sigmoid', ['z'], 'p1'),
        node('Sub', ['one', 'p1'], 'p0'),
        node('Concat', ['p0', 'p1'], 'output_probability', [attribute.int('axis', 1)]),
        node('GreaterOrEqual', ['z', 'zero'], 'ge'),
        node('Cast', ['ge'], 'l2', [attribute.int('to', OnnxDataType.INT64)]),
        node('Reshape', ['l2', 'flat'], 'output_label'),
      ],
      input: [tensor('float_input', f, ['N', 3])],
      output: [tensor('output_label', OnnxDataType.INT64, ['N']), tensor('output_probability', f, ['N', 2])],
    },
  });
}

describe('createOnnxRuntimeModel', () => {
  it('serves a driftguard-exported gbdt through a per-feature mapping, matching native inference', async () => {
    const all = syntheticTable({ rows: 900, numericFeatures: 3, mixed: true, missingRate: 0.1, seed: 8 });
    const { model } = gbdtTrainer.fit(
      { table: sliceTable(all, 0, 700), target: 'label', task: 'binary' },
      null,
      { maxIterations: 30 },
      0,
    );
    const mapping: InferenceMapping = {
      inputs: model.schema.features.map((f) => ({
        kind: 'feature',
        input: f.name,
        feature: f.name,
        type: f.kind === 'categorical' ? 'string' : 'float32',
      })),
      probability: { output: 'probability' },
      label: { output: 'label' },
    };
    const served = await createOnnxRuntimeModel(protobufjsOnnxCodec.encode(onnxModelProtoOf(model)), mapping);
    const rows = rowsOf(sliceTable(all, 700, 900));
    const predictions = await served.predict(rows);
    expect(predictions).toHaveLength(rows.length);
    predictions.forEach((p, i) => {
      expect(Math.abs(p.probability! - model.predictProba(rows[i]))).toBeLessThan(1e-5);
      expect(p.label).toBe(model.predict(rows[i]));
      expect(p.value).toBeNull();
    });
    await served.close();
  });

  it('serves a skl2onnx-shaped model: matrix input [N, 3], probability column 1 of [N, 2]', async () => {
    const w = [0.5, -1.25, 2];
    const served = await createOnnxRuntimeModel(sklearnLikeModel(w, -0.3), {
      inputs: [{ kind: 'matrix', input: 'float_input', features: ['a', 'b', 'c'], type: 'float32' }],
      probability: { output: 'output_probability', column: 1 },
      label: { output: 'output_label' },
    });
    const rows = [
      { a: 1, b: 2, c: 0.5 },
      { a: -3, b: 0, c: 1 },
      { a: 0, b: 0, c: 0 },
    ];
    const out = await served.predict(rows);
    rows.forEach((r, i) => {
      const z = w[0] * r.a + w[1] * r.b + w[2] * r.c - 0.3;
      expect(out[i].probability!).toBeCloseTo(1 / (1 + Math.exp(-z)), 6);
      expect(out[i].label).toBe(z >= 0 ? 1 : 0);
    });
    await expect(served.predict([{ a: 'x', b: 1, c: 1 }])).rejects.toThrow(/^a: row 0: expected a finite number/);
    expect(await served.predict([])).toEqual([]);
  });

  it('rejects mappings that do not match the model, and unreadable files', async () => {
    const bytes = sklearnLikeModel([1, 1, 1], 0);
    const input = {
      kind: 'matrix' as const,
      input: 'float_input',
      features: ['a', 'b', 'c'],
      type: 'float32' as const,
    };
    await expect(
      createOnnxRuntimeModel(bytes, { inputs: [], probability: { output: 'output_probability', column: 1 } }),
    ).rejects.toThrow(/float_input: model input is not mapped/);
    await expect(createOnnxRuntimeModel(bytes, { inputs: [{ ...input, input: 'x' }] })).rejects.toThrow(/no input "x"/);
    await expect(createOnnxRuntimeModel(bytes, { inputs: [input], probability: { output: 'proba' } })).rejects.toThrow(
      /no output "proba"/,
    );
    await expect(createOnnxRuntimeModel(bytes, { inputs: [input] })).rejects.toThrow(/declare at least one/);
    await expect(createOnnxRuntimeModel(new Uint8Array([1, 2, 3]), { inputs: [input] })).rejects.toThrow(
      InferenceModelError,
    );
    const served = await createOnnxRuntimeModel(bytes, {
      inputs: [input],
      probability: { output: 'output_probability', column: 2 },
    });
    await expect(served.predict([{ a: 1, b: 1, c: 1 }])).rejects.toThrow(/column 2 out of range/);
  });
});
