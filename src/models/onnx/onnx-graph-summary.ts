/**
 * What a graph's inputs and outputs are, and which class labels it carries — the facts the inference mapping is
 * inferred from. Class labels come from the ai.onnx.ml operators that hold them (Operators-ml.md): ZipMap
 * (`classlabels_int64s` / `classlabels_strings`, the probability columns' order), else the classifier node
 * (LinearClassifier / SVMClassifier `classlabels_ints` | `classlabels_strings`, TreeEnsembleClassifier
 * `classlabels_int64s` | `classlabels_strings`).
 */
import type { ClassLabel } from '../inference/inference-mapping.js';
import { readAttribute } from './onnx-attribute.js';
import type { OnnxGraphProto, OnnxNodeProto, OnnxTypeProto, OnnxValueInfoProto } from './onnx-model-proto.js';

export const ONNX_ML_DOMAIN = 'ai.onnx.ml';

/** A tensor's dimension: a size, a symbolic name (`N`), or null (unknown). */
export type OnnxDim = number | string | null;

export type OnnxValueType =
  | { readonly kind: 'tensor'; readonly elemType: number; readonly dims: readonly OnnxDim[] | null }
  | { readonly kind: 'sequence-of-maps'; readonly keyType: number }
  | { readonly kind: 'other' };

export interface OnnxValueSummary {
  readonly name: string;
  readonly type: OnnxValueType;
}

export interface OnnxClassLabels {
  readonly labels: readonly ClassLabel[];
  /** e.g. `ZipMap "ZipMap".classlabels_strings` — said in error messages and descriptions. */
  readonly source: string;
}

export interface OnnxGraphSummary {
  /** Graph inputs the caller feeds (initializers listed as inputs by old IR versions are left out). */
  readonly inputs: readonly OnnxValueSummary[];
  readonly outputs: readonly OnnxValueSummary[];
  readonly classLabels: OnnxClassLabels | null;
}

function valueType(type: OnnxTypeProto | undefined): OnnxValueType {
  if (type?.tensor_type !== undefined) {
    const dims = type.tensor_type.shape?.dim;
    return {
      kind: 'tensor',
      elemType: type.tensor_type.elem_type ?? 0,
      dims:
        dims === undefined
          ? null
          : dims.map((d): OnnxDim => (d.dim_value !== undefined ? Number(d.dim_value) : (d.dim_param ?? null))),
    };
  }
  const map = type?.sequence_type?.elem_type?.map_type;
  if (map !== undefined) return { kind: 'sequence-of-maps', keyType: map.key_type ?? 0 };
  return { kind: 'other' };
}

const summarize = (v: OnnxValueInfoProto): OnnxValueSummary => ({ name: v.name, type: valueType(v.type) });

const isMl = (node: OnnxNodeProto, opType: string): boolean =>
  node.op_type === opType && node.domain === ONNX_ML_DOMAIN;

const CLASSIFIERS: readonly [opType: string, intAttribute: string][] = [
  ['LinearClassifier', 'classlabels_ints'],
  ['SVMClassifier', 'classlabels_ints'],
  ['TreeEnsembleClassifier', 'classlabels_int64s'],
];

/** The class labels a node carries, or null when it carries none. */
function labelsOf(node: OnnxNodeProto, intAttribute: string): OnnxClassLabels | null {
  const where = `${node.op_type} ${JSON.stringify(node.name ?? '')}`;
  const strings = readAttribute.strings(node, 'classlabels_strings');
  if (strings !== undefined) return { labels: strings, source: `${where}.classlabels_strings` };
  const ints = readAttribute.ints(node, intAttribute);
  if (ints !== undefined) return { labels: ints, source: `${where}.${intAttribute}` };
  return null;
}

/** The class labels of a graph, in its probability columns' order, or null (a regressor, or a graph without any). */
export function onnxClassLabels(graph: OnnxGraphProto): OnnxClassLabels | null {
  const nodes = graph.node ?? [];
  for (const node of nodes.filter((n) => isMl(n, 'ZipMap'))) {
    const labels = labelsOf(node, 'classlabels_int64s');
    if (labels !== null) return labels;
  }
  for (const [opType, intAttribute] of CLASSIFIERS) {
    for (const node of nodes.filter((n) => isMl(n, opType))) {
      const labels = labelsOf(node, intAttribute);
      if (labels !== null) return labels;
    }
  }
  return null;
}

/** Inputs, outputs and class labels of a graph. */
export function summarizeOnnxGraph(graph: OnnxGraphProto): OnnxGraphSummary {
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  return {
    inputs: (graph.input ?? []).filter((v) => !initializers.has(v.name)).map(summarize),
    outputs: (graph.output ?? []).map(summarize),
    classLabels: onnxClassLabels(graph),
  };
}
