import { describe, expect, it } from 'vitest';
import { InferenceUnavailableError } from '../../../ports/inference-model.js';
import { createCircuitBreaker } from './circuit-breaker.js';

const fail = (message: string) => () => Promise.reject(new Error(message));
const ok = () => Promise.resolve('ok');
const always = () => true;

describe('createCircuitBreaker', () => {
  it('opens after N consecutive failures, refuses at once with the reason, probes once after the reset time', async () => {
    let now = 1_000;
    const breaker = createCircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 10_000, nowMs: () => now });
    let calls = 0;
    const counted = (f: () => Promise<string>) => () => (calls++, f());
    for (let i = 0; i < 3; i++)
      await expect(breaker.run(counted(fail(`down ${i}`)), always)).rejects.toThrow(`down ${i}`);
    expect(breaker.status()).toEqual({
      state: 'open',
      consecutiveFailures: 3,
      lastFailure: 'down 2',
      nextProbeAtMs: 11_000,
    });
    now += 4_000;
    const refused = breaker.run(counted(ok), always);
    await expect(refused).rejects.toThrow(InferenceUnavailableError);
    await expect(breaker.run(counted(ok), always)).rejects.toThrow(
      'circuit open after 3 consecutive failures (last: down 2); next probe in 6 s',
    );
    expect(calls).toBe(3);
    now += 6_000;
    expect(breaker.status().state).toBe('half-open');
    await expect(breaker.run(counted(fail('still down')), always)).rejects.toThrow('still down'); // the probe fails: open again
    expect(breaker.status()).toMatchObject({ state: 'open', consecutiveFailures: 4, nextProbeAtMs: now + 10_000 });
    now += 10_000;
    expect(await breaker.run(counted(ok), always)).toBe('ok');
    expect(breaker.status()).toEqual({
      state: 'closed',
      consecutiveFailures: 0,
      lastFailure: null,
      nextProbeAtMs: null,
    });
    expect(calls).toBe(5);
  });

  it('lets one probe through while half-open; concurrent calls are refused until it ends', async () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 100, nowMs: () => now });
    await expect(breaker.run(fail('x'), always)).rejects.toThrow('x');
    now = 100;
    let release: (v: string) => void = () => undefined;
    const probe = breaker.run(() => new Promise<string>((resolve) => (release = resolve)), always);
    await expect(breaker.run(ok, always)).rejects.toThrow(/a probe call is in flight/);
    expect(breaker.refusal()).toMatch(/a probe call is in flight/);
    release('probed');
    expect(await probe).toBe('probed');
    expect(breaker.refusal()).toBeNull();
  });

  it("errors that do not count (the caller's bad input) neither open it nor break the streak of a success", async () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2 });
    const notCounted = () => false;
    await expect(breaker.run(fail('bad'), always)).rejects.toThrow();
    for (let i = 0; i < 5; i++) await expect(breaker.run(fail('400'), notCounted)).rejects.toThrow('400');
    expect(breaker.status()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
    await expect(breaker.run(fail('bad'), always)).rejects.toThrow();
    expect(breaker.status().state).toBe('open');
  });
});
