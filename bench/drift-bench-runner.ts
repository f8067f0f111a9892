/**
 * The driftguard side of bench/drift.bench.ts, run as its own process so its peak memory is its own:
 * `npx tsx bench/drift-bench-runner.ts <reference.csv> <current.csv> <mode> [sampleSize]` prints one JSON line with read and report
 * times, peak RSS and per-feature verdicts. Uses the same service as `driftguard report`.
 */
import { performance } from 'node:perf_hooks';
import { createTableReader } from '../src/compose.js';
import { inferSchema } from '../src/domain/infer-schema.js';
import { buildReferenceProfile } from '../src/drift/build-reference-profile.js';
import type { DriftMode } from '../src/drift/drift-config.js';
import { evaluateDrift } from '../src/drift/evaluate-drift.js';

const [referencePath, currentPath, mode, sampleSizeArg] = process.argv.slice(2) as [
  string,
  string,
  DriftMode,
  string | undefined,
];
// Default profile (5,000-value sorted sample per numeric feature) unless a sample size is given (= rows: exact).
const profileOptions = sampleSizeArg === undefined ? {} : { sampleSize: Number(sampleSizeArg) };
const reader = createTableReader();
let started = performance.now();
const reference = await reader.read(referencePath);
const current = await reader.read(currentPath);
const readSeconds = (performance.now() - started) / 1000;
started = performance.now();
const schema = inferSchema(reference);
const schemaSeconds = (performance.now() - started) / 1000;
const profile = buildReferenceProfile(reference, schema, profileOptions);
const profileSeconds = (performance.now() - started) / 1000 - schemaSeconds;
const report = evaluateDrift(profile, current, { mode });
const reportSeconds = (performance.now() - started) / 1000;
const evaluateSeconds = reportSeconds - schemaSeconds - profileSeconds;
const columns = Object.fromEntries(
  report.features.map((f) => [
    f.name,
    {
      test: f.test,
      threshold: f.threshold,
      value: f.score === 'p_value' ? f.pValue : f.distance,
      effectSize: f.effectSize,
      drifted: f.drifted,
    },
  ]),
);
console.log(
  JSON.stringify({
    tool: `driftguard (${mode}${sampleSizeArg === undefined ? '' : `, sampleSize ${sampleSizeArg}`})`,
    readSeconds,
    reportSeconds,
    breakdownSeconds: { schema: schemaSeconds, profile: profileSeconds, evaluate: evaluateSeconds },
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    datasetDrift: report.datasetDrift,
    columns,
  }),
);
