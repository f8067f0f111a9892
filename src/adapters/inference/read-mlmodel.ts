/**
 * Reads an MLflow model directory's `MLmodel` (YAML, written by mlflow/models/model.py `Model.to_yaml`): its flavors,
 * signature (two JSON texts) and recorded ids. YAML through the `yaml` package (a maintained YAML 1.2 parser).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SchemaError } from '../../domain/schema-error.js';
import { InferenceModelError } from '../../models/inference/inference-mapping.js';
import { type MlflowSignature, parseMlflowSignature } from '../../models/inference/mlflow-signature.js';

export interface Mlmodel {
  /** flavor name → its settings (`onnx: {data: model.onnx, …}`, `python_function: {loader_module: …}`). */
  readonly flavors: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** null when MLmodel has no signature. */
  readonly signature: MlflowSignature | null;
  readonly runId: string | null;
  readonly modelId: string | null;
  readonly mlflowVersion: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Parses MLmodel YAML text; `path` names the file in errors. */
export function parseMlmodel(yamlText: string, path: string): Mlmodel {
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch (error) {
    throw new InferenceModelError(path, `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (doc === null || typeof doc !== 'object')
    throw new InferenceModelError(path, 'expected a YAML mapping with "flavors"');
  const { flavors, signature, run_id, model_id, mlflow_version } = doc as Record<string, unknown>;
  if (flavors === null || typeof flavors !== 'object' || Array.isArray(flavors))
    throw new InferenceModelError(`${path}: flavors`, 'missing; an MLflow model lists its flavors');
  let parsedSignature: MlflowSignature | null = null;
  if (signature !== null && typeof signature === 'object') {
    const { inputs, outputs } = signature as Record<string, unknown>;
    try {
      parsedSignature = parseMlflowSignature(text(inputs), text(outputs));
    } catch (error) {
      if (error instanceof SchemaError) throw new InferenceModelError(`${path}: ${error.field}`, error.reason);
      throw error;
    }
  }
  return {
    flavors: flavors as Mlmodel['flavors'],
    signature: parsedSignature,
    runId: text(run_id),
    modelId: text(model_id),
    mlflowVersion: text(mlflow_version),
  };
}

/** Reads and parses `<dir>/MLmodel`. */
export async function readMlmodel(dir: string): Promise<Mlmodel> {
  const path = join(dir, 'MLmodel');
  let yamlText: string;
  try {
    yamlText = await readFile(path, 'utf8');
  } catch (error) {
    throw new InferenceModelError(
      path,
      `cannot read the MLflow model file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parseMlmodel(yamlText, path);
}
