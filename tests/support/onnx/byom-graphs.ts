/**
 * Test helper: small, runnable ONNX graphs shaped like what users' converters write (as ModelProto data), with the
 * arithmetic the tests check against. Not copies of converter output: the same layouts, built by hand.
 */
import { attribute } from '../../../src/models/onnx/onnx-attribute.js';
import {
  type OnnxAttributeProto,
  OnnxDataType,
  type OnnxModelProto,
  type OnnxNodeProto,
  type OnnxValueInfoProto,
} from '../../../src/models/onnx/onnx-model-proto.js';

const ML = 'ai.onnx.ml';

export function tensorInfo(
  name: string,
  elemType: number,
  dims: readonly (number | string | null)[] | null,
): OnnxValueInfoProto {
  if (dims === null) return { name, type: { tensor_type: { elem_type: elemType } } };
  const dim = dims.map((d) => (typeof d === 'number' ? { dim_value: d } : d === null ? {} : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}

export function zipMapInfo(name: string, keyType: number): OnnxValueInfoProto {
  return {
    name,
    type: {
      sequence_type: {
        elem_type: { map_type: { key_type: keyType, value_type: { tensor_type: { elem_type: OnnxDataType.FLOAT } } } },
      },
    },
  };
}

const node = (
  op_type: string,
  input: string[],
  output: string[],
  attrs: OnnxAttributeProto[] = [],
  domain = '',
): OnnxNodeProto => ({
  op_type,
  domain,
  name: `${op_type}_${output[0]}`,
  input,
  output,
  attribute: attrs,
});

function model(
  nodes: OnnxNodeProto[],
  input: OnnxValueInfoProto[],
  output: OnnxValueInfoProto[],
  extra: Partial<OnnxModelProto['graph']> = {},
): OnnxModelProto {
  return {
    ir_version: 8,
    producer_name: 'test',
    opset_import: [
      { domain: '', version: 17 },
      { domain: ML, version: 2 },
    ],
    graph: { name: 'g', node: nodes, input, output, ...extra },
  };
}

/** skl2onnx's logistic pipeline layout: age float [N,1], tenure int64 [N,1], city string [N,1] → label, ZipMap. */
export const SKLEARN_LIKE = {
  weights: { age: 0.05, tenure: -0.1, city: 0.8 },
  intercept: -1.5,
  /** city → code fed to the linear model (LabelEncoder; unseen → 0). */
  cityCodes: { lyon: 1, paris: 2 } as Record<string, number>,
  /** P(classes[1]) as the graph computes it. */
  probability(row: { age: number; tenure: number; city: string }): number {
    const z =
      this.weights.age * row.age +
      this.weights.tenure * row.tenure +
      this.weights.city * (this.cityCodes[row.city] ?? 0) +
      this.intercept;
    return 1 / (1 + Math.exp(-z));
  },
};

export function sklearnLikeGraph(
  options: { labels?: 'strings' | 'int64s'; classes?: readonly (string | number)[] } = {},
): OnnxModelProto {
  const kind = options.labels ?? 'strings';
  const classes = options.classes ?? (kind === 'strings' ? ['no', 'yes'] : [0, 1]);
  // LinearClassifier names its int labels classlabels_ints, ZipMap classlabels_int64s
  const labelAttr = (op: 'linear' | 'zip') =>
    kind === 'strings'
      ? attribute.strings('classlabels_strings', classes.map(String))
      : attribute.ints(op === 'zip' ? 'classlabels_int64s' : 'classlabels_ints', classes.map(Number));
  const { weights: w, intercept: b } = SKLEARN_LIKE;
  const coefficients = [-w.age, -w.tenure, -w.city, w.age, w.tenure, w.city];
  return model(
    [
      node('Cast', ['tenure'], ['tenure_cast'], [attribute.int('to', OnnxDataType.FLOAT)]),
      node(
        'LabelEncoder',
        ['city'],
        ['city_code'],
        [
          attribute.strings('keys_strings', Object.keys(SKLEARN_LIKE.cityCodes)),
          attribute.floats('values_floats', Object.values(SKLEARN_LIKE.cityCodes)),
          attribute.float('default_float', 0),
        ],
        ML,
      ),
      node('Concat', ['age', 'tenure_cast', 'city_code'], ['merged'], [attribute.int('axis', 1)]),
      node(
        'LinearClassifier',
        ['merged'],
        ['label', 'probabilities'],
        [
          labelAttr('linear'),
          attribute.floats('coefficients', coefficients),
          attribute.floats('intercepts', [-b, b]),
          attribute.string('post_transform', 'LOGISTIC'),
        ],
        ML,
      ),
      node('Identity', ['label'], ['output_label']),
      node('ZipMap', ['probabilities'], ['output_probability'], [labelAttr('zip')], ML),
    ],
    [
      tensorInfo('age', OnnxDataType.FLOAT, [null, 1]),
      tensorInfo('tenure', OnnxDataType.INT64, [null, 1]),
      tensorInfo('city', OnnxDataType.STRING, [null, 1]),
    ],
    [
      tensorInfo('output_label', kind === 'strings' ? OnnxDataType.STRING : OnnxDataType.INT64, [null]),
      zipMapInfo('output_probability', kind === 'strings' ? OnnxDataType.STRING : OnnxDataType.INT64),
    ],
  );
}

/** onnxmltools' LightGBM layout with zipmap=False: one float matrix `input` [N, 3] → label int64, probabilities [N, 2]. */
export const MATRIX_LIKE = { weights: [0.5, -1.25, 2], intercept: -0.3 };

export function matrixClassifierGraph(): OnnxModelProto {
  const { weights: w, intercept: b } = MATRIX_LIKE;
  return model(
    [
      node(
        'LinearClassifier',
        ['input'],
        ['label', 'probability_tensor'],
        [
          attribute.ints('classlabels_ints', [0, 1]),
          attribute.floats('coefficients', [...w.map((v) => -v), ...w]),
          attribute.floats('intercepts', [-b, b]),
          attribute.string('post_transform', 'LOGISTIC'),
        ],
        ML,
      ),
      node('Identity', ['probability_tensor'], ['probabilities']),
    ],
    [tensorInfo('input', OnnxDataType.FLOAT, [null, 3])],
    [tensorInfo('label', OnnxDataType.INT64, [1]), tensorInfo('probabilities', OnnxDataType.FLOAT, [null, 2])],
  );
}

/** onnxmltools' XGBoost regressor layout: one float matrix `input` [N, 2] → `variable` [N, 1] (here: 3·x0 − x1 + 1). */
export function matrixRegressorGraph(): OnnxModelProto {
  return model(
    [node('MatMul', ['input', 'W'], ['xw']), node('Add', ['xw', 'B'], ['variable'])],
    [tensorInfo('input', OnnxDataType.FLOAT, [null, 2])],
    [tensorInfo('variable', OnnxDataType.FLOAT, [null, 1])],
    {
      initializer: [
        { name: 'W', dims: [2, 1], data_type: OnnxDataType.FLOAT, float_data: [3, -1] },
        { name: 'B', dims: [1, 1], data_type: OnnxDataType.FLOAT, float_data: [1] },
      ],
    },
  );
}

/** torch.onnx-like binary net: matrix `x` [N, 2] → `output` = sigmoid(x0 + x1) [N, 1], no class labels anywhere. */
export function sigmoidNetGraph(): OnnxModelProto {
  return model(
    [node('MatMul', ['x', 'W'], ['xw']), node('Sigmoid', ['xw'], ['output'])],
    [tensorInfo('x', OnnxDataType.FLOAT, ['batch', 2])],
    [tensorInfo('output', OnnxDataType.FLOAT, ['batch', 1])],
    { initializer: [{ name: 'W', dims: [2, 1], data_type: OnnxDataType.FLOAT, float_data: [1, 1] }] },
  );
}
