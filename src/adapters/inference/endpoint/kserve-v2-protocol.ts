/**
 * KServe / Open Inference Protocol v2 (kserve.github.io/website/docs/concepts/architecture/data-plane/v2-protocol):
 * `POST /v2/models/<name>[/versions/<v>]/infer` with typed tensors `{"inputs": [{"name", "shape", "datatype",
 * "data"}]}` — one [N] input per feature (request parameter `content_type: pd`, MLServer's pandas codec), or one
 * [N, k] matrix — and outputs read by name. JSON cannot carry NaN, so a missing value is refused, not sent.
 * Readiness: `GET /v2/models/<name>[/versions/<v>]/ready`.
 */
import { InferenceModelError } from '../../../models/inference/inference-mapping.js';
import { InferenceUnavailableError } from '../../../ports/inference-model.js';
import { type EndpointFeature, jsonCell, type Row, type ScoringProtocol } from './scoring-protocol.js';

const DATATYPES = { float64: 'FP64', int64: 'INT64', string: 'BYTES', bool: 'BOOL' } as const;

export interface KserveV2Options {
  readonly modelName: string;
  readonly modelVersion?: string;
  /** Send one [N, k] tensor of this name instead of one input per feature. */
  readonly matrix?: { readonly name: string; readonly datatype?: 'FP32' | 'FP64' };
  /** Output names: declared, else the first present of the usual names. */
  readonly output: { readonly probability?: string; readonly label?: string; readonly value?: string };
  readonly task: 'binary' | 'regression';
}

interface V2Output {
  readonly name: string;
  readonly shape: readonly number[];
  readonly datatype?: string;
  readonly data: readonly unknown[];
}

/** The v2 datatype of values sent as logged (a feature of undeclared kind): numbers FP64, booleans BOOL, else BYTES. */
function datatypeOf(values: readonly (number | string | boolean)[]): string {
  if (values.every((v) => typeof v === 'number')) return 'FP64';
  if (values.every((v) => typeof v === 'boolean')) return 'BOOL';
  return 'BYTES';
}

const unreadable = (why: string) => new InferenceUnavailableError(`the KServe v2 endpoint's answer ${why}`);

function present(cell: ReturnType<typeof jsonCell>, feature: string, row: number) {
  if (cell === null)
    throw new InferenceModelError(
      feature,
      `row ${row}: missing, and the KServe v2 JSON protocol cannot carry a missing value`,
    );
  return cell;
}

function outputsOf(answer: unknown): V2Output[] {
  const outputs = answer !== null && typeof answer === 'object' ? (answer as { outputs?: unknown }).outputs : undefined;
  if (!Array.isArray(outputs)) throw unreadable('has no "outputs" list');
  return outputs.map((o, i) => {
    const { name, shape, data } = (o ?? {}) as Partial<V2Output>;
    if (typeof name !== 'string' || !Array.isArray(shape) || !Array.isArray(data))
      throw unreadable(`has outputs[${i}] without name, shape and data`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (data.length !== size)
      throw unreadable(`has output "${name}" of shape [${shape.join(', ')}] with ${data.length} values`);
    return o as V2Output;
  });
}

/** Row i of an output: a scalar ([N] or [N, 1]) or a vector ([N, k]). */
function rowOf(output: V2Output, i: number): unknown {
  const width = output.shape.length >= 2 ? output.shape.slice(1).reduce((a, b) => a * b, 1) : 1;
  return width === 1 && output.shape.length <= 2 ? output.data[i] : output.data.slice(i * width, (i + 1) * width);
}

export function kserveV2Protocol(features: readonly EndpointFeature[], options: KserveV2Options): ScoringProtocol {
  const base = `/v2/models/${encodeURIComponent(options.modelName)}${options.modelVersion ? `/versions/${encodeURIComponent(options.modelVersion)}` : ''}`;
  const pick = (outputs: V2Output[], declared: string | undefined, usual: readonly string[]): V2Output | undefined => {
    if (declared !== undefined) {
      const found = outputs.find((o) => o.name === declared);
      if (found === undefined)
        throw unreadable(`has no output "${declared}" (outputs: ${outputs.map((o) => o.name).join(', ')})`);
      return found;
    }
    return outputs.find((o) => usual.includes(o.name));
  };
  return {
    inferPath: `${base}/infer`,
    readyPath: `${base}/ready`,
    requestBody(rows: readonly Row[]) {
      const n = rows.length;
      if (options.matrix !== undefined) {
        const data = rows.flatMap((r, i) =>
          features.map((f) => present(jsonCell(r[f.name], { name: f.name, type: 'float64' }, i), f.name, i)),
        );
        return {
          inputs: [
            {
              name: options.matrix.name,
              shape: [n, features.length],
              datatype: options.matrix.datatype ?? 'FP32',
              data,
            },
          ],
        };
      }
      return {
        parameters: { content_type: 'pd' },
        inputs: features.map((f) => {
          const data = rows.map((r, i) => present(jsonCell(r[f.name], f, i), f.name, i));
          return { name: f.name, shape: [n], datatype: f.type === 'json' ? datatypeOf(data) : DATATYPES[f.type], data };
        }),
      };
    },
    rowItems(answer, rowCount) {
      const outputs = outputsOf(answer);
      for (const o of outputs)
        if (o.shape[0] !== rowCount)
          throw unreadable(`has output "${o.name}" for ${o.shape[0]} rows; ${rowCount} were sent`);
      if (options.task === 'regression') {
        const value =
          pick(outputs, options.output.value, ['prediction', 'predict', 'value', 'output', 'variable']) ?? outputs[0];
        if (value === undefined) throw unreadable('has no outputs');
        return Array.from({ length: rowCount }, (_, i) => ({ prediction: rowOf(value, i) }));
      }
      const probability = pick(outputs, options.output.probability, [
        'probability',
        'probabilities',
        'predict_proba',
        'output_probability',
      ]);
      const label = pick(outputs, options.output.label, ['label', 'output_label', 'predict']);
      if (probability === undefined && label === undefined)
        throw unreadable(
          `has neither a probability nor a label output (outputs: ${outputs.map((o) => o.name).join(', ')})`,
        );
      return Array.from({ length: rowCount }, (_, i) => ({
        ...(probability ? { probability: rowOf(probability, i) } : {}),
        ...(label ? { label: rowOf(label, i) } : {}),
      }));
    },
  };
}
