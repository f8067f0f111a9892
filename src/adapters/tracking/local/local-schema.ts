import type Database from 'better-sqlite3';

/**
 * Versioned migrations of the local tracking database (PRAGMA user_version = number of applied migrations).
 * The tables mirror MLflow's tracking / registry model so both adapters answer the same way.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE experiments (
     experiment_id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL UNIQUE,
     lifecycle_stage TEXT NOT NULL DEFAULT 'active',
     creation_time INTEGER NOT NULL
   );
   CREATE TABLE runs (
     run_id TEXT PRIMARY KEY,
     experiment_id INTEGER NOT NULL REFERENCES experiments(experiment_id),
     run_name TEXT NOT NULL,
     status TEXT NOT NULL,
     start_time INTEGER NOT NULL,
     end_time INTEGER
   );
   CREATE INDEX runs_by_experiment ON runs(experiment_id, start_time);
   CREATE TABLE params (run_id TEXT NOT NULL REFERENCES runs(run_id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
   CREATE TABLE tags (run_id TEXT NOT NULL REFERENCES runs(run_id), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
   CREATE TABLE metrics (
     run_id TEXT NOT NULL REFERENCES runs(run_id), key TEXT NOT NULL, value REAL NOT NULL,
     timestamp INTEGER NOT NULL, step INTEGER NOT NULL,
     PRIMARY KEY (run_id, key, timestamp, step, value)
   );
   CREATE TABLE run_inputs (
     run_id TEXT NOT NULL REFERENCES runs(run_id), name TEXT NOT NULL, digest TEXT NOT NULL, context TEXT NOT NULL,
     source_type TEXT NOT NULL, source TEXT NOT NULL, schema TEXT, profile TEXT, position INTEGER NOT NULL,
     PRIMARY KEY (run_id, name, digest, context)
   );
   CREATE TABLE registered_models (name TEXT PRIMARY KEY, creation_time INTEGER NOT NULL);
   CREATE TABLE registered_model_tags (name TEXT NOT NULL REFERENCES registered_models(name), key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (name, key));
   CREATE TABLE model_versions (
     name TEXT NOT NULL REFERENCES registered_models(name), version INTEGER NOT NULL, source TEXT NOT NULL,
     run_id TEXT NOT NULL, status TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', creation_time INTEGER NOT NULL,
     PRIMARY KEY (name, version)
   );
   CREATE TABLE model_version_tags (name TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (name, version, key));
   CREATE TABLE aliases (name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (name, alias));`,
];

/** Applies the migrations not yet applied, each in its own transaction. */
export function migrateLocalTrackingDatabase(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let index = applied; index < MIGRATIONS.length; index++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[index]);
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}
