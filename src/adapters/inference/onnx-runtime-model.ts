/**
 * InferenceModel on onnxruntime-node: feeds rows through the declared InferenceMapping and reads the declared
 * outputs. The session is created once per model; `predict` batches all rows into one run.
 */
import * as ort from 'onnxruntime-node';
import type { Cell } from '../../domain/data-table.js';
import { InferenceModelError } from '../../models/inference/inference-mapping.js';
import {
  type FeatureInputMapping,
  type InferenceMapping,
  type InferenceModel,
  type InferencePrediction,
  InferenceUnavailableError,
  type OutputRef,
} from '../../ports/inference-model.js';

type Row = Readonly<Record<string, Cell>>;

function numberOf(cell: Cell | undefined, feature: string, row: number): number {
  if (cell === null || cell === undefined) return NaN;
  if (typeof cell === 'number') {
    if (Number.isNaN(cell) || Number.isFinite(cell)) return cell;
  } else if (typeof cell === 'boolean') {
    return cell ? 1 : 0;
  }
  throw new InferenceModelError(
    feature,
    `row ${row}: expected a finite number, boolean or null, got ${JSON.stringify(cell)}`,
  );
}

function featureTensor(m: FeatureInputMapping, rows: readonly Row[]): ort.Tensor {
  const n = rows.length;
  const dims = m.shape === 'N,1' ? [n, 1] : [n];
  if (m.type === 'string') {
    const values = rows.map((r) => {
      const c = r[m.feature];
      return c === null || c === undefined || (typeof c === 'number' && Number.isNaN(c)) ? '' : String(c);
    });
    return new ort.Tensor('string', values, dims);
  }
  if (m.type === 'int64') {
    const values = BigInt64Array.from(rows, (r, i) => {
      const v = numberOf(r[m.feature], m.feature, i);
      if (!Number.isInteger(v))
        throw new InferenceModelError(m.feature, `row ${i}: int64 input needs an integer, got ${v}`);
      return BigInt(v);
    });
    return new ort.Tensor('int64', values, dims);
  }
  const values = rows.map((r, i) => numberOf(r[m.feature], m.feature, i));
  return m.type === 'float32'
    ? new ort.Tensor('float32', Float32Array.from(values), dims)
    : new ort.Tensor('float64', Float64Array.from(values), dims);
}

function feeds(mapping: InferenceMapping, rows: readonly Row[]): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const m of mapping.inputs) {
    if (m.kind === 'feature') {
      out[m.input] = featureTensor(m, rows);
      continue;
    }
    const k = m.features.length;
    const values = new Float64Array(rows.length * k);
    rows.forEach((r, i) => m.features.forEach((f, j) => (values[i * k + j] = numberOf(r[f], f, i))));
    out[m.input] =
      m.type === 'float32'
        ? new ort.Tensor('float32', Float32Array.from(values), [rows.length, k])
        : new ort.Tensor('float64', values, [rows.length, k]);
  }
  return out;
}

function read(
  ref: OutputRef | undefined,
  outputs: ort.InferenceSession.OnnxValueMapType,
  n: number,
): (number | string)[] | null {
  if (ref === undefined) return null;
  const tensor = outputs[ref.output] as ort.Tensor | undefined;
  if (tensor === undefined || !('dims' in tensor))
    throw new InferenceModelError(ref.output, 'output missing or not a tensor (skl2onnx: export with zipmap=False)');
  const width = tensor.dims.length >= 2 ? Number(tensor.dims[1]) : 1;
  const column = ref.column ?? 0;
  if (column >= width)
    throw new InferenceModelError(ref.output, `column ${column} out of range (output has ${width} columns)`);
  const data = tensor.data as ArrayLike<number | bigint | string>;
  return Array.from({ length: n }, (_, i) => {
    const v = data[i * width + column];
    return typeof v === 'bigint' ? Number(v) : v;
  });
}

function checkMapping(mapping: InferenceMapping, session: ort.InferenceSession): void {
  const inputs = new Set(session.inputNames);
  const mapped = new Set(mapping.inputs.map((m) => m.input));
  for (const m of mapping.inputs) {
    if (!inputs.has(m.input))
      throw new InferenceModelError(
        `inputs.${m.input}`,
        `the model has no input "${m.input}" (inputs: ${session.inputNames.join(', ')})`,
      );
  }
  for (const name of session.inputNames) {
    if (!mapped.has(name)) throw new InferenceModelError(`inputs.${name}`, 'model input is not mapped to any feature');
  }
  for (const [role, ref] of Object.entries({
    probability: mapping.probability,
    label: mapping.label,
    value: mapping.value,
  })) {
    if (ref !== undefined && !session.outputNames.includes(ref.output)) {
      throw new InferenceModelError(
        `${role}.output`,
        `the model has no output "${ref.output}" (outputs: ${session.outputNames.join(', ')})`,
      );
    }
  }
  if (mapping.probability === undefined && mapping.value === undefined && mapping.label === undefined) {
    throw new InferenceModelError('outputs', 'declare at least one of probability, label, value');
  }
}

/** Creates a session for an ONNX model and checks the mapping against its inputs and outputs. */
export async function createOnnxRuntimeModel(model: Uint8Array, mapping: InferenceMapping): Promise<InferenceModel> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(model);
  } catch (error) {
    throw new InferenceModelError('model', `onnxruntime cannot load the model: ${(error as Error).message}`);
  }
  checkMapping(mapping, session);
  let closed = false;
  const outputNames = [mapping.probability, mapping.label, mapping.value]
    .filter((r): r is OutputRef => r !== undefined)
    .map((r) => r.output);
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async predict(rows) {
      if (closed) throw new InferenceUnavailableError('the ONNX session was closed');
      if (rows.length === 0) return [];
      const out = await session.run(feeds(mapping, rows), [...new Set(outputNames)]);
      const probability = read(mapping.probability, out, rows.length);
      const label = read(mapping.label, out, rows.length);
      const value = read(mapping.value, out, rows.length);
      return rows.map(
        (_, i): InferencePrediction => ({
          probability: probability === null ? null : Number(probability[i]),
          label: label === null ? null : label[i],
          value: value === null ? null : Number(value[i]),
        }),
      );
    },
    async health() {
      return closed ? { ready: false, reason: 'the ONNX session was closed' } : { ready: true };
    },
    async close() {
      if (closed) return;
      closed = true;
      await session.release();
    },
  };
}
