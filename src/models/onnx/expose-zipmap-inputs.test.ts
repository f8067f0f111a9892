import { describe, expect, it } from 'vitest';
import {
  matrixClassifierGraph,
  sklearnLikeGraph,
  tensorInfo,
  zipMapInfo,
} from '../../../tests/support/onnx/byom-graphs.js';
import { exposeZipMapInputs } from './expose-zipmap-inputs.js';
import { OnnxDataType, type OnnxModelProto } from './onnx-model-proto.js';

describe('exposeZipMapInputs', () => {
  it('drops the ZipMap and puts its [N, k] float input where its output was, leaving everything else as it was', () => {
    const original = sklearnLikeGraph();
    const { model, exposures } = exposeZipMapInputs(original);
    expect(exposures).toEqual([{ removedOutput: 'output_probability', tensorOutput: 'probabilities' }]);
    expect(model.graph?.output).toEqual([
      original.graph?.output?.[0],
      tensorInfo('probabilities', OnnxDataType.FLOAT, ['N', 2]),
    ]);
    expect(model.graph?.node).toEqual(original.graph?.node?.filter((n) => n.op_type !== 'ZipMap'));
    expect({ ...model, graph: undefined }).toEqual({ ...original, graph: undefined });
    expect(model.graph?.input).toBe(original.graph?.input);
  });

  it('returns the same object when there is no sequence output', () => {
    const original = matrixClassifierGraph();
    expect(exposeZipMapInputs(original)).toEqual({ model: original, exposures: [] });
  });

  it('refuses a sequence of maps not made by a ZipMap, and a ZipMap output that something else reads', () => {
    const base = matrixClassifierGraph();
    const notZip: OnnxModelProto = {
      ...base,
      graph: { ...base.graph, output: [zipMapInfo('label', OnnxDataType.INT64)] },
    };
    expect(() => exposeZipMapInputs(notZip)).toThrow(
      /outputs\.label: a sequence of maps not made by a ZipMap \(made by LinearClassifier\)/,
    );
    const skl = sklearnLikeGraph();
    const reused: OnnxModelProto = {
      ...skl,
      graph: {
        ...skl.graph,
        node: [...(skl.graph?.node ?? []), { op_type: 'Identity', input: ['output_probability'], output: ['copy'] }],
      },
    };
    expect(() => exposeZipMapInputs(reused)).toThrow(/the ZipMap output also feeds Identity/);
  });
});
