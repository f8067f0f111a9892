import { ModelError } from '../model-error.js';
import type { FeatureTransform, FittedModel, SerializedModel } from '../model-types.js';
import { transformColumns } from '../preprocessing.js';
import { encodeOnnxModel, OnnxDataType, type OnnxAttributeValue, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from './onnx-proto.js';

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
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private counter = 0;

  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  constFloat(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const name = this.fresh('const');
    this.initializers.push({ name, dims, type: OnnxDataType.FLOAT, values });
    return name;
  }

  constInt64(values: readonly number[]): string {
    const name = this.fresh('const');
    this.initializers.push({ name, dims: [values.length], type: OnnxDataType.INT64, values });
    return name;
  }

  op(opType: string, inputs: readonly string[], attributes: Record<string, OnnxAttributeValue> = {}, domain = ''): string {
    const output = this.fresh(opType.toLowerCase());
    this.nodes.push({ opType, domain, name: `${opType}_${this.counter}`, inputs, outputs: [output], attributes });
    return output;
  }

  /** Renames the final value by an Identity node (graph outputs get fixed names). */
  output(name: string, value: string): void {
    this.nodes.push({ opType: 'Identity', name: `Identity_${name}`, inputs: [value], outputs: [name] });
  }
}

const ints = (value: readonly number[]): OnnxAttributeValue => ({ kind: 'ints', value });
const floats = (value: readonly number[]): OnnxAttributeValue => ({ kind: 'floats', value });

/**
 * One feature's encoded block [N, k] plus, for each of its k ONNX columns, the index of the driftguard column it
 * equals (the one-hot block is ordered [categories…, missing, other] in ONNX).
 */
function encodeFeature(g: GraphBuilder, t: FeatureTransform, input: string, firstColumn: number): { value: string; columns: number[] } {
  const column2d = (v: string): string => g.op('Unsqueeze', [v, g.constInt64([1])]);
  if (t.kind === 'categorical') {
    const k = t.categories.length;
    if (t.encoding === 'ordinal') {
      const codes = g.op(
        'LabelEncoder',
        [input],
        {
          keys_strings: { kind: 'strings', value: [...t.categories, ''] },
          values_floats: floats([...(t.codes ?? t.categories.map((_, i) => i)), t.missingCode ?? k + 1]),
          default_float: { kind: 'float', value: t.otherCode ?? k },
        },
        ML,
      );
      return { value: column2d(codes), columns: [firstColumn] };
    }
    // OneHotEncoder: [N] strings → [N, k + 1] over [categories…, ""(missing)]; unseen → all zeros → other = 1 − Σ
    const oneHot = g.op('OneHotEncoder', [input], { cats_strings: { kind: 'strings', value: [...t.categories, ''] }, zeros: { kind: 'int', value: 1 } }, ML);
    const total = g.op('ReduceSum', [oneHot, g.constInt64([1])], { keepdims: { kind: 'int', value: 1 } });
    const other = g.op('Sub', [g.constFloat([1], [1, 1]), total]);
    const columns = [...t.categories.map((_, i) => firstColumn + i), firstColumn + k + 1, firstColumn + k];
    return { value: g.op('Concat', [oneHot, other], { axis: { kind: 'int', value: 1 } }), columns };
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
    const indicator = g.op('Cast', [missing], { to: { kind: 'int', value: OnnxDataType.FLOAT } });
    return { value: g.op('Concat', [v, indicator], { axis: { kind: 'int', value: 1 } }), columns: [firstColumn, firstColumn + 1] };
  }
  return { value: v, columns: [firstColumn] };
}

/**
 * Exports a driftguard model (preprocessing + estimator) as an ONNX ModelProto.
 * Inputs: one 1-D tensor [N] per feature, named after it — numeric and boolean features `tensor(float)` (NaN =
 * missing, booleans as 0 / 1), categorical features `tensor(string)` (`""` = missing; values in driftguard's
 * string form). Outputs (all 1-D, as MLflow's onnx pyfunc flattens every output into a DataFrame column):
 * binary → `label` int64 [N] (index into classLabels; 1 ⇔ margin > 0, `predictedClass`'s p > 0.5) and `probability` float [N] = P(classLabels[1]);
 * regression → `prediction` float [N]. Ops: Unsqueeze, IsNaN, Where, Sub, Mul, Cast, Concat, ReduceSum,
 * OneHotEncoder / LabelEncoder (ai.onnx.ml), MatMul + Add (logistic) or TreeEnsembleRegressor (gbdt), Sigmoid.
 */
