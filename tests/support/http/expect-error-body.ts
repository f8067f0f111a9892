import { expect } from 'vitest';

/** The documented error body: exactly `{ error, message, details[], requestId }`, as JSON. */
export function expectErrorBody(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  what = '',
) {
  expect(response.statusCode, `${what}: ${response.body}`).toBeGreaterThanOrEqual(400);
  expect(String(response.headers['content-type']), what).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(Object.keys(body).sort(), `${what}: ${response.body}`).toEqual(['details', 'error', 'message', 'requestId']);
  expect(body, what).toEqual({
    error: expect.any(String),
    message: expect.any(String),
    details: expect.any(Array),
    requestId: expect.any(String),
  });
  for (const detail of body.details as unknown[])
    expect(detail, what).toEqual({ path: expect.any(String), reason: expect.any(String) });
  return body as { error: string; message: string; details: { path: string; reason: string }[]; requestId: string };
}
