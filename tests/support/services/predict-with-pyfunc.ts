import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PyfuncPredictOptions {
  readonly python: string;
  readonly trackingUri: string;
  /** e.g. `models:/credit@champion` */
  readonly modelUri: string;
  /** Column name → values; columns whose values are all numbers / null become float64 (null → NaN), others strings. */
  readonly frame: Readonly<Record<string, readonly (number | string | null)[]>>;
  /** Output column of the pyfunc DataFrame to return. */
  readonly outputColumn: string;
}

/** Test helper: `mlflow.pyfunc.load_model(modelUri).predict(DataFrame(frame))[outputColumn]` in Python. */
export async function predictWithPyfunc(options: PyfuncPredictOptions): Promise<number[]> {
  const script = [
    'import json, sys, pandas as pd, mlflow, mlflow.pyfunc',
    'mlflow.set_tracking_uri(sys.argv[1])',
    'frame = json.loads(sys.argv[3])',
    'df = pd.DataFrame({k: (pd.Series(v, dtype="float64") if all(x is None or isinstance(x, (int, float)) for x in v) else pd.Series(v, dtype="object")) for k, v in frame.items()})',
    'm = mlflow.pyfunc.load_model(sys.argv[2])',
    'out = m.predict(df)',
    'print(json.dumps([float(v) for v in out[sys.argv[4]]]))',
  ].join('\n');
  const { stdout } = await run(
    options.python,
    ['-c', script, options.trackingUri, options.modelUri, JSON.stringify(options.frame), options.outputColumn],
    {
      timeout: 180_000,
      env: { ...process.env, MLFLOW_TRACKING_URI: options.trackingUri },
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as number[];
}
