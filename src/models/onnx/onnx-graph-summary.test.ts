import { describe, expect, it } from 'vitest';
import {
  matrixClassifierGraph,
  matrixRegressorGraph,
  sklearnLikeGraph,
} from '../../../tests/support/onnx/byom-graphs.js';
import { attribute } from './onnx-attribute.js';
import { onnxClassLabels, summarizeOnnxGraph } from './onnx-graph-summary.js';
import { OnnxDataType } from './onnx-model-proto.js';

describe('summarizeOnnxGraph', () => {
  it('lists inputs (initializers left out) and outputs with their types and dims', () => {
    const regressor = matrixRegressorGraph();
    const withInitializerInput = { ...regressor.graph, input: [...(regressor.graph?.input ?? []), { name: 'W' }] };
    const summary = summarizeOnnxGraph(withInitializerInput);
    expect(summary.inputs).toEqual([
      { name: 'input', type: { kind: 'tensor', elemType: OnnxDataType.FLOAT, dims: [null, 2] } },
    ]);
    expect(summary.outputs).toEqual([
      { name: 'variable', type: { kind: 'tensor', elemType: OnnxDataType.FLOAT, dims: [null, 1] } },
    ]);
    expect(summary.classLabels).toBeNull();
    expect(summarizeOnnxGraph(sklearnLikeGraph().graph ?? {}).outputs[1]).toEqual({
      name: 'output_probability',
      type: { kind: 'sequence-of-maps', keyType: OnnxDataType.STRING },
    });
  });

  it('takes class labels from ZipMap first, else from the classifier node, saying where', () => {
    expect(onnxClassLabels(sklearnLikeGraph().graph ?? {})).toEqual({
      labels: ['no', 'yes'],
      source: 'ZipMap "ZipMap_output_probability".classlabels_strings',
    });
    expect(onnxClassLabels(sklearnLikeGraph({ labels: 'int64s', classes: [3, 7] }).graph ?? {})?.labels).toEqual([
      3, 7,
    ]);
    expect(onnxClassLabels(matrixClassifierGraph().graph ?? {})).toEqual({
      labels: [0, 1],
      source: 'LinearClassifier "LinearClassifier_label".classlabels_ints',
    });
    const tree = {
      node: [
        {
          op_type: 'TreeEnsembleClassifier',
          domain: 'ai.onnx.ml',
          name: 't',
          attribute: [attribute.ints('classlabels_int64s', [0, 1])],
        },
      ],
    };
    expect(onnxClassLabels(tree)?.source).toBe('TreeEnsembleClassifier "t".classlabels_int64s');
    const otherDomain = {
      node: [
        { op_type: 'ZipMap', domain: 'com.example', attribute: [attribute.strings('classlabels_strings', ['a', 'b'])] },
      ],
    };
    expect(onnxClassLabels(otherDomain)).toBeNull();
  });
});
