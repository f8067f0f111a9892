/**
 * Rewrites a graph so that every probability comes out as a tensor. skl2onnx and onnxmltools end classifiers with
 * a ZipMap (ai.onnx.ml) by default: its output, `seq(map(int64 | string, float))`, is a list of dicts per row that
 * onnxruntime-node cannot return. The ZipMap's input is the plain [N, k] float tensor of class probabilities,
 * columns in the ZipMap's `classlabels_*` order. So: drop each ZipMap that feeds a graph output, and put its input
 * where that output was. Nothing else in the graph changes (same nodes, opsets and metadata), so every other output
 * is computed exactly as before.
 */

import { SchemaError } from '../../domain/schema-error.js';
import { ONNX_ML_DOMAIN } from './onnx-graph-summary.js';
import {
  OnnxDataType,
  type OnnxGraphProto,
  type OnnxModelProto,
  type OnnxNodeProto,
  type OnnxValueInfoProto,
} from './onnx-model-proto.js';

export interface ZipMapExposure {
  /** The sequence-of-maps output that was removed. */
  readonly removedOutput: string;
  /** The [N, k] probability tensor now exposed in its place. */
  readonly tensorOutput: string;
}

export interface ExposedZipMapInputs {
  readonly model: OnnxModelProto;
  /** One entry per ZipMap removed; empty when the graph had none (then `model` is the input object). */
  readonly exposures: readonly ZipMapExposure[];
}

const isSequenceOfMaps = (v: OnnxValueInfoProto): boolean => v.type?.sequence_type?.elem_type?.map_type !== undefined;

/** The [N, k] float tensor value info of a ZipMap's input (k from its class labels, when it has them). */
function probabilityTensor(name: string, zipMap: OnnxNodeProto): OnnxValueInfoProto {
  const labels = zipMap.attribute?.find((a) => a.name === 'classlabels_strings' || a.name === 'classlabels_int64s');
  const k = labels?.strings?.length || labels?.ints?.length;
  const dim = [{ dim_param: 'N' }, k ? { dim_value: k } : {}];
  return { name, type: { tensor_type: { elem_type: OnnxDataType.FLOAT, shape: { dim } } } };
}

/** Replaces every ZipMap-produced graph output by the ZipMap's input tensor; see the file comment. */
export function exposeZipMapInputs(model: OnnxModelProto): ExposedZipMapInputs {
  const graph: OnnxGraphProto = model.graph ?? {};
  const nodes = graph.node ?? [];
  const outputs = graph.output ?? [];
  if (!outputs.some(isSequenceOfMaps)) return { model, exposures: [] };
  const exposures: ZipMapExposure[] = [];
  const removed = new Set<OnnxNodeProto>();
  const newOutputs = outputs.map((output) => {
    if (!isSequenceOfMaps(output)) return output;
    const producer = nodes.find((n) => (n.output ?? []).includes(output.name));
    if (
      producer === undefined ||
      producer.op_type !== 'ZipMap' ||
      producer.domain !== ONNX_ML_DOMAIN ||
      producer.input?.length !== 1
    ) {
      throw new SchemaError(
        `outputs.${output.name}`,
        `a sequence of maps not made by a ZipMap (made by ${producer ? producer.op_type : 'nothing'}); onnxruntime-node cannot return it — export the model with tensor outputs`,
      );
    }
    const consumers = nodes.filter((n) => (n.input ?? []).includes(output.name));
    if (consumers.length > 0)
      throw new SchemaError(
        `outputs.${output.name}`,
        `the ZipMap output also feeds ${consumers[0].op_type}; it cannot be removed`,
      );
    removed.add(producer);
    const tensorOutput = producer.input[0];
    exposures.push({ removedOutput: output.name, tensorOutput });
    return probabilityTensor(tensorOutput, producer);
  });
  const unique = newOutputs.filter((o, i) => newOutputs.findIndex((p) => p.name === o.name) === i);
  return {
    model: { ...model, graph: { ...graph, node: nodes.filter((n) => !removed.has(n)), output: unique } },
    exposures,
  };
}
