import type { DriftReportEnvelope } from '../api/types.js';
import { COLORS, TimeSeriesChart } from '../components/charts.js';
import { Badge, Empty, Panel } from '../components/ui.js';
import { num } from '../lib/format.js';

/** Model performance per report once labels arrive, with the share of the window that is labelled. */
export function PerformancePanel({ reports }: { reports: DriftReportEnvelope[] }) {
  const withPerf = reports.filter((r) => r.report.performance !== null);
  const latest = reports.at(-1);
  if (withPerf.length === 0) {
    return (
      <Panel title="Performance over time" id="performance">
        <Empty>
          No performance yet
          {latest?.report.performanceUnavailableReason
            ? `: ${latest.report.performanceUnavailableReason}`
            : ' (no labelled rows in the windows so far)'}
          .
        </Empty>
      </Panel>
    );
  }
  const last = withPerf.at(-1)!.report.performance!;
  return (
    <Panel
      title="Performance over time"
      id="performance"
      actions={last.drifted ? <Badge level="critical">degraded</Badge> : <Badge level="ok">holding</Badge>}
    >
      <TimeSeriesChart
        label="performance metric and label coverage over the reports"
        times={withPerf.map((r) => Date.parse(r.createdAt) / 1000)}
        series={[
          {
            label: `current ${last.metric}`,
            values: withPerf.map((r) => r.report.performance!.current),
            color: COLORS.current,
          },
          {
            label: `reference ${last.metric}`,
            values: withPerf.map((r) => r.report.performance!.reference),
            color: COLORS.reference,
            dash: [6, 4],
          },
          {
            label: 'label coverage',
            values: withPerf.map((r) => r.report.performance!.labelledCount / Math.max(1, r.report.currentRowCount)),
            color: COLORS.ok,
            scale: 'pct',
          },
        ]}
      />
      <p class="muted" data-reports={withPerf.length}>
        Latest: {last.metric} {num(last.reference)} → {num(last.current)} on{' '}
        {last.labelledCount.toLocaleString('en-US')} labelled rows ({last.test}, p = {num(last.pValue)}; degradation{' '}
        {num(last.degradation)} vs floor {num(last.minDegradation)}).
      </p>
    </Panel>
  );
}
