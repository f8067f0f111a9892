import { describe, expect, it } from 'vitest';
import { errorFromThread, locateThreadEntry, settleOnce, toThreadError } from './worker-thread.js';

describe('worker-thread plumbing', () => {
  it('carries an error across the thread boundary with its name and message (thrown non-Errors as their string)', () => {
    const thrown = Object.assign(new Error('window has no rows'), { name: 'SchemaError' });
    const crossed = errorFromThread(structuredClone(toThreadError(thrown)));
    expect(crossed).toBeInstanceOf(Error);
    expect([crossed.name, crossed.message]).toEqual(['SchemaError', 'window has no rows']);
    expect(toThreadError('boom')).toEqual({ name: 'Error', message: 'boom' });
  });

  it('locates an entry of this folder as a worker, and says why an unknown one runs in-thread', () => {
    expect(locateThreadEntry('challenger-thread').kind).toBe('worker');
    const missing = locateThreadEntry('no-such-thread');
    expect(missing.kind).toBe('in-thread');
    expect(missing.kind === 'in-thread' ? missing.reason : '').toMatch(/^no worker entry beside /);
  });

  it('settles a one-job thread once: the first outcome runs after the cleanup, the thread is terminated, later ones are ignored', () => {
    const calls: string[] = [];
    const thread = {
      terminate: async () => {
        calls.push('terminate');
        return 0;
      },
    };
    const settle = settleOnce(thread, () => calls.push('cleanup'));
    settle(() => calls.push('reply'));
    settle(() => calls.push('exit'));
    expect(calls).toEqual(['cleanup', 'terminate', 'reply']);
  });
});
