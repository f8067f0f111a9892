/**
 * `npx tsx bench/reference-upload.bench.ts [--rows 1200000] [--root <checkout>]` — issue 14 item 7: a large CSV
 * reference upload to `driftguard serve` (the compiled dist/ of `--root`, default this checkout: run `npx tsc -p
 * tsconfig.build.json` first) in its own process, on SQLite in a temporary data directory. Measures the upload's
 * wall time, the longest `/healthz` wait during it (asked again and again, one at a time, 20 ms apart) and the server
 * process's RSS before and at its peak (VmHWM, Linux).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateReferenceCsv, uploadWhileProbing } from '../tests/support/http/upload-probe.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1200000' },
    root: { type: 'string', default: join(import.meta.dirname, '..') },
  },
});
const rows = Number(args.rows);
const key = 'bench-admin-key-0123456789';
const headers = { authorization: `Bearer ${key}` };
const dataDir = mkdtempSync(join(tmpdir(), 'driftguard-upload-bench-'));

/** VmRSS / VmHWM of a process in MiB (Linux /proc). */
function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.split(/\s+/)[1]) / 1024);
}

function startServer(): Promise<{ server: ChildProcess; baseUrl: string }> {
  const server = spawn(
    process.execPath,
    [join(resolve(args.root), 'dist/cli/main.js'), 'serve', '--port', '0', '--data-dir', dataDir],
    { env: { ...process.env, DRIFTGUARD_ADMIN_KEY: key }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new Promise((resolveStart, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /driftguard listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined) resolveStart({ server, baseUrl: url });
    });
    server.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

const csv = generateReferenceCsv(rows);
const { server, baseUrl } = await startServer();
try {
  const created = await fetch(`${baseUrl}/v1/models`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'upload-bench',
      task: 'classification',
      features: { income: {}, region: {}, owner: {} },
    }),
  });
  if (created.status !== 201) throw new Error(await created.text());
  const pid = server.pid as number;
  const rssBeforeMiB = memoryMiB(pid, 'VmRSS');
  const probe = await uploadWhileProbing(baseUrl, 'upload-bench', csv, headers);
  if (probe.status !== 200) throw new Error(`upload answered ${probe.status}: ${probe.body}`);
  console.log(
    JSON.stringify({
      root: args.root,
      rows,
      megabytes: +(csv.length / 1e6).toFixed(1),
      uploadSeconds: +(probe.uploadMs / 1000).toFixed(2),
      maxHealthzMs: Math.round(probe.maxHealthzMs),
      healthzProbes: probe.probes,
      serverRssBeforeMiB: rssBeforeMiB,
      serverPeakRssMiB: memoryMiB(pid, 'VmHWM'),
      loadAverage: loadavg()[0].toFixed(1),
    }),
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
