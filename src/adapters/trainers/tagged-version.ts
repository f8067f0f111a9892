/** Finding the version a user's pipeline registered for a retraining job: the one tagged `driftguard.job_id=<id>`. */
import { JOB_ID_TAG } from '../../ports/challenger-trainer.js';
import type { ModelRegistry, ModelVersion } from '../../ports/model-registry.js';

/** The newest READY version of `name` tagged with `jobId`; null when there is none (yet). */
export async function findTaggedVersion(
  registry: ModelRegistry,
  name: string,
  jobId: string,
): Promise<ModelVersion | null> {
  const versions = await registry.listModelVersions(name);
  return (
    versions
      .filter((v) => v.tags[JOB_ID_TAG] === jobId && (v.status === 'READY' || v.status === ''))
      .sort((a, b) => Number(b.version) - Number(a.version))[0] ?? null
  );
}

/**
 * Asks the registry every `pollMs` until the tagged version appears or `deadlineMs` (epoch ms) passes; null then.
 * A registry error ends the wait with that error (the job fails with it: better than waiting blind).
 */
export async function waitForTaggedVersion(
  registry: ModelRegistry,
  name: string,
  jobId: string,
  options: { readonly deadlineMs: number; readonly pollMs: number; readonly nowMs?: () => number },
): Promise<ModelVersion | null> {
  const nowMs = options.nowMs ?? Date.now;
  for (;;) {
    const found = await findTaggedVersion(registry, name, jobId);
    if (found !== null) return found;
    const left = options.deadlineMs - nowMs();
    if (left <= 0) return null;
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs, left)));
  }
}
