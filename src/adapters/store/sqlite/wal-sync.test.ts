import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createWalSync } from './wal-sync.js';

const dir = mkdtempSync(join(tmpdir(), 'driftguard-wal-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WAL sync off the event loop', () => {
  it('syncs the -wal file; callers arriving during a sync share the next one', async () => {
    const path = join(dir, 'db.sqlite');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x)');
    const wal = createWalSync(path);
    const order: string[] = [];
    const first = wal.sync().then(() => order.push('first'));
    const second = wal.sync().then(() => order.push('second'));
    const third = wal.sync().then(() => order.push('third'));
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first', 'second', 'third']); // second and third waited for a sync that began after the first
    await wal.close();
    db.close();
  });

  it('rejects when the database has no WAL file, and recovers once it exists', async () => {
    const path = join(dir, 'late.sqlite');
    const wal = createWalSync(path);
    await expect(wal.sync()).rejects.toThrow(/ENOENT/);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x)');
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
    db.close();
  });

  it('once an fdatasync has failed, every later sync fails too (even when the file could be synced again)', async () => {
    const path = join(dir, 'failing.sqlite');
    execFileSync('mkfifo', [`${path}-wal`]); // fdatasync on a FIFO fails with EINVAL: a real failing fdatasync
    const wal = createWalSync(path);
    await expect(wal.sync()).rejects.toThrow(/EINVAL/);
    rmSync(`${path}-wal`);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x)'); // a syncable WAL file now exists
    await expect(wal.sync()).rejects.toThrow(/EINVAL/);
    await wal.close();
    db.close();
  });
});
