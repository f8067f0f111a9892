/**
 * Test helper: a user's training program for `driftguard backtest --trainer-command`, run as its own process
 * (`node --import tsx onnx-trainer-program.ts`) under the trainer contract: it reads $DRIFTGUARD_TRAIN_DATA, fits a
 * logistic model on $DRIFTGUARD_FEATURES → $DRIFTGUARD_TARGET (driftguard's trainer standing in for the user's
 * framework), exports it to ONNX and registers it in the MLflow server at $MLFLOW_TRACKING_URI as a version of
 * $DRIFTGUARD_MODEL_NAME tagged driftguard.job_id=$DRIFTGUARD_JOB_ID — a plain ONNX version, no driftguard files.
 */
import { createParquetReader } from '../../../src/adapters/tabular/parquet-reader.js';
import { createMlflowBackend } from '../../../src/adapters/tracking/mlflow/mlflow-backend.js';
import { logisticTrainer, onnxModelProtoOf } from '../../../src/models/index.js';
import { registerOnnxVersion } from '../services/register-onnx-version.js';

const env = process.env;
const features = JSON.parse(env.DRIFTGUARD_FEATURES as string) as string[];
const target = env.DRIFTGUARD_TARGET as string;
const train = await createParquetReader().read(env.DRIFTGUARD_TRAIN_DATA as string);
const table = { ...train, columnNames: [...features, target] };
const { model } = logisticTrainer.fit({ table, target, task: 'binary' }, null, {}, 1);
const backend = createMlflowBackend({ trackingUri: env.MLFLOW_TRACKING_URI as string });
const version = await registerOnnxVersion(backend, env.DRIFTGUARD_MODEL_NAME as string, onnxModelProtoOf(model), {
  tags: { 'driftguard.job_id': env.DRIFTGUARD_JOB_ID as string },
});
await backend.close();
console.log(`trained on ${train.rowCount} rows; registered version ${version.version}`);
