import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../adapters/store/sqlite/sqlite-store.js';
import { createMonitoredModels } from './monitored-models.js';
import { NotFoundError } from './service-errors.js';

describe('monitored model definitions', () => {
  it('reuses a read definition for cacheMs, updates it at once on a local replace, and sees another replica’s replace after cacheMs', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    let now = 1_000_000;
    const clock = { nowMs: () => now };
    const here = createMonitoredModels({ store, clock, cacheMs: 1000 });
    const otherReplica = createMonitoredModels({ store, clock, cacheMs: 1000 });
    await here.create({ name: 'm', features: { a: {} } });
    expect(Object.keys((await otherReplica.get('m')).definition.features ?? {})).toEqual(['a']);

    await here.replace({ name: 'm', features: { a: {}, b: {} } });
    expect(Object.keys((await here.get('m')).definition.features ?? {})).toEqual(['a', 'b']);
    expect(Object.keys((await otherReplica.get('m')).definition.features ?? {})).toEqual(['a']); // still cached
    now += 1000;
    expect(Object.keys((await otherReplica.get('m')).definition.features ?? {})).toEqual(['a', 'b']);

    await expect(here.get('absent')).rejects.toBeInstanceOf(NotFoundError);
    await expect(here.create({ name: 'm' })).rejects.toThrow(/already exists/);
    await store.close();
  });
});
