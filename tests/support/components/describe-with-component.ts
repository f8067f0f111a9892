import { describe } from 'vitest';

/**
 * Suites that need a real external component (MLflow server, PostgreSQL, Chromium). With CI=true they are
 * mandatory: a missing component fails the suite. Outside CI they skip and print why.
 */
export function describeWithComponent(
  title: string,
  component: { name: string; available: () => Promise<string | null> },
  body: () => void,
): void {
  describe(title, async () => {
    const missing = await component.available();
    if (missing === null) {
      body();
      return;
    }
    if (process.env.CI === 'true') {
      throw new Error(`${component.name} is required under CI=true but is unavailable: ${missing}`);
    }
    console.warn(`[skip] ${title}: ${component.name} unavailable (${missing}); set it up or run under CI=true`);
    describe.skip(title, () => body());
  });
}
