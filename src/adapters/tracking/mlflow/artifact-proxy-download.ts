/**
 * Recursive download through MLflow's artifact proxy (`/api/2.0/mlflow-artifacts/artifacts/<root>/…`): one listing
 * per directory, one GET per file. Shared by run artifacts (root `<exp>/<run>/artifacts`) and model versions
 * (a logged model's `<exp>/models/<model_id>/artifacts`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MlflowClient } from './mlflow-client.js';

/**
 * Downloads `relativePath` under the proxy root `root` — a file, or a directory with everything below it — into
 * `localDir`, keeping its last path segment as the name; returns the local path. `''` downloads the root itself.
 */
export async function downloadFromArtifactProxy(
  client: MlflowClient,
  root: string,
  relativePath: string,
  localDir: string,
): Promise<string> {
  const full = relativePath ? `${root}/${relativePath}` : root;
  const entries = await client.listArtifactDirectory(full);
  const target = join(localDir, relativePath.split('/').pop() ?? '');
  if (entries.length === 0 && relativePath !== '') {
    const bytes = await client.getArtifact(full);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
    return target;
  }
  await mkdir(target, { recursive: true });
  for (const entry of entries) {
    const name = entry.path.split('/').pop() ?? '';
    const child = relativePath ? `${relativePath}/${name}` : name;
    if (entry.is_dir === true) await downloadFromArtifactProxy(client, root, child, target);
    else await writeFile(join(target, name), await client.getArtifact(`${root}/${child}`));
  }
  return target;
}
