import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trackingContract } from '../tracking.contract.js';
import { createLocalBackend } from './local-backend.js';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'driftguard-local-tracking-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('local tracking backend (SQLite + files)', () => {
  trackingContract(async () => createLocalBackend({ dataDir: await freshDir() }));

  it('keeps runs, versions and aliases across a reopen of the data dir', async () => {
    const dataDir = await freshDir();
    const first = createLocalBackend({ dataDir });
    const experiment = await first.tracking.ensureExperiment('persisted');
    const run = await first.tracking.createRun({ experimentId: experiment.experimentId, runName: 'r', startTimeMs: 5 });
    await first.registry.ensureRegisteredModel('m');
    await first.registry.createModelVersion({ name: 'm', source: `${run.artifactUri}/model`, runId: run.runId });
    await first.registry.setAlias('m', 'champion', '1');
    await first.close();
    const second = createLocalBackend({ dataDir });
    expect((await second.tracking.getRun(run.runId)).info.runName).toBe('r');
    expect((await second.registry.getVersionByAlias('m', 'champion'))?.runId).toBe(run.runId);
    await second.close();
  });

  it('rejects an unsupported search filter with a message naming the clause', async () => {
    const backend = createLocalBackend({ dataDir: await freshDir() });
    const experiment = await backend.tracking.ensureExperiment('e');
    await expect(
      backend.tracking.searchRuns([experiment.experimentId], { filter: 'metrics.auc LIKE 3' }),
    ).rejects.toThrow(/metrics\.auc LIKE 3/);
    await backend.close();
  });
});
