import { api } from '../api/queries.js';
import type { DriftReportEnvelope, WindowPerformance } from '../api/types.js';
import { COLORS, TimeSeriesChart } from '../components/charts.js';
import { Badge, Empty, Loading, Panel } from '../components/ui.js';
import { num } from '../lib/format.js';
import { useLoad } from '../lib/hooks.js';

const GRADE_WORDS: Record<string, string> = {
  'performance-drop': 'estimated drop',
  'no-measurable-impact': 'no measurable impact',
  'no-drift': 'no drift',
  'not-estimated': 'not estimated',
};

/** One metric's estimate with its band and threshold and the realized value, per window (oldest first). */
function EstimatedMetricChart({ windows, metric }: { windows: WindowPerformance[]; metric: string }) {
  const of = (w: WindowPerformance) => w.estimated?.find((m) => m.metric === metric) ?? null;
  return (
    <TimeSeriesChart
      label={`estimated vs realized ${metric} over ${windows.length} windows, with the confidence band and threshold`}
      times={windows.map((w) => Date.parse(w.windowEnd) / 1000)}
      series={[
        { label: `estimated ${metric}`, values: windows.map((w) => of(w)?.value ?? null), color: COLORS.line },
        {
          label: 'band lower',
          values: windows.map((w) => of(w)?.lower ?? null),
          color: COLORS.line,
          dash: [2, 3],
        },
        {
          label: 'band upper',
          values: windows.map((w) => of(w)?.upper ?? null),
          color: COLORS.line,
          dash: [2, 3],
        },
        {
          label: `realized ${metric}`,
          values: windows.map((w) => w.realized?.values[metric] ?? null),
          color: COLORS.current,
        },
        {
          label: 'threshold',
          values: windows.map((w) => of(w)?.threshold ?? null),
          color: COLORS.high,
          dash: [6, 4],
        },
      ]}
    />
  );
}

/**
 * Performance estimated from the scores before labels arrive (CBPE), with its band and alert threshold, and the
 * realized performance beside it once labels are in; the impact grade of the latest window.
 */
export function EstimatedPerformancePanel({ name }: { name: string }) {
  const loaded = useLoad(() => api.estimatedPerformance(name), [name], ['drift_report'], name);
  if (loaded.data === undefined)
    return (
      <Panel title="Estimated performance" id="estimated-performance">
        <Loading error={loaded.error} what="estimated performance" />
      </Panel>
    );
  const windows = loaded.data.filter((w) => w.estimated !== null);
  const latest = loaded.data.at(-1);
  if (windows.length === 0)
    return (
      <Panel title="Estimated performance" id="estimated-performance">
        <Empty>
          No estimate yet{latest?.unavailableReason ? `: ${latest.unavailableReason}` : ' (no window evaluated so far)'}
          .
        </Empty>
      </Panel>
    );
  const last = windows.at(-1)!;
  const metrics = last.estimated!.map((m) => m.metric);
  const grade = last.impact?.grade ?? 'not-estimated';
  const warnings = windows.flatMap((w) => w.realized?.warnings ?? []);
  return (
    <Panel
      title="Estimated performance"
      id="estimated-performance"
      actions={
        <Badge level={grade === 'performance-drop' ? 'critical' : grade === 'no-measurable-impact' ? 'warning' : 'ok'}>
          {GRADE_WORDS[grade] ?? grade}
        </Badge>
      }
    >
      {metrics.map((metric) => (
        <EstimatedMetricChart windows={windows} metric={metric} />
      ))}
      <p class="muted" data-windows={windows.length}>
        Latest window:{' '}
        {last
          .estimated!.map(
            (m) => `${m.metric} ${num(m.value)} [${num(m.lower)}, ${num(m.upper)}] vs threshold ${num(m.threshold)}`,
          )
          .join('; ')}
        {last.realized === null
          ? ' — no label yet.'
          : ` — realized on ${last.realized.labelledRows.toLocaleString('en-US')} labelled rows: ${metrics.map((m) => `${m} ${num(last.realized!.values[m] ?? null)}`).join(', ')}.`}{' '}
        {last.impact?.reason}
      </p>
      {warnings.length > 0 && (
        <p class="error" role="status">
          {warnings.length} realized value(s) outside the estimate's band (concept shift): {warnings[0].message}
        </p>
      )}
    </Panel>
  );
}

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
