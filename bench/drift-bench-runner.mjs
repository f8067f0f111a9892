/**
 * The driftguard side of bench/drift.bench.ts, run as its own plain-node process so its wall time and peak memory
 * are its own: `node bench/drift-bench-runner.mjs <reference> <current> <mode> <out.json> [sampleSize]` does what
 * `driftguard report --out out.json` does — the same modules of the compiled dist/ (both files read at once, each in
 * its own worker thread), the JSON report written — and prints one JSON line with read / report times, peak RSS and
 * the per-feature verdicts. Run `npx tsc -p tsconfig.build.json` first (bench/drift.bench.ts does).
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createDriftReportService } from '../dist/services/reports/drift-report-service.js';
import { renderDriftReport } from '../dist/services/reports/render-drift-report.js';
import { columnThreadsOf, createDriftColumnRunner, createTableReader } from '../dist/table-readers.js';

const [referencePath, currentPath, mode, outPath, sampleSizeArg] = process.argv.slice(2);
// The reads' time is taken inside the service (both run at once, so the later one counts).
const inner = createTableReader();
let readDone = 0;
const started = performance.now();
const timedReader = {
  extensions: inner.extensions,
  async read(path, options) {
    const table = await inner.read(path, options);
    readDone = Math.max(readDone, performance.now());
    return table;
  },
};
const config = sampleSizeArg === undefined ? undefined : { profile: { sampleSize: Number(sampleSizeArg) } };
// Columns profiled and tested on DRIFTGUARD_THREADS threads (default: the cores), as `driftguard report` does.
const threads = columnThreadsOf(undefined);
const columnRunner = createDriftColumnRunner(threads);
const outcome = await createDriftReportService({ tableReader: timedReader, columnRunner }).createReport({
  referencePath,
  currentPath,
  mode,
  config,
});
writeFileSync(
  outPath,
  renderDriftReport(outcome.report, 'json', {
    reference: referencePath,
    current: currentPath,
    generatedAt: new Date().toISOString(),
  }),
);
const finished = performance.now();
await columnRunner.close();
const columns = Object.fromEntries(
  outcome.report.features.map((f) => [
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
    threads,
    readSeconds: (readDone - started) / 1000,
    reportSeconds: (finished - readDone) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    sampled: [outcome.reference, outcome.current].some((side) => side.sourceRowCount !== undefined),
    warnings: outcome.warnings,
    datasetDrift: outcome.report.datasetDrift,
    columns,
  }),
);