export function exportOnnx(model: FittedModel | SerializedModel, options: OnnxExportOptions = {}): Uint8Array {
  const spec = 'toJSON' in model ? model.toJSON() : model;
  const { schema, preprocessing, estimator } = spec;
  const g = new GraphBuilder();
  const inputs: OnnxValueInfo[] = [];
  const blocks: string[] = [];
  const columnOrder: number[] = [];
  let first = 0;
  for (const t of preprocessing.transforms) {
    inputs.push({ name: t.name, type: t.kind === 'categorical' ? OnnxDataType.STRING : OnnxDataType.FLOAT, shape: ['N'] });
    const { value, columns } = encodeFeature(g, t, t.name, first);
    blocks.push(value);
    columnOrder.push(...columns);
    first += transformColumns(t).length;
  }
  const x = blocks.length === 1 ? blocks[0] : g.op('Concat', blocks, { axis: { kind: 'int', value: 1 } });
  let margin: string;
  if (estimator.kind === 'logistic') {
    const weights = columnOrder.map((c) => estimator.coefficients[c]);
    margin = g.op('Add', [g.op('MatMul', [x, g.constFloat(weights, [weights.length, 1])]), g.constFloat([estimator.intercept], [1, 1])]);
  } else {
    margin = g.op('TreeEnsembleRegressor', [x], treeEnsembleAttributes(estimator, columnOrder), ML);
  }
  const flat = (v: string): string => g.op('Reshape', [v, g.constInt64([-1])]);
  const outputs: OnnxValueInfo[] = [];
  if (schema.task === 'binary') {
    g.output('label', flat(g.op('Cast', [g.op('Greater', [margin, g.constFloat([0], [1, 1])])], { to: { kind: 'int', value: OnnxDataType.INT64 } })));
    g.output('probability', flat(g.op('Sigmoid', [margin])));
    outputs.push({ name: 'label', type: OnnxDataType.INT64, shape: ['N'] }, { name: 'probability', type: OnnxDataType.FLOAT, shape: ['N'] });
  } else {
    g.output('prediction', flat(margin));
    outputs.push({ name: 'prediction', type: OnnxDataType.FLOAT, shape: ['N'] });
  }
  const metadata: Record<string, string> = {
    'driftguard.estimator': estimator.kind,
    'driftguard.task': schema.task,
    'driftguard.features': JSON.stringify(schema.features),
  };
  if (schema.classLabels !== null) metadata['driftguard.classLabels'] = JSON.stringify(schema.classLabels);
  return encodeOnnxModel({
    irVersion: ONNX_IR_VERSION,
    opsets: [
      { domain: '', version: ONNX_OPSET },
      { domain: ML, version: ONNX_ML_OPSET },
    ],
    producerName: 'driftguard',
    producerVersion: options.producerVersion ?? '0.1.0',
    docString: `driftguard ${estimator.kind} ${schema.task} model for target ${schema.target}`,
    graph: { name: 'driftguard_pipeline', nodes: g.nodes, initializers: g.initializers, inputs, outputs },
    metadata,
  });
}

/** TreeEnsembleRegressor attributes (ai.onnx.ml): BRANCH_LEQ on float32 thresholds, NaN follows missingLeft. */
function treeEnsembleAttributes(
  estimator: Extract<SerializedModel['estimator'], { kind: 'gbdt' }>,
  columnOrder: readonly number[],
): Record<string, OnnxAttributeValue> {
  if (estimator.trees.length === 0) throw new ModelError('estimator.trees', 'a gbdt model without trees cannot be exported');
  const onnxColumn = new Map(columnOrder.map((c, i) => [c, i]));
  const a = {
    treeIds: [] as number[], nodeIds: [] as number[], featureIds: [] as number[], modes: [] as string[], values: [] as number[],
    trueIds: [] as number[], falseIds: [] as number[], missingTrue: [] as number[],
    targetTree: [] as number[], targetNode: [] as number[], targetWeights: [] as number[],
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
  return {
    n_targets: { kind: 'int', value: 1 },
    aggregate_function: { kind: 'string', value: 'SUM' },
    post_transform: { kind: 'string', value: 'NONE' },
    base_values: floats([estimator.baseScore]),
    nodes_treeids: ints(a.treeIds),
    nodes_nodeids: ints(a.nodeIds),
    nodes_featureids: ints(a.featureIds),
    nodes_modes: { kind: 'strings', value: a.modes },
    nodes_values: floats(a.values),
    nodes_truenodeids: ints(a.trueIds),
    nodes_falsenodeids: ints(a.falseIds),
    nodes_missing_value_tracks_true: ints(a.missingTrue),
    target_treeids: ints(a.targetTree),
    target_nodeids: ints(a.targetNode),
    target_ids: ints(a.targetTree.map(() => 0)),
    target_weights: floats(a.targetWeights),
  };
}
