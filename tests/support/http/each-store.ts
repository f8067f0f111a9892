import { afterAll, beforeAll, describe } from 'vitest';
import { describeWithComponent } from '../components/describe-with-component.js';
import { postgresComponent, postgresTestSchema } from '../components/postgres.js';

/**
 * Defines the suite `body` once per store: SQLite (in memory) and PostgreSQL (a schema of its own, mandatory under
 * CI=true). `storeUrl()` gives the suite's store URL (undefined = the test app's in-memory SQLite).
 */
export function describeOnEachStore(title: string, body: (storeUrl: () => string | undefined) => void): void {
  describe(`${title} (SQLite)`, () => body(() => undefined));
  describeWithComponent(`${title} (PostgreSQL)`, postgresComponent, () => {
    const schema = postgresTestSchema('dg_http');
    let url: string | undefined;
    beforeAll(async () => {
      url = await schema.create();
    });
    afterAll(async () => {
      await schema.drop();
    });
    body(() => url);
  });
}
