/**
 * Test helper: a user's pipeline behind the trainer port, in this process — what a command or a webhook receiver
 * does, without Python: it reads the job's training Parquet file, trains a logistic model on it (driftguard's own
 * trainer stands in for the user's framework), exports it to ONNX and registers it as an ONNX version tagged with the
 * job id (no driftguard-model.json: to driftguard it is a model it did not train). `seen` records what it was handed.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParquetReader } from '../../../src/adapters/tabular/parquet-reader.js';
import type { DataTable } from '../../../src/domain/data-table.js';
import { logisticTrainer, onnxModelProtoOf } from '../../../src/models/index.js';
import { type ChallengerTrainer, TrainerError, type TrainerJob } from '../../../src/ports/challenger-trainer.js';
import type { TrackingBackend } from '../../../src/ports/tracking-backend.js';
import { sklearnLikeGraph } from '../onnx/byom-graphs.js';
import { registerOnnxVersion } from './register-onnx-version.js';

export interface InProcessTrainer extends ChallengerTrainer {
  readonly seen: { job: TrainerJob; train: DataTable; validation: DataTable }[];
}

async function readParquet(bytes: Uint8Array): Promise<DataTable> {
  const dir = await mkdtemp(join(tmpdir(), 'driftguard-trainer-'));
  try {
    await writeFile(join(dir, 'rows.parquet'), bytes);
    return await createParquetReader().read(join(dir, 'rows.parquet'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function createInProcessTrainer(
  backend: TrackingBackend,
  behaviour: 'register' | 'fail' | 'relabel' = 'register',
): InProcessTrainer {
  const seen: InProcessTrainer['seen'] = [];
  return {
    description: 'in-process test pipeline',
    seen,
    async train(job) {
      const train = await readParquet(job.train.bytes);
      const validation = await readParquet(job.validation.bytes);
      seen.push({ job, train, validation });
      if (behaviour === 'fail')
        throw new TrainerError('the pipeline failed: exit code 1', 'Traceback …\nValueError: bad input');
      const table: DataTable = { ...train, columnNames: [...job.features, job.target] };
      const { model } = logisticTrainer.fit({ table, target: job.target, task: 'binary' }, null, {}, 1);
      // `relabel`: a graph that names other classes (skl2onnx's layout, classes "non" / "oui")
      const graph = behaviour === 'relabel' ? sklearnLikeGraph({ classes: ['non', 'oui'] }) : onnxModelProtoOf(model);
      const version = await registerOnnxVersion(backend, job.model, graph, {
        tags: { 'driftguard.job_id': job.jobId },
      });
      return {
        version,
        output: `trained on ${train.rowCount} rows\nregistered version ${version.version}\n`,
        summary: `the test pipeline registered version ${version.version}`,
      };
    },
  };
}
