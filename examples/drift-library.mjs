// driftguard's drift engine as a library (docs/library.md): the TypeScript counterpart of
// Evidently's `Report(metrics=[DataDriftPreset()]).run(reference_data=…, current_data=…)`.
// Run after `npm run build`:  node examples/drift-library.mjs [out.html]
import { writeFileSync } from 'node:fs';
import {
  buildReferenceProfile,
  createDriftMonitor,
  dataTableFromRows,
  evaluateDrift,
  inferSchema,
  renderHtmlReport,
} from 'driftguard/drift';

// Seeded rows, so the example prints the same verdict every time (your data comes from a file or a query).
let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const applicants = (n, shift) =>
  Array.from({ length: n }, () => ({
    income: Math.round(30_000 + 40_000 * random() + shift * 25_000),
    region: random() < 0.5 + shift * 0.3 ? 'north' : 'south',
    age: Math.round(25 + 40 * random()),
  }));

// 1. The reference: infer the schema once and build a bounded, JSON-serializable profile of it.
const reference = dataTableFromRows(applicants(5_000, 0));
const profile = buildReferenceProfile(reference, inferSchema(reference));

// 2. One window of current data against it (defaults: driftguard mode, Benjamini–Hochberg + effect-size floors).
const current = dataTableFromRows(applicants(2_000, 1));
const report = evaluateDrift(profile, current);
console.log(
  `dataset drift: ${report.datasetDrift} (${report.driftedFeatureCount} of ${report.testedFeatureCount} features)`,
);
for (const f of report.features)
  console.log(`  ${f.name}: ${f.test} p=${f.adjustedPValue?.toExponential(2)} drifted=${f.drifted}`);

// 3. The same self-contained HTML report as `driftguard report`.
const html = renderHtmlReport(report, {
  reference: 'reference',
  current: 'current',
  generatedAt: new Date().toISOString(),
});
if (process.argv[2] !== undefined) writeFileSync(process.argv[2], html);

// 4. Or monitor a stream in process: one report per window of 1,000 events, evaluated every 500.
const monitor = createDriftMonitor({ profile, options: { window: { type: 'count', windowSize: 1000, step: 500 } } });
const reports = [...applicants(1_500, 0), ...applicants(1_500, 1)].flatMap((row) => monitor.push(row));
console.log(`stream: ${reports.map((r) => r.severity).join(' → ')}`);
