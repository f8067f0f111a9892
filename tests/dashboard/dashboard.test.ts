import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserComponent, CHROMIUM_ARGS, chromiumPath } from '../support/components/chromium.js';
import { describeWithComponent } from '../support/components/describe-with-component.js';
import { type DashboardServer, KEYS, startDashboardServer } from '../support/dashboard/dashboard-server.js';

const SCREENSHOTS = resolve(fileURLToPath(new URL('../../artifacts/screenshots', import.meta.url)));
/** "Live within 2 s" plus the monitoring tick (1 s) and a loaded 2-core CI machine. */
const LIVE_MS = 10_000;

describeWithComponent('dashboard in a real browser against driftguard serve', browserComponent, () => {
  let server: DashboardServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  let expectedUnauthorized = true;
  let drifted: { id: string; label: string }[] = [];

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const go = async (hash: string) => {
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startDashboardServer();
    browser = await chromium.launch({ executablePath: chromiumPath()!, headless: true, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Before the key is typed the API answers 401, which Chromium logs as a failed resource load.
      if (expectedUnauthorized && /status of 401/.test(message.text())) return;
      consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(`${server.url}/`) && !request.url().startsWith('data:'))
        foreignRequests.push(request.url());
    });
    // Stable traffic first: a few monitoring windows without drift, between reports of another model.
    for (let i = 0; i < 4; i++) {
      await server.neighbourReport();
      await server.window('before');
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for the read key, then the overview shows the model card with its champion', async () => {
    await page.goto(server.url);
    await page.getByRole('dialog', { name: 'API key needed' }).waitFor();
    // Waiting for a key is not an outage (issue 14 item 24).
    await expect
      .poll(() => page.locator('.live').textContent(), { timeout: LIVE_MS })
      .toContain('waiting for an API key');
    await page.waitForTimeout(1500);
    expect(await page.locator('.live').textContent()).not.toMatch(/offline|retrying/);
    // A wrong key brings the prompt back saying the key was refused, not silently.
    await page.getByRole('textbox', { name: 'API key', exact: true }).fill(`${KEYS.read}-wrong`);
    await page.getByRole('button', { name: 'Use key' }).click();
    await page
      .getByRole('dialog', { name: 'API key needed' })
      .getByRole('alert')
      .filter({ hasText: 'The key entered was refused' })
      .waitFor();
    await page.getByRole('textbox', { name: 'API key', exact: true }).fill(KEYS.read);
    await page.getByRole('button', { name: 'Use key' }).click();
    const card = page.locator('article.card[data-model="loans"]');
    await card.waitFor();
    expectedUnauthorized = false;
    await expect.poll(() => card.textContent(), { timeout: LIVE_MS }).toContain('version 2');
    await expect
      .poll(() => card.locator('.badge').first().textContent(), { timeout: LIVE_MS })
      .toMatch(/ok|warning|critical/);
    await expect.poll(() => page.locator('.live').textContent(), { timeout: LIVE_MS }).toContain('live');
    await shot('overview');
  });

  it('shows an injected drift as a firing alert within seconds, without reloading', async () => {
    await go('#/alerts');
    await page.locator('h1', { hasText: 'Alerts' }).waitFor();
    // (A data-quality alert may already fire: the target column is empty until labels arrive.)
    expect(await page.locator('tr[data-status="firing"]', { hasText: 'data drift' }).count()).toBe(0);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    const injected = Date.now();
    drifted = await server.traffic(300, 'after');
    const firing = page.locator('tr[data-status="firing"]', { hasText: 'data drift' });
    await firing.first().waitFor({ timeout: LIVE_MS });
    const seconds = (Date.now() - injected) / 1000;
    console.log(`drift injected → firing alert on the page after ${seconds.toFixed(1)} s`);
    expect(navigations.filter((u) => !u.includes('#'))).toEqual([]);
    await expect.poll(() => firing.first().locator('.badge').textContent()).toMatch(/medium|high/);
    await page.locator('svg.timeline').waitFor();
    await shot('alerts');
  });

  it('acknowledges the alert with the admin key', async () => {
    const row = page.locator('tr[data-status="firing"]', { hasText: 'data drift' }).first();
    const id = await row.getAttribute('data-alert');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByLabel('Admin API key', { exact: true }).fill(KEYS.admin);
    await page.getByRole('dialog').getByRole('button', { name: 'Acknowledge' }).click();
    const acknowledged = page.locator(`tr[data-alert="${id}"][data-status="acknowledged"]`);
    await acknowledged.waitFor({ timeout: LIVE_MS });
    expect(await acknowledged.textContent()).toContain('by ops');
    const stored = await server.call<{ alert: { status: string; acknowledgedBy: string } }>(
      'GET',
      `/v1/alerts/${id}`,
      'read',
    );
    expect(stored.alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ops' });
  });

  it("loads an alert's deliveries only when its row asks for them", async () => {
    const detailRequests: string[] = [];
    const onRequest = (request: { url: () => string }) =>
      /\/v1\/alerts\/[^/?]+$/.test(new URL(request.url()).pathname) && detailRequests.push(request.url());
    page.on('request', onRequest);
    try {
      await go('#/');
      await go('#/alerts');
      const row = page.locator('tr[data-status="acknowledged"]', { hasText: 'data drift' }).first();
      await row.waitFor();
      expect(detailRequests).toEqual([]);
      await row.getByRole('button', { name: 'Show' }).click();
      await row.getByText('no sink').waitFor();
      expect(detailRequests).toHaveLength(1);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('the model page shows drift share over time, the heatmap and the drifted features', async () => {
    await go('#/models/loans');
    await page.locator('#drift-share canvas').first().waitFor();
    await page.locator('.heatmap [data-drifted="true"]').first().waitFor({ timeout: LIVE_MS });
    const rows = await page.locator('.hm-row').allTextContents();
    expect(rows).toEqual(expect.arrayContaining(['x1', 'x2', 'region']));
    // Columns are numbered per model: another model's reports leave no gap (issue 14 item 24).
    const stored = (await server.call<{ items: unknown[] }>('GET', '/v1/models/loans/drift-reports?limit=1000', 'read'))
      .items.length;
    const numbers = (await page.locator('.hm-col').allTextContents()).map(Number);
    expect(numbers).toEqual(numbers.map((_, i) => stored - numbers.length + 1 + i));
    const verdicts = await page.locator('#features tbody tr').allTextContents();
    expect(verdicts.find((r) => r.startsWith('x1'))).toContain('drifted');
    await shot('model');
    // A new window's report shows up on the open page by itself (SSE), as a new heatmap column.
    const columns = await page.locator('.hm-col').count();
    const sent = Date.now();
    drifted = [...drifted, ...(await server.traffic(300, 'after'))];
    await expect.poll(() => page.locator('.hm-col').count(), { timeout: LIVE_MS, interval: 100 }).toBe(columns + 1);
    console.log(`new window → new report on the model page after ${((Date.now() - sent) / 1000).toFixed(1)} s`);
  });

  it('the model page plots the multivariate statistic over time and names the top features of drifted windows', async () => {
    await go('#/models/loans');
    const panel = page.locator('#multivariate');
    await panel.locator('canvas').first().waitFor({ timeout: LIVE_MS });
    await expect.poll(() => panel.locator('.badge').first().textContent(), { timeout: LIVE_MS }).toMatch(/joint drift/);
    const drifted = panel.getByRole('region', { name: 'windows with multivariate drift' }).locator('tbody tr');
    await drifted.first().waitFor();
    // The drifted loan windows move x1 (and region): the classifier names x1 first.
    expect(await drifted.first().locator('td.top-features').textContent()).toMatch(/^x1 \(\d/);
    expect(Number(await panel.locator('[data-windows]').getAttribute('data-windows'))).toBeGreaterThan(1);
    await shot('model-multivariate');
  });

  it('the feature view overlays the reference and current distributions with the test numbers', async () => {
    await page.locator('.hm-row', { hasText: 'x1' }).click();
    const svg = page.locator('svg[data-feature="x1"]');
    await svg.waitFor();
    const heights = async (series: string) =>
      await svg
        .locator(`rect[data-series="${series}"]`)
        .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    const reference = await heights('reference');
    const current = await heights('current');
    expect(reference.length).toBeGreaterThan(3);
    expect(current.length).toBe(reference.length);
    expect(reference.some((h) => h > 0) && current.some((h) => h > 0)).toBe(true);
    // The shift moved mass: the two overlays differ.
    expect(reference).not.toEqual(current);
    const facts = await page.locator('#feature .test-facts').textContent();
    expect(facts).toMatch(/Test.*ks/i);
    expect(facts).toMatch(/p-value/);
    expect(facts).toMatch(/Effect size/);
    expect(facts).toMatch(/Threshold/);
    await page.locator('#feature .chart canvas').first().waitFor();
    await shot('feature');
  });

  it('the data-quality, performance and prediction-log views render; the log filters by label', async () => {
    await go('#/models/loans/quality');
    await page.locator('#data-quality').waitFor();
    await shot('data-quality');
    await go('#/models/loans/performance');
    // No label has arrived yet: the panel says so, with the window's label count.
    await page
      .locator('#performance', { hasText: /No performance yet: insufficient labels: 0 of 300 row\(s\) labelled/ })
      .waitFor();
    await go('#/models/loans/predictions');
    const table = page.locator('#predictions tbody');
    await table.locator('tr').first().waitFor();
    expect(await table.locator('tr.clickable').count()).toBe(25);
    await table.locator('tr.clickable').first().click();
    expect(await table.locator('.row-detail').textContent()).toMatch(/x1.*x2.*region/);
    await shot('predictions');
    await page.locator('#predictions select[name="labeled"]').selectOption('true');
    await page.locator('#predictions').getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No prediction matches these filters.').waitFor();
  });

  it('the retraining story shows the job deferred for want of labels, then promoted once labels arrive (live)', async () => {
    await go('#/retraining/loans');
    const deferred = page.locator('.story[data-status="deferred"]');
    await deferred.waitFor({ timeout: LIVE_MS });
    const jobId = await deferred.getAttribute('data-job');
    expect(await deferred.locator('.callout').textContent()).toMatch(/Deferred:.*0 of 300 labelled rows/);
    expect(await deferred.textContent()).toMatch(/Trigger:\s*drift \(report #\d+, severity high/);
    await shot('retraining-deferred');
    await server.labels(drifted);
    const promoted = page.locator(`.story[data-job="${jobId}"][data-status="promoted"]`);
    await promoted.waitFor({ timeout: 60_000 });
    const story = (await promoted.textContent()) ?? '';
    for (const step of ['deferred', 'queued', 'training', 'evaluating', 'tracking', 'promoted'])
      expect(story).toContain(step);
    expect(story).toMatch(/✔ Promoted:/);
    expect(story).toMatch(/registered version 3/);
    const metrics = await promoted.locator('table tbody tr').allTextContents();
    expect(metrics[0]).toMatch(/^accuracy/);
    await shot('retraining');
    // At 1280 px every column of every job's tables is in view, none cut or scrolled away (issue 14 item 24), also
    // with the widest table a job can have (the old-reference-holdout column added to the metrics table).
    const overflowing = `[...document.querySelectorAll('.story .table-wrap')]
      .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1 || wrap.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((wrap) => wrap.querySelector('th:last-child')?.textContent + ': ' + wrap.scrollWidth + ' > ' + wrap.clientWidth)`;
    expect(await page.evaluate(overflowing)).toEqual([]);
    await page.evaluate(`for (const table of document.querySelectorAll('.story .table-wrap table')) {
      if (table.querySelectorAll('th').length !== 5) continue;
      const th = document.createElement('th');
      th.textContent = 'Old reference holdout (challenger / champion)';
      table.querySelector('thead tr').append(th);
      for (const row of table.querySelectorAll('tbody tr')) {
        const td = document.createElement('td');
        td.textContent = '0.123 / 0.456';
        row.append(td);
      }
    }`);
    expect(await page.evaluate(overflowing)).toEqual([]);
    await shot('retraining-widest');
  }, 90_000);

  it('rolls the champion back from the registry page after confirmation', async () => {
    await go('#/registry/loans');
    await expect
      .poll(() => page.locator('tr[data-version="3"]').textContent(), { timeout: LIVE_MS })
      .toContain('champion');
    const rollback = page.getByRole('button', { name: /Roll back to version 2/ });
    await rollback.waitFor();
    await shot('registry');
    await rollback.click();
    const dialog = page.getByRole('dialog');
    // A blank reason is refused in the dialog, saying why, before anything is sent.
    await dialog.getByLabel(/Reason/).fill('   ');
    await dialog.getByLabel('Admin API key', { exact: true }).fill(KEYS.admin);
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'cannot be blank' }).waitFor();
    await dialog.getByLabel(/Reason/).fill('dashboard test: back to version 2');
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await page.getByText('champion moved from version 3 to version 2').waitFor({ timeout: LIVE_MS });
    await expect
      .poll(() => page.locator('tr[data-version="2"]').textContent(), { timeout: LIVE_MS })
      .toContain('champion');
    expect(await page.locator('tr[data-version="3"]').textContent()).toContain('rolled back by ops');
    const versions = await server.call<{ items: { version: string; aliases: string[] }[] }>(
      'GET',
      '/v1/models/loans/versions',
      'read',
    );
    expect(versions.items.find((v) => v.aliases.includes('champion'))?.version).toBe('2');
  });

  it('promotes a chosen version from the registry page after confirmation', async () => {
    await page.locator('tr[data-version="3"]').getByRole('button', { name: 'Promote…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('dashboard test: version 3 again');
    await dialog.getByLabel('Admin API key', { exact: true }).fill(KEYS.admin);
    await dialog.getByRole('button', { name: 'Promote' }).click();
    await page.getByText('champion moved from version 2 to version 3').waitFor({ timeout: LIVE_MS });
    await expect
      .poll(() => page.locator('tr[data-version="3"]').textContent(), { timeout: LIVE_MS })
      .toMatch(/champion.*promoted by ops.*version 3 again/s);
    // The overview follows: champion 3 again, the promoted retraining, the drift in the sparkline.
    await go('#/');
    const card = page.locator('article.card[data-model="loans"]');
    await expect.poll(() => card.textContent(), { timeout: LIVE_MS }).toMatch(/version 3.*promoted/s);
    await shot('overview-after');
  });

  it('the performance view plots the champion performance and label coverage once labelled windows arrive', async () => {
    await go('#/models/loans/performance');
    // Version 3 learnt the `after` concept; its reference carries its performance on the job's held-out rows.
    const panel = page.locator('#performance');
    await server.window('after', true);
    // The first labelled window's report appears live (SSE) as the first point of the series.
    await panel.locator('canvas').first().waitFor({ timeout: LIVE_MS });
    await expect
      .poll(() => panel.textContent(), { timeout: LIVE_MS })
      .toMatch(/Latest: error_rate .* on \d+ labelled rows \(z, p = /);
    await server.window('after', true);
    const [newest] = (
      await server.call<{ items: { report: { performance: { labelledCount: number } | null } }[] }>(
        'GET',
        '/v1/models/loans/drift-reports?limit=1',
        'read',
      )
    ).items;
    expect(newest.report.performance?.labelledCount).toBeGreaterThanOrEqual(150);
    // The series grows live: two reports with performance, the newest's numbers in the summary.
    await panel.locator('p[data-reports="2"]').waitFor({ timeout: LIVE_MS });
    expect(await panel.textContent()).toMatch(/holding|degraded/);
    await shot('performance');
  }, 90_000);

  it('the performance view draws the estimated performance with its band beside the realized one', async () => {
    await go('#/models/loans/performance');
    const panel = page.locator('#estimated-performance');
    // Every window is estimated from its logged scores (the champion's reference keeps labelled held-out scores).
    await panel.locator('canvas').first().waitFor({ timeout: LIVE_MS });
    expect(await panel.locator('canvas').count()).toBe(2);
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/Latest window: rocAuc [0-9.]+ \[[0-9.]+, [0-9.]+\] vs threshold [0-9.]+; accuracy /);
    // The labelled windows of the previous step show the realized values beside the estimate.
    expect(text).toMatch(/realized on \d+ labelled rows: rocAuc [0-9.]+, accuracy [0-9.]+/);
    expect(text).toMatch(/estimated drop|no measurable impact|no drift|not estimated/);
    const windows = (
      await server.call<{ items: { estimated: unknown[] | null; realized: { labelledRows: number } | null }[] }>(
        'GET',
        '/v1/models/loans/estimated-performance?limit=50',
        'read',
      )
    ).items.filter((w) => w.estimated !== null);
    expect(windows.at(-1)!.estimated).toHaveLength(2);
    expect(windows.at(-1)!.realized?.labelledRows).toBeGreaterThanOrEqual(150);
    // The `after` concept turned while the old champion grew more confident: the realized values fall outside the
    // estimated band, and the panel says so.
    expect(text).toMatch(/outside the estimate's band \(concept shift\)/);
    await shot('estimated-performance');
  }, 60_000);

  it('works at phone width (390 px) on every page without horizontal page overflow', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [hash, name] of [
      ['#/', 'overview-phone'],
      ['#/models/loans', 'model-phone'],
      ['#/models/loans/features/x1', 'feature-phone'],
      ['#/models/loans/performance', 'performance-phone'],
      ['#/alerts', 'alerts-phone'],
      ['#/retraining/loans', 'retraining-phone'],
      ['#/registry/loans', 'registry-phone'],
    ] as const) {
      await go(hash);
      await page.waitForTimeout(500);
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      )) as number;
      expect(overflow, `${hash} overflows horizontally by ${overflow}px`).toBeLessThanOrEqual(1);
      await shot(name);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('logged no console error on any page and fetched nothing from another origin (no CDN)', () => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
