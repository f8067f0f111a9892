import { describe, expect, it } from 'vitest';
import { auth, createTestApp } from '../../../tests/support/http/test-app.js';

describe('GET /v1/events', () => {
  it('ends open streams when the app closes (close does not wait for clients to disconnect)', async () => {
    const { app, close } = await createTestApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/v1/events`, { headers: auth('read') });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
    const started = performance.now();
    await app.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await reader.read()).done).toBe(true);
    await close();
  });
});
