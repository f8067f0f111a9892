import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrackingBackend } from './compose.js';

const dirs: string[] = [];
const fresh = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'driftguard-compose-tracking-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('createTrackingBackend', () => {
  it('uses the local store in the data dir when no URI is set', async () => {
    const dataDir = await fresh();
    const backend = createTrackingBackend({ dataDir, env: {} });
    expect(backend.kind).toBe('local');
    expect(backend.location).toBe(join(dataDir, 'tracking.db'));
    await backend.close();
  });

  it('maps file: and sqlite: URIs to the local store', async () => {
    const dir = await fresh();
    const fileBackend = createTrackingBackend({
      trackingUri: pathToFileURL(join(dir, 'store')).href,
      dataDir: '/unused',
      env: {},
    });
    expect(fileBackend.location).toBe(join(dir, 'store', 'tracking.db'));
    await fileBackend.close();
    const sqliteBackend = createTrackingBackend({
      trackingUri: `sqlite:///${join(dir, 'x.db')}`,
      dataDir: '/unused',
      env: {},
    });
    expect(sqliteBackend.location).toBe(join(dir, 'x.db'));
    expect(existsSync(join(dir, 'x.db'))).toBe(true);
    await sqliteBackend.close();
  });

  it('maps http(s) URIs (also from MLFLOW_TRACKING_URI) to MLflow without exposing credentials', () => {
    const backend = createTrackingBackend({
      dataDir: '/unused',
      env: { MLFLOW_TRACKING_URI: 'https://user:s3cret@mlflow.example.com:8443/base/' },
    });
    expect(backend.kind).toBe('mlflow');
    expect(backend.location).toBe('https://mlflow.example.com:8443/base');
  });

  it('rejects an unknown scheme with the accepted ones', () => {
    expect(() => createTrackingBackend({ trackingUri: 'databricks://x', dataDir: '/unused', env: {} })).toThrow(
      /"databricks:" is not supported \(use http\(s\)/,
    );
    expect(() => createTrackingBackend({ trackingUri: 'sqlite:relative.db', dataDir: '/unused', env: {} })).toThrow(
      /sqlite:\/\/\//,
    );
  });
});
