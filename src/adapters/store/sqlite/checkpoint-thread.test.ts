import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointThread } from './checkpoint-thread.js';

const dir = mkdtempSync(join(tmpdir(), 'driftguard-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkpoints in a worker thread', () => {
  it('copies the WAL back into the database while the writer never checkpoints itself', async () => {
    const path = join(dir, 'db.sqlite');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT)');
    const errors: string[] = [];
    const thread = startCheckpointThread(path, { everyMs: 20, onError: (e) => errors.push(e) });
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`row ${i} ${'x'.repeat(100)}`);
    })();
    const frames = (db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[])[0];
    expect(frames.log).toBeGreaterThan(50);
    let status = frames;
    for (let i = 0; i < 100 && status.checkpointed < status.log; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[])[0];
    }
    expect(status.checkpointed).toBe(status.log); // every frame copied back, by the other thread
    await thread.stop();
    expect(errors).toEqual([]);
    db.close();
  });

  it('keeps the process alive until the stopped thread has exited, so the code after stop() runs', async () => {
    // Only a process with nothing else to wait for shows it (a test runner always has), hence a child process.
    const module = fileURLToPath(new URL('./checkpoint-thread.ts', import.meta.url));
    // Five rounds: the early exit is a race, it came in 2 of 3 single rounds.
    const path = JSON.stringify(join(dir, 'stop.sqlite'));
    const script = `const { startCheckpointThread } = await import(${JSON.stringify(module)});
      for (let round = 0; round < 5; round++) await startCheckpointThread(${path}).stop();
      console.log('after stop');`;
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 20_000,
    });
    // A non-zero exit rejects with the code and the output; a zero exit resolves with the output.
    type Outcome = { code?: unknown; stdout?: string; stderr?: string };
    const child: Outcome = await run.then(
      (out) => ({ code: 0, ...out }),
      (error: Outcome) => error,
    );
    expect(child).toMatchObject({ code: 0, stdout: 'after stop\n' });
  });
});
