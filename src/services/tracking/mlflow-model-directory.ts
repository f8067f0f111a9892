/**
 * Builds the files of an MLflow model directory for a driftguard model exported to ONNX, so that
 * `mlflow.pyfunc.load_model("models:/<name>@champion")` and `mlflow.onnx.load_model` work in Python:
 * `MLmodel` (flavors `onnx` and `python_function` with `loader_module: mlflow.onnx`, a signature),
 * `model.onnx`, `requirements.txt`, `python_env.yaml`, `conda.yaml`, plus driftguard's own JSON files.
 * Pure string building (no I/O, no clock: `createdAtMs` is passed in); the ONNX bytes come from the models core.
 * Format reference: mlflow/models/model.py (Model.to_yaml), mlflow/onnx/__init__.py (save_model),
 * mlflow/types/schema.py (ColSpec / TensorSpec JSON).
 */
import type { ArtifactFile } from '../../ports/tracking-store.js';

/** MLflow column types (mlflow.types.DataType). */
export type MlflowColumnType = 'boolean' | 'integer' | 'long' | 'float' | 'double' | 'string' | 'binary' | 'datetime';

/** A column of a column-based signature (`{"type": "double", "name": "age", "required": true}`). */
export interface MlflowColumnSpec {
  readonly kind: 'column';
  readonly name: string;
  readonly type: MlflowColumnType;
  /** Default true. */
  readonly required?: boolean;
}

/** A tensor of a tensor-based signature (`{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 3]}}`); -1 = any size. */
export interface MlflowTensorSpec {
  readonly kind: 'tensor';
  readonly name?: string;
  readonly dtype: 'float32' | 'float64' | 'int32' | 'int64' | 'bool' | 'str';
  readonly shape: readonly number[];
}

export type MlflowSpec = MlflowColumnSpec | MlflowTensorSpec;

export interface MlflowModelDirectoryOptions {
  /** The serialized ONNX model (written as `model.onnx`). */
  readonly onnxModel: Uint8Array;
  readonly signature: { readonly inputs: readonly MlflowSpec[]; readonly outputs: readonly MlflowSpec[] };
  readonly createdAtMs: number;
  /** The `onnx` package version recorded in the flavor; default `1.17.0`. */
  readonly onnxVersion?: string;
  /** Default `3.11`. */
  readonly pythonVersion?: string;
  /** Default `3.17.2` (the server version driftguard is tested against). */
  readonly mlflowVersion?: string;
  /** Execution providers of the onnx flavor; default `["CPUExecutionProvider"]`. */
  readonly providers?: readonly string[];
  /** requirements.txt lines; default mlflow==<mlflowVersion>, onnxruntime, numpy, pandas. */
  readonly requirements?: readonly string[];
  /** MLflow run that produced the model (recorded as `run_id`). */
  readonly runId?: string;
  /** Optional MLmodel `model_uuid` (the caller generates it; this module has no random source). */
  readonly modelUuid?: string;
  /** driftguard's JSON model (`driftguard-model.json`). */
  readonly driftguardModel?: unknown;
  /** Reference profile of the training data (`reference-profile.json`). */
  readonly referenceProfile?: unknown;
  /** Champion/challenger evaluation report (`evaluation-report.json`). */
  readonly evaluationReport?: unknown;
  /** The drift report that triggered the retraining (`drift-report.json`). */
  readonly driftReport?: unknown;
}

/** YAML single-quoted scalar (a quote is doubled), the form MLflow itself writes for signature JSON. */
function yamlQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function specJson(spec: MlflowSpec): Record<string, unknown> {
  if (spec.kind === 'column') return { type: spec.type, name: spec.name, required: spec.required ?? true };
  return {
    type: 'tensor',
    ...(spec.name ? { name: spec.name } : {}),
    'tensor-spec': { dtype: spec.dtype, shape: [...spec.shape] },
  };
}

