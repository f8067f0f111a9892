import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File that marks a directory as the demo's own, so a fresh start may delete it. */
export const DEMO_MARKER = '.driftguard-demo';

/**
 * Prepares the demo's data directory: `resume` keeps it as it is; otherwise it is emptied — but only when it is
 * missing, empty or marked as the demo's own (never a directory of real data).
 */
export function prepareDemoDataDir(dir: string, resume: boolean): { resumed: boolean } {
  const exists = existsSync(dir);
  if (resume && exists) return { resumed: true };
  if (exists && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, DEMO_MARKER))) {
      throw new Error(
        `--data-dir ${dir} holds files the demo did not create; choose another directory (the demo empties it on each fresh start)`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, DEMO_MARKER), 'created by `driftguard demo`; a fresh run empties this directory\n');
  return { resumed: false };
}
