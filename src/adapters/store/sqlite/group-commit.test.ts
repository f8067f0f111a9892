import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('starts a new group for writes queued after a commit, and flush runs pending writes at once', async () => {
    const group = createGroupCommit(writer);
    await group.enqueue(() => insert('1'));
    const later = group.enqueue(() => insert('2'));
    group.flush();
    expect(visible('2')).toBe(true);
    await later;
  });
});
