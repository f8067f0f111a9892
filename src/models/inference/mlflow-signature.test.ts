import { describe, expect, it } from 'vitest';
import { parseMlflowSignature, signatureColumnNames } from './mlflow-signature.js';

describe('parseMlflowSignature', () => {
  it('reads column and tensor specs as MLflow writes them in MLmodel', () => {
    const signature = parseMlflowSignature(
      '[{"type": "float", "name": "age", "required": true}, {"type": "long", "name": "tenure", "required": true}]',
      '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1, 2]}}]',
    );
    expect(signature.inputs).toEqual([
      { kind: 'column', name: 'age', type: 'float' },
      { kind: 'column', name: 'tenure', type: 'long' },
    ]);
    expect(signature.outputs).toEqual([{ kind: 'tensor', name: null, dtype: 'float64', shape: [-1, 2] }]);
    expect(signatureColumnNames(signature.inputs)).toEqual(['age', 'tenure']);
    expect(signatureColumnNames(signature.outputs)).toBeNull();
    expect(parseMlflowSignature(null, undefined)).toEqual({ inputs: [], outputs: [] });
  });

  it('names the side and position of what it cannot read', () => {
    expect(() => parseMlflowSignature('{', null)).toThrow(/^signature\.inputs: not JSON/);
    expect(() => parseMlflowSignature('{}', null)).toThrow(/signature\.inputs: expected a JSON array/);
    expect(() => parseMlflowSignature(null, '[{"type": "tensor"}]')).toThrow(
      /signature\.outputs\[0\]: a tensor spec needs "tensor-spec"/,
    );
    expect(() => parseMlflowSignature('[3]', null)).toThrow(/signature\.inputs\[0\]: expected an object/);
  });
});
