import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PyfuncPredictOptions {
  readonly python: string;
  readonly trackingUri: string;
  /** e.g. `models:/credit@champion` */
  readonly modelUri: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly number[])[];
  /** Output column of the pyfunc DataFrame to return. */
  readonly outputColumn: string;
}

/** Test helper: `mlflow.pyfunc.load_model(modelUri).predict(DataFrame(rows, float64))[outputColumn]` in Python. */
export async function predictWithPyfunc(options: PyfuncPredictOptions): Promise<number[]> {
  const script = [
    'import json, sys, pandas as pd, mlflow, mlflow.pyfunc',
    'mlflow.set_tracking_uri(sys.argv[1])',
    'm = mlflow.pyfunc.load_model(sys.argv[2])',
    "out = m.predict(pd.DataFrame(json.loads(sys.argv[4]), columns=json.loads(sys.argv[3]), dtype='float64'))",
    'print(json.dumps([float(v) for v in out[sys.argv[5]]]))',
  ].join('\n');
  const { stdout } = await run(
    options.python,
    ['-c', script, options.trackingUri, options.modelUri, JSON.stringify(options.columns), JSON.stringify(options.rows), options.outputColumn],
    { timeout: 180_000, env: { ...process.env, MLFLOW_TRACKING_URI: options.trackingUri } },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as number[];
}
