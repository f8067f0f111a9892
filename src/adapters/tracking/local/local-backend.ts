import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TrackingBackend } from '../../../ports/tracking-backend.js';
import { createLocalModelRegistry } from './local-model-registry.js';
import { migrateLocalTrackingDatabase } from './local-schema.js';
import { createLocalTrackingStore } from './local-tracking-store.js';

export interface LocalBackendOptions {
  /** Directory holding `tracking.db` and `artifacts/` (created if missing). */
  readonly dataDir: string;
  /** Database file; default `<dataDir>/tracking.db`. */
  readonly databasePath?: string;
  /** Clock for creation times; default Date.now. */
  readonly nowMs?: () => number;
}

/** The embedded tracking backend: SQLite (WAL, synchronous=FULL for durable commits) plus artifacts on disk. */
export function createLocalBackend(options: LocalBackendOptions): TrackingBackend {
  mkdirSync(options.dataDir, { recursive: true });
  const databasePath = options.databasePath ?? join(options.dataDir, 'tracking.db');
  const db = new Database(databasePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateLocalTrackingDatabase(db);
  const nowMs = options.nowMs ?? Date.now;
  return {
    kind: 'local',
    location: databasePath,
    tracking: createLocalTrackingStore({ db, artifactRoot: join(options.dataDir, 'artifacts'), nowMs }),
    registry: createLocalModelRegistry({ db, nowMs }),
    close: async () => {
      db.close();
    },
  };
}
