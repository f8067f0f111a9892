import { randomBytes } from 'node:crypto';
import type { JobDataLinks, TrainerDataFile } from '../../ports/challenger-trainer.js';

export interface JobDataLinksOptions {
  /** The URL driftguard is reached at (server.publicUrl); null: no links (the webhook names the run artifacts only). */
  readonly publicUrl: string | null;
  readonly newToken?: () => string;
}

/**
 * Download links for a webhook trainer (GET /v1/retraining-data/{token}/{file}): the job's files stay in this
 * process's memory, behind a random one-job token, until the job's wait ends (`revoke`). Served by the replica running
 * the job only: behind a load balancer, point server.publicUrl at it or use the run artifacts named in the payload.
 */
export function createJobDataLinks(options: JobDataLinksOptions) {
  /** token (192 random bits) → the job's files by name. */
  const shelves = new Map<string, ReadonlyMap<string, Uint8Array>>();
  const newToken = options.newToken ?? (() => randomBytes(24).toString('hex'));
  const base = options.publicUrl?.replace(/\/+$/, '') ?? null;
  const links: JobDataLinks & { read(token: string, file: string): Uint8Array | null } = {
    publish(jobId: string, files: readonly TrainerDataFile[]) {
      const token = newToken();
      shelves.set(token, new Map(files.map((f) => [f.name, f.bytes])));
      return {
        urls:
          base === null
            ? null
            : Object.fromEntries(
                files.map((f) => [f.name, `${base}/v1/retraining-data/${token}/${encodeURIComponent(f.name)}`]),
              ),
        revoke: () => void shelves.delete(token),
      };
    },
    /** A published file, or null (unknown or revoked token, unknown file). */
    read(token: string, file: string): Uint8Array | null {
      return shelves.get(token)?.get(file) ?? null;
    },
  };
  return links;
}

export type JobDataLinksService = ReturnType<typeof createJobDataLinks>;
