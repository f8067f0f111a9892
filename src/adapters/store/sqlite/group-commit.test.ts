import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

describe('SQLite group commit', () => {
  let dir: string;
  let writer: Database.Database;
  let reader: Database.Database;
  const visible = (id: string) => reader.prepare('SELECT COUNT(*) FROM t WHERE id = ?').pluck().get(id) === 1;
  const insert = (id: string) => writer.prepare('INSERT INTO t (id) VALUES (?)').run(id);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'driftguard-group-commit-'));
    writer = new Database(join(dir, 'db.sqlite'));
    writer.pragma('journal_mode = WAL');
    writer.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    reader = new Database(join(dir, 'db.sqlite'), { readonly: true });
  });
  afterEach(() => {
    reader.close();
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the writes of one event-loop turn in one transaction and resolves each caller only after its commit', async () => {
    const group = createGroupCommit(writer);
    const seenBySecond: boolean[] = [];
    const first = group.enqueue(() => insert('a'));
    const second = group.enqueue(() => {
      seenBySecond.push(writer.inTransaction, visible('a'));
      insert('b');
      return 'second';
    });
    expect(visible('a')).toBe(false); // nothing runs before the turn ends
    let resolvedEarly = false;
    void first.then(() => (resolvedEarly = !visible('b')));
    expect(await second).toBe('second');
    await first;
    expect(seenBySecond).toEqual([true, false]); // same open transaction: a is not yet committed when b is written
    expect(resolvedEarly).toBe(false); // a's caller resumed after the shared commit that also holds b
    expect([visible('a'), visible('b')]).toEqual([true, true]);
  });

  it('rolls back and rejects only the write that throws; the rest of the group commits', async () => {
    const group = createGroupCommit(writer);
    const results = await Promise.allSettled([
      group.enqueue(() => insert('x')),
      group.enqueue(() => {
        insert('y');
        insert('x'); // primary-key clash after a successful write
      }),
      group.enqueue(() => insert('z')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect([visible('x'), visible('y'), visible('z')]).toEqual([true, false, true]);
  });

  it('starts a new group for writes queued after a commit, and drain runs pending writes at once', async () => {
    const group = createGroupCommit(writer);
    await group.enqueue(() => insert('1'));
    const later = group.enqueue(() => insert('2'));
    const drained = group.drain();
    expect(visible('2')).toBe(true);
    await Promise.all([later, drained]);
  });

  it('with syncAfterCommit: commits with synchronous=NORMAL, resolves callers only after the sync, keeps FULL for other statements', async () => {
    writer.pragma('synchronous = FULL');
    let releaseSync: () => void = () => undefined;
    let syncs = 0;
    const group = createGroupCommit(writer, {
      syncAfterCommit: () => {
        syncs += 1;
        return new Promise<void>((resolve) => (releaseSync = resolve));
      },
    });
    let modeInside: unknown;
    let resolved = false;
    const pending = group
      .enqueue(() => {
        modeInside = writer.pragma('synchronous', { simple: true });
        insert('s');
      })
      .then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([visible('s'), syncs, resolved]).toEqual([true, 1, false]); // committed, sync started, caller still waiting
    expect([modeInside, writer.pragma('synchronous', { simple: true })]).toEqual([1, 2]); // NORMAL inside, FULL again after
    const queuedDuringSync = [group.enqueue(() => insert('t')), group.enqueue(() => insert('u'))];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([visible('t'), syncs]).toEqual([false, 1]); // held back while the first group syncs
    releaseSync();
    await pending;
    expect(resolved).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([visible('t'), visible('u'), syncs]).toEqual([true, true, 2]); // then committed together, one more sync
    releaseSync();
    await Promise.all(queuedDuringSync);
  });

  it('rejects every caller of a group whose sync fails', async () => {
    const group = createGroupCommit(writer, { syncAfterCommit: () => Promise.reject(new Error('EIO: disk gone')) });
    const results = await Promise.allSettled([group.enqueue(() => insert('p')), group.enqueue(() => insert('q'))]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual([
      'EIO: disk gone',
      'EIO: disk gone',
    ]);
  });
});
