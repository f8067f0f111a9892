/** The local registry's model sources are directories on this machine: a `file:` URI or an absolute path. */
import { cp, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelVersion } from '../../../ports/model-registry.js';
import { TrackingError } from '../../../ports/tracking-error.js';

/** Copies the version's source directory into `localDir` (created); returns `localDir`. */
export async function copyLocalModelSource(version: ModelVersion, localDir: string): Promise<string> {
  const operation = 'downloadModelVersion';
  const what = `version ${version.version} of "${version.name}"`;
  let path: string;
  if (version.source.startsWith('file:')) path = fileURLToPath(version.source);
  else if (isAbsolute(version.source)) path = version.source;
  else
    throw new TrackingError(
      `${operation}: ${what} has source ${JSON.stringify(version.source)}; the local registry reads file: URIs and absolute paths`,
      { kind: 'invalid', operation },
    );
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isDirectory())
    throw new TrackingError(`${operation}: ${what}: source directory ${path} not found`, {
      kind: 'not_found',
      operation,
    });
  await cp(path, localDir, { recursive: true });
  return localDir;
}
