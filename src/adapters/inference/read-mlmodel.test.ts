import { describe, expect, it } from 'vitest';
import { parseMlmodel } from './read-mlmodel.js';

// The shape MLflow 3.17 writes (mlflow.onnx.log_model), folded signature lines included.
const MLMODEL = `artifact_path: mlflow-artifacts:/2/models/m-13bc/artifacts
flavors:
  onnx:
    code: null
    data: model.onnx
    onnx_version: 1.23.2
  python_function:
    data: model.onnx
    loader_module: mlflow.onnx
mlflow_version: 3.17.2
model_id: m-13bc
run_id: 5a105e89
signature:
  inputs: '[{"type": "float", "name": "age", "required": true}, {"type": "string",
    "name": "city", "required": true}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1,
    2]}}]'
  params: null
`;

describe('parseMlmodel', () => {
  it('reads flavors, the signature (folded JSON lines) and the ids', () => {
    const mlmodel = parseMlmodel(MLMODEL, 'MLmodel');
    expect(Object.keys(mlmodel.flavors)).toEqual(['onnx', 'python_function']);
    expect(mlmodel.flavors.onnx.data).toBe('model.onnx');
    expect(mlmodel.signature?.inputs).toEqual([
      { kind: 'column', name: 'age', type: 'float' },
      { kind: 'column', name: 'city', type: 'string' },
    ]);
    expect(mlmodel.signature?.outputs).toEqual([{ kind: 'tensor', name: null, dtype: 'float64', shape: [-1, 2] }]);
    expect(mlmodel).toMatchObject({ runId: '5a105e89', modelId: 'm-13bc', mlflowVersion: '3.17.2' });
    expect(parseMlmodel('flavors:\n  onnx: {data: m.onnx}\n', 'MLmodel').signature).toBeNull();
  });

  it('names the file and the part it cannot read', () => {
    expect(() => parseMlmodel('flavors: [\n', 'dir/MLmodel')).toThrow(/^dir\/MLmodel: not valid YAML/);
    expect(() => parseMlmodel('run_id: x\n', 'dir/MLmodel')).toThrow(/dir\/MLmodel: flavors: missing/);
    expect(() => parseMlmodel("flavors: {}\nsignature:\n  inputs: '[{'\n", 'dir/MLmodel')).toThrow(
      /dir\/MLmodel: signature\.inputs: not JSON/,
    );
  });
});
