/**
 * Where a registered version's files live on an MLflow server: its `source` resolved to an artifact-proxy root.
 * MLflow 3's `log_model` registers `models:/<model_id>` (a LoggedModel with its own artifact URI); driftguard and
 * MLflow 2 register a run's artifact URI (`mlflow-artifacts:/…`) or `runs:/<run_id>/<path>`.
 */

import type { ModelVersion } from '../../../ports/model-registry.js';
import { TrackingError } from '../../../ports/tracking-error.js';
import type { MlflowClient } from './mlflow-client.js';
import { proxyPathOfArtifactUri } from './mlflow-tracking-store.js';

/** The artifact-proxy path (`<exp>/models/<id>/artifacts`, `<exp>/<run>/artifacts/model`) of a version's source. */
export async function proxyRootOfModelSource(client: MlflowClient, version: ModelVersion): Promise<string> {
  const { source } = version;
  const logged = /^models:\/(m-[0-9a-f]+)\/?$/.exec(source);
  if (logged) {
    const { model } = await client.call('getLoggedModel', { model_id: logged[1] });
    return proxyPathOfArtifactUri(model.info.artifact_uri ?? '');
  }
  const run = /^runs:\/([^/]+)\/?(.*)$/.exec(source);
  if (run) {
    const { run: found } = await client.call('getRun', { run_id: run[1] });
    const root = proxyPathOfArtifactUri(found.info.artifact_uri ?? '');
    const path = run[2].replace(/\/+$/, '');
    return path ? `${root}/${path}` : root;
  }
  if (source.startsWith('mlflow-artifacts:')) return proxyPathOfArtifactUri(source);
  throw new TrackingError(
    `downloadModelVersion: version ${version.version} of "${version.name}" has source ${JSON.stringify(source)}, which the MLflow server does not serve (expected models:/m-…, runs:/<run>/<path> or mlflow-artifacts:/…)`,
    { kind: 'invalid', operation: 'downloadModelVersion' },
  );
}
