import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../store.contract.js';
import { createSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'driftguard-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('SQLite', { create: async () => createSqliteStore({ path: join(dir, 'contract', 'store.db') }) });

describe('SQLite store specifics', () => {
  it('keeps committed rows across a reopen of the file', async () => {
    const path = join(dir, 'reopen.db');
    const first = createSqliteStore({ path });
    await first.migrate();
    await first.appendPredictions('m', [
      {
        id: 'kept',
        model: 'm',
        modelVersion: '3',
        timestampMs: 1,
        features: { x: 1 },
        predictedClass: true,
        score: 0.9,
      },
    ]);
    await first.close();
    const second = createSqliteStore({ path });
    await second.migrate();
    expect(await second.getPrediction('m', 'kept')).toMatchObject({ predictedClass: true, modelVersion: '3' });
    await second.close();
  });

  it('refuses to work before migrate and refuses a database newer than itself', async () => {
    const path = join(dir, 'newer.db');
    const store = createSqliteStore({ path });
    await expect(store.countPredictions('m')).rejects.toThrow(/migrate/);
    await store.migrate();
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(path);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (999, ?, 0)').run('future');
    raw.close();
    const again = createSqliteStore({ path });
    await expect(again.migrate()).rejects.toThrow(/newer than this driftguard/);
    await again.close();
  });
});
