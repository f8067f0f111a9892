/**
 * The inference mapping of an ONNX graph driftguard did not train, inferred from the graph and its MLflow signature
 * (issue 15): no declared mapping needed for what skl2onnx, onnxmltools and torch.onnx write.
 *
 * Inputs — either one input per column (skl2onnx `to_onnx(pipe, X_df[:1])`: [N, 1] or [N] each, float / double /
 * int64 / string; the feature is the input's name), or one matrix input [N, k] of float / double whose column order
 * is the signature's column names, else the model entry's `features` (a bare tensor signature has none).
 * Outputs — ZipMaps are removed first (expose-zipmap-inputs.ts). A classifier (class labels in the graph, or a
 * [N, k ≥ 2] float output) reads P(positive) from column `index of the positive class` of the probability tensor
 * and the label from an int64 / string output; a regressor reads a float output [N] or [N, 1]. A graph whose only
 * output is one float column is a regressor unless the model entry says `task: binary` (then it is P(classLabels[1])).
 */
import { exposeZipMapInputs } from '../onnx/expose-zipmap-inputs.js';
import { type OnnxValueSummary, summarizeOnnxGraph } from '../onnx/onnx-graph-summary.js';
import { OnnxDataType, type OnnxModelProto } from '../onnx/onnx-model-proto.js';
import {
  type ClassLabel,
  type InferenceElementType,
  type InferenceMapping,
  type InferenceModelDescription,
  InferenceModelError,
  type InputMapping,
  type OutputRef,
} from './inference-mapping.js';
import { type MlflowSignature, signatureColumnNames } from './mlflow-signature.js';
import { positiveClassOf } from './positive-class.js';

export interface OnnxMappingOptions {
  /** The model entry's features in order: the columns of a matrix input when the signature names none. */
  readonly features?: readonly string[];
  /** The model entry's positive class (string form of a label); default: the second of the sorted labels. */
  readonly positiveClass?: string;
  /** The model entry's task, when the graph alone cannot tell (one float column: a probability or a value). */
  readonly task?: 'binary' | 'regression';
  /** Class labels for a classifier whose graph carries none (e.g. a torch.onnx softmax), in column order. */
  readonly classLabels?: readonly ClassLabel[];
}

export interface InferredOnnxModel {
  /** The graph to run: the input model, or its rewrite without ZipMaps (`description.graphChanges` says so). */
  readonly model: OnnxModelProto;
  readonly mapping: InferenceMapping;
  readonly description: InferenceModelDescription;
}

interface Tensor {
  readonly name: string;
  readonly elemType: number;
  readonly dims: readonly (number | string | null)[];
}

const ELEMENT_TYPES: Readonly<Record<number, InferenceElementType>> = {
  [OnnxDataType.FLOAT]: 'float32',
  [OnnxDataType.DOUBLE]: 'float64',
  [OnnxDataType.INT64]: 'int64',
  [OnnxDataType.STRING]: 'string',
};
const TYPE_NAMES = Object.fromEntries(Object.entries(OnnxDataType).map(([name, code]) => [code, name.toLowerCase()]));

const shapeText = (t: Tensor): string => `[${t.dims.map((d) => d ?? '?').join(', ')}]`;
const isFloat = (t: Tensor): boolean => t.elemType === OnnxDataType.FLOAT || t.elemType === OnnxDataType.DOUBLE;
/** [N] or [N, 1]. */
const isColumn = (t: Tensor): boolean => t.dims.length === 1 || (t.dims.length === 2 && t.dims[1] === 1);
const width = (t: Tensor): number | null => (t.dims.length === 2 && typeof t.dims[1] === 'number' ? t.dims[1] : null);

function tensorOf(value: OnnxValueSummary, side: 'inputs' | 'outputs'): Tensor | null {
  if (value.type.kind !== 'tensor') return null;
  if (value.type.dims === null) {
    if (side === 'inputs')
      throw new InferenceModelError(
        `inputs.${value.name}`,
        'the graph gives this input no shape; export it with a shape ([N, k] or [N, 1])',
      );
    return null;
  }
  return { name: value.name, elemType: value.type.elemType, dims: value.type.dims };
}

