import { describe, expect, it } from 'vitest';
import { named } from './connection.js';

describe('named PostgreSQL statements', () => {
  it('refuse a name given twice at load time (pg would refuse the second text only when it runs)', () => {
    named('connection-test.once', 'SELECT 1');
    expect(() => named('connection-test.once', 'SELECT 2')).toThrow(/connection-test.once is used twice/);
  });
});
