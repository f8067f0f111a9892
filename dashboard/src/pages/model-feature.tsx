import type { DriftReportEnvelope } from '../api/types.js';
import { COLORS, TimeSeriesChart } from '../components/charts.js';
import { DistributionOverlay } from '../components/distribution.js';
import { Badge, Empty, Panel } from '../components/ui.js';
import { num } from '../lib/format.js';

/** One feature: reference vs current distribution, the test and its numbers, and its history over the reports. */
export function FeaturePanel({ name, reports }: { name: string; reports: DriftReportEnvelope[] }) {
  const latest = reports.at(-1);
  const f = latest?.report.features.find((x) => x.name === name);
  if (latest === undefined || f === undefined) return <Empty>Feature {name} is not in the latest report.</Empty>;
  const history = reports.map((r) => ({
    t: Date.parse(r.createdAt) / 1000,
    f: r.report.features.find((x) => x.name === name),
  }));
  return (
    <Panel
      title={`Feature: ${name}`}
      id="feature"
      actions={f.drifted ? <Badge level="critical">drifted</Badge> : <Badge level="ok">stable</Badge>}
    >
      <div class="feature-grid">
        <DistributionOverlay feature={f} />
        <dl class="facts test-facts">
          <dt>Kind</dt>
          <dd>{f.kind}</dd>
          <dt>Test</dt>
          <dd>{f.test}</dd>
          <dt>Statistic</dt>
          <dd>{num(f.statistic ?? f.distance, 4)}</dd>
          <dt>p-value</dt>
          <dd>
            {num(f.pValue, 4)} <span class="muted">adjusted {num(f.adjustedPValue, 4)}</span>
          </dd>
          <dt>Threshold</dt>
          <dd>
            {f.direction === 'p_value_below' ? 'drift when p <' : 'drift when distance >'} {num(f.threshold, 4)}
          </dd>
          <dt>Effect size</dt>
          <dd>
            {num(f.effectSize, 4)} <span class="muted">{f.effectSizeName ?? ''}</span>
          </dd>
          <dt>Effect floor</dt>
          <dd>{f.effectSizeThreshold === undefined ? '— (evidently mode)' : num(f.effectSizeThreshold, 4)}</dd>
          <dt>Values</dt>
          <dd>
            {f.referenceCount.toLocaleString('en-US')} reference, {f.currentCount.toLocaleString('en-US')} current
          </dd>
        </dl>
      </div>
      <h3>History</h3>
      <TimeSeriesChart
        label={`${name}: effect size and p-value over the reports`}
        times={history.map((h) => h.t)}
        series={[
          { label: 'effect size', values: history.map((h) => h.f?.effectSize ?? null), color: COLORS.line },
          {
            label: 'effect floor',
            values: history.map((h) => h.f?.effectSizeThreshold ?? null),
            color: COLORS.high,
            dash: [6, 4],
          },
          {
            label: 'adjusted p-value',
            values: history.map((h) => h.f?.adjustedPValue ?? null),
            color: COLORS.current,
            scale: 'pct',
          },
        ]}
      />
    </Panel>
  );
}
