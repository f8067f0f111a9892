import { ModelError } from '../model-error.js';
import type { FeatureTransform, FittedModel, SerializedModel } from '../model-types.js';
import { transformColumns } from '../preprocessing.js';
import { attribute } from './onnx-attribute.js';
import {
  type OnnxAttributeProto,
  OnnxDataType,
  type OnnxModelProto,
  type OnnxNodeProto,
  type OnnxTensorProto,
  type OnnxValueInfoProto,
} from './onnx-model-proto.js';

/** Opsets of exported graphs: ai.onnx 17 and ai.onnx.ml 3 (IR version 8; onnxruntime ≥ 1.12). */
export const ONNX_OPSET = 17;
export const ONNX_ML_OPSET = 3;
export const ONNX_IR_VERSION = 8;

export interface OnnxExportOptions {
  /** `producer_version` written into the file (default "0.1.0"). */
  readonly producerVersion?: string;
}

const ML = 'ai.onnx.ml';

/** Builds nodes / constants with unique names. */
class GraphBuilder {
  readonly nodes: OnnxNodeProto[] = [];
  readonly initializers: OnnxTensorProto[] = [];
  private counter = 0;

  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  constFloat(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const name = this.fresh('const');
    this.initializers.push({ name, dims, data_type: OnnxDataType.FLOAT, float_data: values });
    return name;
  }

  constInt64(values: readonly number[]): string {
    const name = this.fresh('const');
    this.initializers.push({ name, dims: [values.length], data_type: OnnxDataType.INT64, int64_data: values });
    return name;
  }

  op(opType: string, inputs: readonly string[], attributes: readonly OnnxAttributeProto[] = [], domain = ''): string {
    const output = this.fresh(opType.toLowerCase());
    this.nodes.push({
      op_type: opType,
      domain,
      name: `${opType}_${this.counter}`,
      input: inputs,
      output: [output],
      attribute: attributes,
    });
    return output;
  }

  /** Renames the final value by an Identity node (graph outputs get fixed names). */
  output(name: string, value: string): void {
    this.nodes.push({ op_type: 'Identity', name: `Identity_${name}`, input: [value], output: [name] });
  }
}

/** A graph input / output tensor of element type `elemType` and shape [N] or [N, k]. */
function tensorValue(name: string, elemType: number, shape: readonly (number | string)[]): OnnxValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}

/**
 * One feature's encoded block [N, k] plus, for each of its k ONNX columns, the index of the driftguard column it
 * equals (the one-hot block is ordered [categories…, missing, other] in ONNX).
 */
function encodeFeature(
  g: GraphBuilder,
  t: FeatureTransform,
  input: string,
  firstColumn: number,
): { value: string; columns: number[] } {
  const column2d = (v: string): string => g.op('Unsqueeze', [v, g.constInt64([1])]);
  if (t.kind === 'categorical') {
    const k = t.categories.length;
    if (t.encoding === 'ordinal') {
      const codes = g.op(
        'LabelEncoder',
        [input],
        [
          attribute.strings('keys_strings', [...t.categories, '']),
          attribute.floats('values_floats', [...(t.codes ?? t.categories.map((_, i) => i)), t.missingCode ?? k + 1]),
          attribute.float('default_float', t.otherCode ?? k),
        ],
        ML,
      );
      return { value: column2d(codes), columns: [firstColumn] };
    }
    // OneHotEncoder: [N] strings → [N, k + 1] over [categories…, ""(missing)]; unseen → all zeros → other = 1 − Σ
    const oneHot = g.op(
      'OneHotEncoder',
      [input],
      [attribute.strings('cats_strings', [...t.categories, '']), attribute.int('zeros', 1)],
      ML,
    );
    const total = g.op('ReduceSum', [oneHot, g.constInt64([1])], [attribute.int('keepdims', 1)]);
    const other = g.op('Sub', [g.constFloat([1], [1, 1]), total]);
    const columns = [...t.categories.map((_, i) => firstColumn + i), firstColumn + k + 1, firstColumn + k];
    return { value: g.op('Concat', [oneHot, other], [attribute.int('axis', 1)]), columns };
  }
  // numeric / boolean: float input, NaN = missing
  const x = column2d(input);
  const missing = t.impute !== null || t.missingIndicator ? g.op('IsNaN', [x]) : null;
  let v = x;
  if (t.impute !== null && missing !== null) v = g.op('Where', [missing, g.constFloat([t.impute], [1, 1]), x]);
  if (t.kind === 'numeric' && (t.center !== 0 || t.scale !== 1)) {
    v = g.op('Mul', [g.op('Sub', [v, g.constFloat([t.center], [1, 1])]), g.constFloat([t.scale], [1, 1])]);
  }
  if (t.missingIndicator && missing !== null) {
    const indicator = g.op('Cast', [missing], [attribute.int('to', OnnxDataType.FLOAT)]);
    return {
      value: g.op('Concat', [v, indicator], [attribute.int('axis', 1)]),
      columns: [firstColumn, firstColumn + 1],
    };
  }
  return { value: v, columns: [firstColumn] };
}