function checkSpecs(side: 'inputs' | 'outputs', specs: readonly MlflowSpec[]): void {
  if (specs.length === 0) throw new RangeError(`signature.${side}: at least one spec is required`);
  const kinds = new Set(specs.map((s) => s.kind));
  if (kinds.size > 1)
    throw new RangeError(`signature.${side}: mixes column and tensor specs; MLflow requires one kind per side`);
  const names = specs.map((s) => s.name ?? '');
  if (specs.length > 1 && names.some((n) => n === ''))
    throw new RangeError(`signature.${side}: every spec needs a name when there are several`);
  if (new Set(names).size !== names.length) throw new RangeError(`signature.${side}: duplicate names`);
}

/** `2026-11-26 23:30:00.000000`, MLflow's utc_time_created format. */
function utcTimestamp(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`createdAtMs: ${ms} is not a finite epoch-milliseconds value`);
  return `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}000`;
}

/** The `MLmodel` YAML text. */
export function buildMlmodelYaml(options: MlflowModelDirectoryOptions): string {
  checkSpecs('inputs', options.signature.inputs);
  checkSpecs('outputs', options.signature.outputs);
  const pythonVersion = options.pythonVersion ?? '3.11';
  const providers = options.providers ?? ['CPUExecutionProvider'];
  const lines = [
    'artifact_path: model',
    'flavors:',
    '  onnx:',
    '    code: null',
    '    data: model.onnx',
    `    onnx_version: ${yamlQuote(options.onnxVersion ?? '1.17.0')}`,
    '    providers:',
    ...providers.map((p) => `    - ${yamlQuote(p)}`),
    '  python_function:',
    '    data: model.onnx',
    '    env:',
    '      conda: conda.yaml',
    '      virtualenv: python_env.yaml',
    '    loader_module: mlflow.onnx',
    `    python_version: ${yamlQuote(pythonVersion)}`,
    `mlflow_version: ${yamlQuote(options.mlflowVersion ?? '3.17.2')}`,
    `model_size_bytes: ${options.onnxModel.byteLength}`,
    ...(options.modelUuid ? [`model_uuid: ${yamlQuote(options.modelUuid)}`] : []),
    ...(options.runId ? [`run_id: ${yamlQuote(options.runId)}`] : []),
    'signature:',
    `  inputs: ${yamlQuote(JSON.stringify(options.signature.inputs.map(specJson)))}`,
    `  outputs: ${yamlQuote(JSON.stringify(options.signature.outputs.map(specJson)))}`,
    '  params: null',
    `utc_time_created: ${yamlQuote(utcTimestamp(options.createdAtMs))}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Every file of the model directory, paths relative to the directory (upload them under `model/`). */
export function buildMlflowModelDirectory(options: MlflowModelDirectoryOptions): ArtifactFile[] {
  if (options.onnxModel.byteLength === 0)
    throw new RangeError('onnxModel: empty; expected the serialized ONNX model bytes');
  const mlflowVersion = options.mlflowVersion ?? '3.17.2';
  const pythonVersion = options.pythonVersion ?? '3.11';
  const requirements = options.requirements ?? [`mlflow==${mlflowVersion}`, 'onnxruntime>=1.17', 'numpy', 'pandas'];
  const files: ArtifactFile[] = [
    { path: 'MLmodel', content: buildMlmodelYaml(options) },
    { path: 'model.onnx', content: options.onnxModel },
    { path: 'requirements.txt', content: `${requirements.join('\n')}\n` },
    {
      path: 'python_env.yaml',
      content: `python: ${pythonVersion}\nbuild_dependencies:\n- pip\n- setuptools\n- wheel\ndependencies:\n- -r requirements.txt\n`,
    },
    {
      path: 'conda.yaml',
      content: `channels:\n- conda-forge\ndependencies:\n- python=${pythonVersion}\n- pip\n- pip:\n${requirements.map((r) => `  - ${r}`).join('\n')}\nname: mlflow-env\n`,
    },
  ];
  const json: [string, unknown][] = [
    ['driftguard-model.json', options.driftguardModel],
    ['reference-profile.json', options.referenceProfile],
    ['evaluation-report.json', options.evaluationReport],
    ['drift-report.json', options.driftReport],
  ];
  for (const [path, value] of json) {
    if (value !== undefined) files.push({ path, content: `${JSON.stringify(value, null, 2)}\n` });
  }
  return files;
}
