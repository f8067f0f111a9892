/**
 * Where driftguard serve spends CPU on single-row logging: starts the service with --cpu-prof, sends --requests
 * single-row POST /predictions (closed loop, 8 connections), stops it and prints self time by package and by function.
 * Run: npx tsx bench/serve-profile.ts [--requests 3000] [--rows 1]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsonClient } from '../tests/support/process/json-client.js';
import { startServeProcess } from '../tests/support/process/serve-process.js';
import { closedLoop } from './serve-load.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number) =>
  argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback;
const REQUESTS = flag('requests', 3000);
const ROWS = flag('rows', 1);
const KEYS = {
  DRIFTGUARD_ADMIN_KEY: 'profile-admin-key-0123456789abcdef',
  DRIFTGUARD_INGEST_KEY: 'profile-ingest-key-0123456789abcdef',
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const workDir = mkdtempSync(join(tmpdir(), 'driftguard-serve-profile-'));
try {
  const profileDir = join(workDir, 'profile');
  const server = await startServeProcess(['--data-dir', join(workDir, 'data')], KEYS, {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  const features = Object.fromEntries(Array.from({ length: 8 }, (_, j) => [`x${j}`, { kind: 'numeric' }]));
  const admin = createJsonClient(server.baseUrl, {
    maxSockets: 1,
    headers: { authorization: `Bearer ${KEYS.DRIFTGUARD_ADMIN_KEY}` },
  });
  await admin.post('/v1/models', { name: 'profile', features });
  admin.close();
  const body = Buffer.from(
    JSON.stringify({
      predictions: Array.from({ length: ROWS }, (_, i) => ({
        features: Object.fromEntries(Object.keys(features).map((n, j) => [n, (i * 7 + j) / 3])),
        prediction: 'yes',
        score: 0.75,
      })),
    }),
  );
  const ingest = createJsonClient(server.baseUrl, {
    maxSockets: 8,
    headers: { authorization: `Bearer ${KEYS.DRIFTGUARD_INGEST_KEY}` },
  });
  const result = await closedLoop({
    post: (b) => ingest.post('/v1/models/profile/predictions', b),
    bodyFor: () => body,
    concurrency: 8,
    durationMs: 120_000,
    maxRequests: REQUESTS,
    expectStatus: 201,
  });
  ingest.close();
  server.child.kill('SIGTERM');
  await server.exited;
  console.log(
    `${result.succeeded}/${result.offered} requests of ${ROWS} row(s) in ${result.seconds.toFixed(1)} s${result.firstError ? ` (${result.firstError})` : ''}`,
  );

  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('no .cpuprofile written');
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const url = node.callFrame.url;
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.includes('/src/')
        ? 'driftguard src'
        : url === ''
          ? `(${node.callFrame.functionName || 'native'})`
          : url.startsWith('node:')
            ? 'node core'
            : url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/')}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) =>
          `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000 / Math.max(1, result.succeeded)).toFixed(3)} ms/req  ${k}`,
      )
      .join('\n');
  console.log(
    `profile: ${(total / 1e6).toFixed(2)} s sampled (whole process life, start-up included)\nby package:\n${top(byPackage, 12)}\nby function:\n${top(byFunction, 25)}`,
  );
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
