/** Test helper: the real MLflow server named by MLFLOW_TRACKING_URI, as a `describeWithComponent` component. */
export const mlflowTrackingUri = process.env.MLFLOW_TRACKING_URI ?? '';

/** Why the server is unusable, or null when MLFLOW_TRACKING_URI is http(s) and its /health answers OK. */
export async function mlflowServerMissing(): Promise<string | null> {
  if (!/^https?:\/\//.test(mlflowTrackingUri))
    return 'MLFLOW_TRACKING_URI is not set to an http(s) URL (see .ci/start-mlflow.sh)';
  try {
    const response = await fetch(`${mlflowTrackingUri.replace(/\/+$/, '')}/health`, {
      signal: AbortSignal.timeout(5000),
    });
    return response.ok ? null : `${mlflowTrackingUri}/health answered ${response.status}`;
  } catch (error) {
    return `${mlflowTrackingUri}/health unreachable: ${String(error)}`;
  }
}

export const mlflowServer = { name: 'MLflow tracking server', available: mlflowServerMissing };
