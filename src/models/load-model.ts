import { ModelError } from './model-error.js';
import type { FeatureTransform, FittedModel, SerializedModel } from './model-types.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model-types.js';
import { createPipelineModel } from './pipeline-model.js';
import { transformColumns } from './preprocessing.js';

type Json = Record<string, unknown>;

function fail(path: string, reason: string): never {
  throw new ModelError(path, reason);
}

function obj(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Json;
}

function arr(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}

function num(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(path, `must be a finite number, got ${JSON.stringify(value)}`);
  return value;
}

function numbers(value: unknown, path: string, length?: number): number[] {
  const a = arr(value, path);
  if (length !== undefined && a.length !== length) fail(path, `must have ${length} entries, has ${a.length}`);
  a.forEach((v, i) => num(v, `${path}[${i}]`));
  return a as number[];
}

function checkTransform(t: Json, path: string): void {
  if (typeof t.name !== 'string') fail(`${path}.name`, 'must be a string');
  if (t.kind === 'numeric') {
    if (t.impute !== null) num(t.impute, `${path}.impute`);
    num(t.center, `${path}.center`);
    num(t.scale, `${path}.scale`);
  } else if (t.kind === 'boolean') {
    if (t.impute !== null && t.impute !== 0 && t.impute !== 1) fail(`${path}.impute`, 'must be 0, 1 or null');
  } else if (t.kind === 'categorical') {
    const categories = arr(t.categories, `${path}.categories`);
    if (categories.some((c) => typeof c !== 'string')) fail(`${path}.categories`, 'must hold strings');
    if (t.encoding === 'ordinal') {
      numbers(t.codes, `${path}.codes`, categories.length);
      num(t.otherCode, `${path}.otherCode`);
      num(t.missingCode, `${path}.missingCode`);
    } else if (t.encoding !== 'one-hot') fail(`${path}.encoding`, 'must be "one-hot" or "ordinal"');
  } else {
    fail(`${path}.kind`, `must be numeric, boolean or categorical, got ${JSON.stringify(t.kind)}`);
  }
}

function checkTree(tree: Json, path: string, width: number): void {
  const feature = numbers(tree.feature, `${path}.feature`);
  const size = feature.length;
  if (size === 0) fail(`${path}.feature`, 'a tree needs at least one node');
  numbers(tree.threshold, `${path}.threshold`, size);
  const left = numbers(tree.left, `${path}.left`, size);
  const right = numbers(tree.right, `${path}.right`, size);
  numbers(tree.value, `${path}.value`, size);
  const missingLeft = arr(tree.missingLeft, `${path}.missingLeft`);
  if (missingLeft.length !== size || missingLeft.some((v) => typeof v !== 'boolean'))
    fail(`${path}.missingLeft`, `must be ${size} booleans`);
  feature.forEach((f, i) => {
    if (f === -1) return;
    if (!Number.isInteger(f) || f < 0 || f >= width)
      fail(`${path}.feature[${i}]`, `must be -1 or a column index < ${width}`);
    // children come after their parent, so the tree has no cycle
    if (!(left[i] > i && left[i] < size && right[i] > i && right[i] < size))
      fail(`${path}.left/right[${i}]`, 'child index out of range');
  });
}

/** Checks the shape of a parsed model file and every cross-reference (column counts, tree indices). */
export function checkSerializedModel(json: unknown): SerializedModel {
  const m = obj(json, 'model');
  if (m.format !== MODEL_FORMAT)
    fail('format', `not a driftguard model file (expected "${MODEL_FORMAT}", got ${JSON.stringify(m.format)})`);
  const version = m.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    fail(
      'formatVersion',
      `unknown model format version ${JSON.stringify(version)} (this build reads 1…${MODEL_FORMAT_VERSION})`,
    );
  }
  if (version > MODEL_FORMAT_VERSION) {
    fail(
      'formatVersion',
      `model format version ${version} is newer than this driftguard supports (≤ ${MODEL_FORMAT_VERSION}); upgrade driftguard`,
    );
  }
  const schema = obj(m.schema, 'schema');
  if (schema.task !== 'binary' && schema.task !== 'regression') fail('schema.task', 'must be "binary" or "regression"');
  if (typeof schema.target !== 'string') fail('schema.target', 'must be a string');
  arr(schema.features, 'schema.features');
  if (schema.task === 'binary') {
    const labels = arr(schema.classLabels, 'schema.classLabels');
    if (labels.length !== 2 || labels.some((l) => typeof l !== 'string'))
      fail('schema.classLabels', 'must be two strings');
  }
  const pre = obj(m.preprocessing, 'preprocessing');
  const transforms = arr(pre.transforms, 'preprocessing.transforms');
  transforms.forEach((t, i) =>
    checkTransform(obj(t, `preprocessing.transforms[${i}]`), `preprocessing.transforms[${i}]`),
  );
  const width = transforms.flatMap((t) => transformColumns(t as FeatureTransform)).length;
  if (arr(pre.outputColumns, 'preprocessing.outputColumns').length !== width) {
    fail('preprocessing.outputColumns', `must list the ${width} encoded columns`);
  }
  if (pre.invalidValue !== 'error' && pre.invalidValue !== 'missing')
    fail('preprocessing.invalidValue', 'must be "error" or "missing"');
  const est = obj(m.estimator, 'estimator');
  if (est.kind === 'logistic') {
    if (schema.task !== 'binary') fail('estimator.kind', 'logistic needs a binary schema');
    numbers(est.coefficients, 'estimator.coefficients', width);
    num(est.intercept, 'estimator.intercept');
  } else if (est.kind === 'gbdt') {
    num(est.baseScore, 'estimator.baseScore');
    arr(est.trees, 'estimator.trees').forEach((t, i) =>
      checkTree(obj(t, `estimator.trees[${i}]`), `estimator.trees[${i}]`, width),
    );
  } else {
    fail('estimator.kind', `unknown estimator ${JSON.stringify(est.kind)} (valid: logistic, gbdt)`);
  }
  obj(m.training, 'training');
  return m as unknown as SerializedModel;
}

/** Loads a model from its JSON (parsed object or text): validated, then compiled for native inference. */
export function loadModel(json: unknown): FittedModel {
  let parsed = json;
  if (typeof json === 'string') {
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      fail('model', `not valid JSON: ${(error as Error).message}`);
    }
  }
  return createPipelineModel(checkSerializedModel(parsed));
}
