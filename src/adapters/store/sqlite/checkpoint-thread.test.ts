import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
