import { describe, expect, it } from 'vitest';
import {
  matrixClassifierGraph,
  matrixRegressorGraph,
  sigmoidNetGraph,
  sklearnLikeGraph,
  tensorInfo,
} from '../../../tests/support/onnx/byom-graphs.js';
import { OnnxDataType, type OnnxModelProto } from '../onnx/onnx-model-proto.js';
import { inferOnnxMapping } from './infer-onnx-mapping.js';
import { InferenceModelError } from './inference-mapping.js';
import { parseMlflowSignature } from './mlflow-signature.js';

const columns = (...names: string[]) =>
  parseMlflowSignature(JSON.stringify(names.map((name) => ({ type: 'float', name }))), null);
const bareTensor = (k: number) =>
  parseMlflowSignature(JSON.stringify([{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, k] } }]), null);

function withInputs(model: OnnxModelProto, input: ReturnType<typeof tensorInfo>[]): OnnxModelProto {
  return { ...model, graph: { ...model.graph, input } };
}

describe('inferOnnxMapping', () => {
  it('skl2onnx per-column pipeline with ZipMap: one feature per input, ZipMap removed, P(classes[1]) from its input', () => {
    const inferred = inferOnnxMapping(sklearnLikeGraph(), null);
    expect(inferred.mapping).toEqual({
      inputs: [
        { kind: 'feature', input: 'age', feature: 'age', type: 'float32', shape: 'N,1' },
        { kind: 'feature', input: 'tenure', feature: 'tenure', type: 'int64', shape: 'N,1' },
        { kind: 'feature', input: 'city', feature: 'city', type: 'string', shape: 'N,1' },
      ],
      probability: { output: 'probabilities', column: 1 },
      label: { output: 'output_label' },
    });
    expect(inferred.description).toMatchObject({ task: 'binary', classLabels: ['no', 'yes'], positiveClass: 'yes' });
    expect(inferred.description.features).toEqual([
      { name: 'age', type: 'float32' },
      { name: 'tenure', type: 'int64' },
      { name: 'city', type: 'string' },
    ]);
    expect(inferred.description.graphChanges).toEqual([
      expect.stringMatching(/removed the ZipMap behind output "output_probability".*exposed its input "probabilities"/),
    ]);
    expect(inferred.model.graph?.node?.some((n) => n.op_type === 'ZipMap')).toBe(false);
  });

  it("the positive class is the second sorted label unless declared; the column follows the graph's label order", () => {
    const reversed = sklearnLikeGraph({ classes: ['yes', 'no'] });
    expect(inferOnnxMapping(reversed, null).mapping.probability).toEqual({ output: 'probabilities', column: 0 });
    expect(inferOnnxMapping(reversed, null).description.positiveClass).toBe('yes');
    expect(inferOnnxMapping(sklearnLikeGraph(), null, { positiveClass: 'no' }).mapping.probability).toEqual({
      output: 'probabilities',
      column: 0,
    });
    const ints = inferOnnxMapping(sklearnLikeGraph({ labels: 'int64s', classes: [10, 2] }), null);
    expect(ints.description).toMatchObject({ classLabels: [10, 2], positiveClass: 10 });
    expect(ints.mapping.probability).toEqual({ output: 'probabilities', column: 0 });
    expect(() => inferOnnxMapping(sklearnLikeGraph(), null, { positiveClass: 'maybe' })).toThrow(
      /positiveClass: "maybe" is not one of the model's class labels \["no","yes"\]/,
    );
  });

  it("one matrix input: columns from the signature's names, else the model entry's features; refuses neither or a mismatch", () => {
    const fromSignature = inferOnnxMapping(matrixClassifierGraph(), columns('b', 'a', 'c'));
    expect(fromSignature.mapping).toEqual({
      inputs: [{ kind: 'matrix', input: 'input', features: ['b', 'a', 'c'], type: 'float32' }],
      probability: { output: 'probabilities', column: 1 },
      label: { output: 'label' },
    });
    expect(fromSignature.description).toMatchObject({
      task: 'binary',
      classLabels: [0, 1],
      positiveClass: 1,
      graphChanges: [],
    });
    expect(
      inferOnnxMapping(matrixClassifierGraph(), bareTensor(3), { features: ['x', 'y', 'z'] }).mapping.inputs,
    ).toEqual([{ kind: 'matrix', input: 'input', features: ['x', 'y', 'z'], type: 'float32' }]);
    expect(() => inferOnnxMapping(matrixClassifierGraph(), bareTensor(3))).toThrow(
      /inputs\.input: one matrix input \[\?, 3\] and a signature without column names: declare the model entry's "featureOrder"/,
    );
    expect(() => inferOnnxMapping(matrixClassifierGraph(), null, { features: ['x', 'y'] })).toThrow(
      /the matrix has 3 columns but the model entry declares 2: x, y/,
    );
    expect(() =>
      inferOnnxMapping(matrixClassifierGraph(), columns('a', 'b', 'c'), { features: ['a', 'b', 'd'] }),
    ).toThrow(/featureOrder: the model entry's featureOrder \(a, b, d\) is not the signature's columns \(a, b, c\)/);
  });

  it('regressors: a float [N, 1] output is the value', () => {
    const inferred = inferOnnxMapping(matrixRegressorGraph(), null, { features: ['u', 'v'] });
    expect(inferred.mapping).toEqual({
      inputs: [{ kind: 'matrix', input: 'input', features: ['u', 'v'], type: 'float32' }],
      value: { output: 'variable' },
    });
    expect(inferred.description).toMatchObject({ task: 'regression', classLabels: null, positiveClass: null });
  });

  it('one float column without class labels: a regressor unless the model entry says binary (then P(classLabels[1]))', () => {
    expect(inferOnnxMapping(sigmoidNetGraph(), null, { features: ['p', 'q'] }).description.task).toBe('regression');
    const binary = inferOnnxMapping(sigmoidNetGraph(), null, { features: ['p', 'q'], task: 'binary' });
    expect(binary.mapping.probability).toEqual({ output: 'output' });
    expect(binary.description).toMatchObject({ task: 'binary', classLabels: [0, 1], positiveClass: 1 });
    expect(
      inferOnnxMapping(sigmoidNetGraph(), null, {
        features: ['p', 'q'],
        task: 'binary',
        classLabels: ['ok', 'ko'],
        positiveClass: 'ko',
      }).description.positiveClass,
    ).toBe('ko');
    expect(() =>
      inferOnnxMapping(sigmoidNetGraph(), null, { features: ['p', 'q'], task: 'binary', positiveClass: '0' }),
    ).toThrow(/output "output" is one column, P\(1\); the positive class must be 1/);
  });

  it('refuses what it cannot serve, naming the input or output', () => {
    const withBool = withInputs(sklearnLikeGraph(), [tensorInfo('age', OnnxDataType.BOOL, [null, 1])]);
    expect(() => inferOnnxMapping(withBool, null)).toThrow(
      /inputs\.age: element type bool is not supported \(float, double, int64, string\)/,
    );
    const mixed = withInputs(matrixClassifierGraph(), [
      tensorInfo('input', OnnxDataType.FLOAT, [null, 3]),
      tensorInfo('extra', OnnxDataType.STRING, [null, 1]),
    ]);
    expect(() => inferOnnxMapping(mixed, null)).toThrow(
      /inputs\.input: shape \[\?, 3\]: with several inputs each must be one column/,
    );
    const intMatrix = withInputs(matrixClassifierGraph(), [tensorInfo('input', OnnxDataType.INT64, [null, 3])]);
    expect(() => inferOnnxMapping(intMatrix, null, { features: ['a', 'b', 'c'] })).toThrow(
      /a matrix input must be float or double, not int64/,
    );
    expect(() =>
      inferOnnxMapping(withInputs(matrixClassifierGraph(), [tensorInfo('input', OnnxDataType.FLOAT, null)]), null),
    ).toThrow(/inputs\.input: the graph gives this input no shape/);
    expect(() => inferOnnxMapping(withInputs(matrixClassifierGraph(), []), null)).toThrow(InferenceModelError);
    const threeClasses = sklearnLikeGraph({ classes: ['a', 'b', 'c'] });
    expect(() => inferOnnxMapping(threeClasses, null)).toThrow(
      /driftguard serves binary classifiers and regressors; this classifier has 3 classes/,
    );
    const noOutputs: OnnxModelProto = {
      ...matrixRegressorGraph(),
      graph: { ...matrixRegressorGraph().graph, output: [tensorInfo('variable', OnnxDataType.FLOAT, [null, 4])] },
    };
    expect(() => inferOnnxMapping(noOutputs, null, { features: ['u', 'v'], task: 'regression' })).toThrow(
      /outputs: no regression output \(a float tensor \[N\] or \[N, 1\]\) among: variable float\[\?, 4\]/,
    );
  });
});