/**
 * The ONNX ModelProto (as plain data, see domain/onnx/onnx-model-proto.ts) of a driftguard model (preprocessing +
 * estimator). Inputs: one 1-D tensor [N] per feature, named after it — numeric and boolean features `tensor(float)`
 * (NaN = missing, booleans as 0 / 1), categorical features `tensor(string)` (`""` = missing; values in driftguard's
 * string form). Outputs (all 1-D, as MLflow's onnx pyfunc flattens every output into a DataFrame column):
 * binary → `label` int64 [N] (index into classLabels; 1 ⇔ margin > 0, `predictedClass`'s p > 0.5) and `probability` float [N] = P(classLabels[1]);
 * regression → `prediction` float [N]. Ops: Unsqueeze, IsNaN, Where, Sub, Mul, Cast, Concat, ReduceSum,
 * OneHotEncoder / LabelEncoder (ai.onnx.ml), MatMul + Add (logistic) or TreeEnsembleRegressor (gbdt), Sigmoid.
 * The ONNX codec adapter (src/adapters/onnx/) turns it into `.onnx` bytes.
 */
export function onnxModelProtoOf(
  model: FittedModel | SerializedModel,
  options: OnnxExportOptions = {},
): OnnxModelProto {
  const spec = 'toJSON' in model ? model.toJSON() : model;
  const { schema, preprocessing, estimator } = spec;
  const g = new GraphBuilder();
  const inputs: OnnxValueInfoProto[] = [];
  const blocks: string[] = [];
  const columnOrder: number[] = [];
  let first = 0;
  for (const t of preprocessing.transforms) {
    inputs.push(tensorValue(t.name, t.kind === 'categorical' ? OnnxDataType.STRING : OnnxDataType.FLOAT, ['N']));
    const { value, columns } = encodeFeature(g, t, t.name, first);
    blocks.push(value);
    columnOrder.push(...columns);
    first += transformColumns(t).length;
  }
  const x = blocks.length === 1 ? blocks[0] : g.op('Concat', blocks, [attribute.int('axis', 1)]);
  let margin: string;
  if (estimator.kind === 'logistic') {
    const weights = columnOrder.map((c) => estimator.coefficients[c]);
    margin = g.op('Add', [
      g.op('MatMul', [x, g.constFloat(weights, [weights.length, 1])]),
      g.constFloat([estimator.intercept], [1, 1]),
    ]);
  } else {
    margin = g.op('TreeEnsembleRegressor', [x], treeEnsembleAttributes(estimator, columnOrder), ML);
  }
  const flat = (v: string): string => g.op('Reshape', [v, g.constInt64([-1])]);
  const outputs: OnnxValueInfoProto[] = [];
  if (schema.task === 'binary') {
    const positive = g.op('Greater', [margin, g.constFloat([0], [1, 1])]);
    g.output('label', flat(g.op('Cast', [positive], [attribute.int('to', OnnxDataType.INT64)])));
    g.output('probability', flat(g.op('Sigmoid', [margin])));
    outputs.push(
      tensorValue('label', OnnxDataType.INT64, ['N']),
      tensorValue('probability', OnnxDataType.FLOAT, ['N']),
    );
  } else {
    g.output('prediction', flat(margin));
    outputs.push(tensorValue('prediction', OnnxDataType.FLOAT, ['N']));
  }
  const metadata: Record<string, string> = {
    'driftguard.estimator': estimator.kind,
    'driftguard.task': schema.task,
    'driftguard.features': JSON.stringify(schema.features),
  };
  if (schema.classLabels !== null) metadata['driftguard.classLabels'] = JSON.stringify(schema.classLabels);
  return {
    ir_version: ONNX_IR_VERSION,
    producer_name: 'driftguard',
    producer_version: options.producerVersion ?? '0.1.0',
    doc_string: `driftguard ${estimator.kind} ${schema.task} model for target ${schema.target}`,
    graph: { name: 'driftguard_pipeline', node: g.nodes, initializer: g.initializers, input: inputs, output: outputs },
    opset_import: [
      { domain: '', version: ONNX_OPSET },
      { domain: ML, version: ONNX_ML_OPSET },
    ],
    metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
}

/** TreeEnsembleRegressor attributes (ai.onnx.ml): BRANCH_LEQ on float32 thresholds, NaN follows missingLeft. */
function treeEnsembleAttributes(
  estimator: Extract<SerializedModel['estimator'], { kind: 'gbdt' }>,
  columnOrder: readonly number[],
): OnnxAttributeProto[] {
  if (estimator.trees.length === 0)
    throw new ModelError('estimator.trees', 'a gbdt model without trees cannot be exported');
  const onnxColumn = new Map(columnOrder.map((c, i) => [c, i]));
  const a = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTrue: [] as number[],
    targetTree: [] as number[],
    targetNode: [] as number[],
    targetWeights: [] as number[],
  };
  estimator.trees.forEach((tree, t) => {
    tree.feature.forEach((f, node) => {
      const leaf = f < 0;
      a.treeIds.push(t);
      a.nodeIds.push(node);
      a.featureIds.push(leaf ? 0 : onnxColumn.get(f)!);
      a.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      a.values.push(leaf ? 0 : tree.threshold[node]);
      a.trueIds.push(leaf ? 0 : tree.left[node]);
      a.falseIds.push(leaf ? 0 : tree.right[node]);
      a.missingTrue.push(!leaf && tree.missingLeft[node] ? 1 : 0);
      if (leaf) {
        a.targetTree.push(t);
        a.targetNode.push(node);
        a.targetWeights.push(tree.value[node]);
      }
    });
  });
  return [
    attribute.int('n_targets', 1),
    attribute.string('aggregate_function', 'SUM'),
    attribute.string('post_transform', 'NONE'),
    attribute.floats('base_values', [estimator.baseScore]),
    attribute.ints('nodes_treeids', a.treeIds),
    attribute.ints('nodes_nodeids', a.nodeIds),
    attribute.ints('nodes_featureids', a.featureIds),
    attribute.strings('nodes_modes', a.modes),
    attribute.floats('nodes_values', a.values),
    attribute.ints('nodes_truenodeids', a.trueIds),
    attribute.ints('nodes_falsenodeids', a.falseIds),
    attribute.ints('nodes_missing_value_tracks_true', a.missingTrue),
    attribute.ints('target_treeids', a.targetTree),
    attribute.ints('target_nodeids', a.targetNode),
    attribute.ints(
      'target_ids',
      a.targetTree.map(() => 0),
    ),
    attribute.floats('target_weights', a.targetWeights),
  ];
}
