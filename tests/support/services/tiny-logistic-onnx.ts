/**
 * Test helper: hand-encodes (protobuf wire format, onnx.proto3) the ONNX model of a logistic score
 * `probability = Sigmoid(MatMul(features, W) + B)` with input `features: float[N, k]` and output
 * `probability: float[N, 1]`, so the MLflow model directory can be exercised before / without the models core.
 */

function varint(value: number): number[] {
  const bytes: number[] = [];
  let v = BigInt(value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return bytes;
}

const key = (field: number, wireType: number) => varint((field << 3) | wireType);
const intField = (field: number, value: number) => [...key(field, 0), ...varint(value)];
const bytesField = (field: number, payload: readonly number[]) => [
  ...key(field, 2),
  ...varint(payload.length),
  ...payload,
];
const stringField = (field: number, text: string) => bytesField(field, [...new TextEncoder().encode(text)]);

const FLOAT = 1;

function valueInfo(name: string, dims: readonly (number | string)[]): number[] {
  const shape = dims.flatMap((d) => bytesField(1, typeof d === 'number' ? intField(1, d) : stringField(2, d)));
  const tensorType = [...intField(1, FLOAT), ...bytesField(2, shape)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

function floatTensor(name: string, dims: readonly number[], values: readonly number[]): number[] {
  const packed = new Uint8Array(new Float32Array(values).buffer);
  return [
    ...dims.flatMap((d) => intField(1, d)),
    ...intField(2, FLOAT),
    ...bytesField(4, [...packed]),
    ...stringField(8, name),
  ];
}

function node(op: string, inputs: readonly string[], outputs: readonly string[]): number[] {
  return [
    ...inputs.flatMap((i) => stringField(1, i)),
    ...outputs.flatMap((o) => stringField(2, o)),
    ...stringField(3, `${op}_0`),
    ...stringField(4, op),
  ];
}

/** ONNX bytes (IR 8, opset 13) of Sigmoid(features · weights + bias). */
export function tinyLogisticOnnx(weights: readonly number[], bias: number): Uint8Array {
  const k = weights.length;
  const graph = [
    ...bytesField(1, node('MatMul', ['features', 'W'], ['z0'])),
    ...bytesField(1, node('Add', ['z0', 'B'], ['z'])),
    ...bytesField(1, node('Sigmoid', ['z'], ['probability'])),
    ...stringField(2, 'tiny_logistic'),
    ...bytesField(5, floatTensor('W', [k, 1], weights)),
    ...bytesField(5, floatTensor('B', [1], [bias])),
    ...bytesField(11, valueInfo('features', ['N', k])),
    ...bytesField(12, valueInfo('probability', ['N', 1])),
  ];
  const model = [
    ...intField(1, 8),
    ...stringField(2, 'driftguard-test'),
    ...bytesField(7, graph),
    ...bytesField(8, intField(2, 13)),
  ];
  return new Uint8Array(model);
}

/** The same score in float32 arithmetic, row by row. */
export function tinyLogisticScores(
  rows: readonly (readonly number[])[],
  weights: readonly number[],
  bias: number,
): number[] {
  const f = Math.fround;
  return rows.map((row) => {
    let z = 0;
    for (let j = 0; j < weights.length; j++) z = f(z + f(f(row[j]) * f(weights[j])));
    z = f(z + f(bias));
    return f(1 / (1 + Math.exp(-z)));
  });
}
