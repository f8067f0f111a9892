import { spawnSync } from 'node:child_process';

/** Prometheus's promtool (Debian package `prometheus`; .ci/run installs it), as a describeWithComponent component. */
export const promtool = {
  name: 'promtool (apt-get install prometheus)',
  available: async (): Promise<string | null> => {
    const run = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
    return run.status === 0 ? null : `promtool --version: ${run.error?.message ?? run.stderr}`;
  },
};

/** Runs promtool with `args` (and `input` on stdin); resolves with its exit status and output. */
export function runPromtool(args: readonly string[], input?: string): { status: number | null; output: string } {
  const run = spawnSync('promtool', [...args], { encoding: 'utf8', input });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
