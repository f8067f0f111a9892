/**
 * An MLflow model signature as read from `MLmodel` (`signature.inputs` / `signature.outputs` are JSON texts):
 * column-based (`{"type": "double", "name": "age"}`) or tensor-based (`{"type": "tensor", "tensor-spec":
 * {"dtype": "float32", "shape": [-1, 4]}}`). Reference: mlflow/types/schema.py (ColSpec, TensorSpec).
 */
import { SchemaError } from '../../domain/schema-error.js';

export type MlflowSignatureSpec =
  | { readonly kind: 'column'; readonly name: string | null; readonly type: string }
  | {
      readonly kind: 'tensor';
      readonly name: string | null;
      readonly dtype: string;
      readonly shape: readonly number[];
    };

export interface MlflowSignature {
  readonly inputs: readonly MlflowSignatureSpec[];
  readonly outputs: readonly MlflowSignatureSpec[];
}

function parseSpec(value: unknown, field: string): MlflowSignatureSpec {
  if (value === null || typeof value !== 'object') throw new SchemaError(field, 'expected an object');
  const spec = value as Record<string, unknown>;
  const name = typeof spec.name === 'string' ? spec.name : null;
  if (spec.type === 'tensor') {
    const tensor = spec['tensor-spec'] as { dtype?: unknown; shape?: unknown } | undefined;
    if (
      typeof tensor?.dtype !== 'string' ||
      !Array.isArray(tensor.shape) ||
      !tensor.shape.every((d) => Number.isInteger(d))
    ) {
      throw new SchemaError(field, 'a tensor spec needs "tensor-spec": {"dtype": string, "shape": [integers]}');
    }
    return { kind: 'tensor', name, dtype: tensor.dtype, shape: tensor.shape as number[] };
  }
  if (typeof spec.type !== 'string') throw new SchemaError(field, 'expected "type": a column type or "tensor"');
  return { kind: 'column', name, type: spec.type };
}

function parseSide(text: string | null | undefined, field: string): MlflowSignatureSpec[] {
  if (text === null || text === undefined || text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SchemaError(field, `not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new SchemaError(field, 'expected a JSON array of column or tensor specs');
  return parsed.map((spec, i) => parseSpec(spec, `${field}[${i}]`));
}

/** Parses the two JSON texts of an MLmodel `signature` (absent sides are empty). */
export function parseMlflowSignature(
  inputs: string | null | undefined,
  outputs: string | null | undefined,
): MlflowSignature {
  return { inputs: parseSide(inputs, 'signature.inputs'), outputs: parseSide(outputs, 'signature.outputs') };
}

/** The column names of a column-based side, in order; null for a tensor-based or empty side, or unnamed columns. */
export function signatureColumnNames(specs: readonly MlflowSignatureSpec[]): string[] | null {
  if (specs.length === 0 || specs.some((s) => s.kind !== 'column' || s.name === null)) return null;
  return specs.map((s) => s.name as string);
}
