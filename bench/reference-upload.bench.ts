/**
 * `npx tsx bench/reference-upload.bench.ts [--rows 1200000]` — issue 14 item 7: a large CSV reference upload on a
 * listening server (in-memory SQLite, the test app of tests/support/http), measuring the upload's wall time, the
 * longest `/healthz` wait during it and the process's peak RSS (the CSV body itself, ≈ 12 MB, is held by the client
 * in the same process).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { auth, createTestApp } from '../tests/support/http/test-app.js';
import { generateReferenceCsv, uploadWhileProbing } from '../tests/support/http/upload-probe.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '1200000' } } });
const rows = Number(args.rows);
const csv = generateReferenceCsv(rows);
global.gc?.();
const t = await createTestApp();
try {
  const created = await t.app.inject({
    method: 'POST',
    url: '/v1/models',
    headers: auth('admin'),
    payload: { name: 'upload-bench', task: 'classification', features: { income: {}, region: {}, owner: {} } },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const rssBeforeMiB = process.memoryUsage.rss() / 2 ** 20;
  const probe = await uploadWhileProbing(baseUrl, 'upload-bench', csv, auth('admin'));
  if (probe.status !== 200) throw new Error(`upload answered ${probe.status}: ${probe.body}`);
  console.log(
    JSON.stringify({
      rows,
      megabytes: +(csv.length / 1e6).toFixed(1),
      uploadSeconds: +(probe.uploadMs / 1000).toFixed(2),
      maxHealthzMs: Math.round(probe.maxHealthzMs),
      healthzProbes: probe.probes,
      rssBeforeMiB: Math.round(rssBeforeMiB),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage: loadavg()[0].toFixed(1),
    }),
  );
} finally {
  await t.close();
}
