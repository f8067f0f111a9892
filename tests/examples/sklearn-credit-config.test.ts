import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../../src/cli/serve-command.js';
import { resolveServeSettings } from '../../src/services/config/serve-settings.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/sklearn-credit/driftguard.config.json', import.meta.url));

describe('examples/sklearn-credit/driftguard.config.json (docs/bring-your-own-model.md)', () => {
  it('passes the real config loader: a binary model served from the registry, retrained by the command train.py', () => {
    const settings = resolveServeSettings(
      {},
      { DRIFTGUARD_ADMIN_KEY: 'k'.repeat(24) },
      loadServiceConfig(EXAMPLE),
      EXAMPLE,
    );
    expect(settings.models).toHaveLength(1);
    const [model] = settings.models;
    expect(model).toMatchObject({ name: 'credit-default', task: 'binary', target: 'defaulted' });
    expect(model.serving).toBeUndefined(); // the registry's champion, by name
    expect(model.retraining?.trainer).toEqual({ type: 'command', command: ['python', 'train.py'], timeoutMs: 600_000 });
    expect(Object.keys(model.features ?? {})).toEqual(['age', 'income', 'debt_ratio', 'late_payments', 'employment']);
  });
});