function elementType(t: Tensor): InferenceElementType {
  const type = ELEMENT_TYPES[t.elemType];
  if (type === undefined) {
    throw new InferenceModelError(
      `inputs.${t.name}`,
      `element type ${TYPE_NAMES[t.elemType] ?? t.elemType} is not supported (float, double, int64, string)`,
    );
  }
  return type;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

function matrixColumns(
  input: Tensor,
  k: number,
  signature: MlflowSignature | null,
  options: OnnxMappingOptions,
): string[] {
  const named = signature === null ? null : signatureColumnNames(signature.inputs);
  const columns = named ?? (options.features ? [...options.features] : null);
  const field = `inputs.${input.name}`;
  if (columns === null) {
    throw new InferenceModelError(
      field,
      `one matrix input ${shapeText(input)} and a signature without column names: declare the model entry's "featureOrder" (the matrix's column order)`,
    );
  }
  if (columns.length !== k) {
    throw new InferenceModelError(
      field,
      `the matrix has ${k} columns but ${named ? 'the signature names' : 'the model entry declares'} ${columns.length}: ${columns.join(', ')}`,
    );
  }
  if (named !== null && options.features !== undefined && !sameSet(named, options.features)) {
    throw new InferenceModelError(
      'featureOrder',
      `the model entry's featureOrder (${options.features.join(', ')}) is not the signature's columns (${named.join(', ')})`,
    );
  }
  return columns;
}

function inputMappings(
  inputs: readonly Tensor[],
  signature: MlflowSignature | null,
  options: OnnxMappingOptions,
): InputMapping[] {
  if (inputs.length === 0) throw new InferenceModelError('inputs', 'the graph has no inputs');
  const k = inputs.length === 1 ? width(inputs[0]) : null;
  if (k !== null && k > 1) {
    const input = inputs[0];
    const type = elementType(input);
    if (type !== 'float32' && type !== 'float64')
      throw new InferenceModelError(`inputs.${input.name}`, `a matrix input must be float or double, not ${type}`);
    return [{ kind: 'matrix', input: input.name, features: matrixColumns(input, k, signature, options), type }];
  }
  return inputs.map((t): InputMapping => {
    if (!isColumn(t)) {
      throw new InferenceModelError(
        `inputs.${t.name}`,
        `shape ${shapeText(t)}: with several inputs each must be one column, [N] or [N, 1]`,
      );
    }
    return {
      kind: 'feature',
      input: t.name,
      feature: t.name,
      type: elementType(t),
      shape: t.dims.length === 2 ? 'N,1' : 'N',
    };
  });
}

/** Prefers the candidate whose name matches `hint`, else the first. */
const pick = (candidates: readonly Tensor[], hint: RegExp): Tensor | undefined =>
  candidates.find((t) => hint.test(t.name)) ?? candidates[0];

function outputList(outputs: readonly OnnxValueSummary[]): string {
  return outputs
    .map((o) =>
      o.type.kind === 'tensor'
        ? `${o.name} ${TYPE_NAMES[o.type.elemType] ?? o.type.elemType}${o.type.dims ? `[${o.type.dims.map((d) => d ?? '?').join(', ')}]` : ''}`
        : `${o.name} (${o.type.kind})`,
    )
    .join(', ');
}

/** Infers the mapping (and removes ZipMaps) of an ONNX model; see the file comment. Errors name the input / output. */
export function inferOnnxMapping(
  model: OnnxModelProto,
  signature: MlflowSignature | null,
  options: OnnxMappingOptions = {},
): InferredOnnxModel {
  const { model: runnable, exposures } = exposeZipMapInputs(model);
  const summary = summarizeOnnxGraph(runnable.graph ?? {});
  const inputs = inputMappings(
    summary.inputs.map((i) => tensorOf(i, 'inputs') as Tensor),
    signature,
    options,
  );
  const features = inputs.flatMap((m) =>
    m.kind === 'matrix' ? m.features.map((name) => ({ name, type: m.type })) : [{ name: m.feature, type: m.type }],
  );
  const graphChanges = exposures.map(
    (e) =>
      `removed the ZipMap behind output "${e.removedOutput}" (a sequence of maps onnxruntime-node cannot return) and exposed its input "${e.tensorOutput}", the [N, k] probability tensor`,
  );
  const outputs = summary.outputs.map((o) => tensorOf(o, 'outputs')).filter((t): t is Tensor => t !== null);
  const probabilities = [
    ...exposures.map((e) => outputs.find((o) => o.name === e.tensorOutput) as Tensor),
    ...outputs.filter((t) => isFloat(t) && (width(t) ?? 0) >= 2),
  ];
  const labels = outputs.filter(
    (t) =>
      (t.elemType === OnnxDataType.INT64 || t.elemType === OnnxDataType.STRING) &&
      t.dims.length <= 2 &&
      (t.dims.length < 2 || t.dims[1] === 1),
  );
  const columns = outputs.filter((t) => isFloat(t) && isColumn(t));
  const graphLabels = summary.classLabels?.labels ?? options.classLabels ?? null;
  const classifier =
    options.task === 'binary' || (options.task !== 'regression' && (graphLabels !== null || probabilities.length > 0));
  const describe = (d: Omit<InferenceModelDescription, 'features' | 'graphChanges'>): InferenceModelDescription => ({
    ...d,
    features,
    graphChanges,
  });

  if (!classifier) {
    const value = pick(columns, /variable|predict|output|value/i);
    if (value === undefined)
      throw new InferenceModelError(
        'outputs',
        `no regression output (a float tensor [N] or [N, 1]) among: ${outputList(summary.outputs)}`,
      );
    return {
      model: runnable,
      mapping: { inputs, value: { output: value.name } },
      description: describe({ task: 'regression', classLabels: null, positiveClass: null }),
    };
  }
  const label = pick(labels, /label/i);
  const probability = pick(probabilities, /prob/i);
  let probabilityRef: OutputRef;
  let classLabels: readonly ClassLabel[];
  if (probability !== undefined) {
    const k = width(probability);
    classLabels =
      graphLabels ??
      (label?.elemType === OnnxDataType.INT64 && k !== null ? Array.from({ length: k }, (_, i) => i) : []);
    if (classLabels.length === 0) {
      throw new InferenceModelError(
        'classLabels',
        `the graph carries no class labels for output "${probability.name}"; declare the model entry's "classLabels" in column order`,
      );
    }
    if (k !== null && k !== classLabels.length) {
      throw new InferenceModelError(
        `outputs.${probability.name}`,
        `${k} probability columns but ${classLabels.length} class labels ${JSON.stringify(classLabels)}${summary.classLabels ? ` (from ${summary.classLabels.source})` : ''}`,
      );
    }
    if (classLabels.length !== 2) {
      throw new InferenceModelError(
        'classLabels',
        `driftguard serves binary classifiers and regressors; this classifier has ${classLabels.length} classes ${JSON.stringify(classLabels)}`,
      );
    }
    probabilityRef = {
      output: probability.name,
      column: classLabels.indexOf(positiveClassOf(classLabels, options.positiveClass)),
    };
  } else {
    // declared binary, one float column: P(positive class), labels as declared (default 0 / 1)
    const single = pick(columns, /prob|score|output/i);
    if (single === undefined)
      throw new InferenceModelError(
        'outputs',
        `no probability output ([N, 2], [N] or [N, 1] float) among: ${outputList(summary.outputs)}`,
      );
    classLabels = graphLabels ?? [0, 1];
    if (positiveClassOf(classLabels, options.positiveClass) !== classLabels[1]) {
      throw new InferenceModelError(
        'positiveClass',
        `output "${single.name}" is one column, P(${JSON.stringify(classLabels[1])}); the positive class must be ${JSON.stringify(classLabels[1])}`,
      );
    }
    probabilityRef = { output: single.name };
  }
  const positiveClass = positiveClassOf(classLabels, options.positiveClass);
  return {
    model: runnable,
    mapping: { inputs, probability: probabilityRef, ...(label !== undefined ? { label: { output: label.name } } : {}) },
    description: describe({ task: 'binary', classLabels, positiveClass }),
  };
}
