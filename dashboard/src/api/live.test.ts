import { describe, expect, it } from 'vitest';
import { parseSseBlock } from './live.js';

describe('Server-Sent Events blocks', () => {
  it('reads the event type and the JSON data the server writes', () => {
    for (const type of ['drift_report', 'alert', 'retraining', 'model'] as const) {
      const payload = {
        type,
        model: `m-${type}`,
        atMs: 1_764_000_000_000,
        data: { id: type.length },
        at: '2026-11-27T04:00:00.000Z',
      };
      expect(parseSseBlock(`event: ${type}\ndata: ${JSON.stringify(payload)}`)).toEqual(payload);
    }
  });

  it('joins multi-line data and ignores comments, ids and blocks without an event or data', () => {
    expect(parseSseBlock('event: alert\nid: 7\ndata: {"model":"a",\ndata: "data":{}}')).toMatchObject({
      type: 'alert',
      model: 'a',
    });
    expect(parseSseBlock(': heartbeat')).toBeNull();
    expect(parseSseBlock('data: {}')).toBeNull();
    expect(parseSseBlock('event: alert\ndata: not json')).toBeNull();
  });
});
