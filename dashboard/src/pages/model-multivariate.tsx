import type { DriftReportEnvelope, MonitoredModel } from '../api/types.js';
import { COLORS, TimeSeriesChart } from '../components/charts.js';
import { Badge, DataTable, Empty, Panel } from '../components/ui.js';
import { num, time } from '../lib/format.js';

type Multivariate = NonNullable<DriftReportEnvelope['report']['multivariate']>;

const STATISTIC: Record<Multivariate['method'], string> = {
  classifier: 'domain classifier ROC AUC',
  pca: 'PCA reconstruction error',
  mmd: 'MMD²',
};

/** The decision line(s) of a result drawn beside its statistic: the AUC floor, the PCA bounds (MMD has a p-value). */
function boundsOf(m: Multivariate): { label: string; value: number }[] {
  if (m.method === 'classifier') return [{ label: 'AUC floor', value: m.aucFloor }];
  if (m.method === 'pca')
    return [
      { label: 'upper bound', value: m.threshold },
      { label: 'lower bound', value: m.lowerBound },
    ];
  return [];
}

/**
 * The multivariate drift test over time (the model's `drift.multivariate`): its statistic per window it ran on, with
 * the decision bounds, why it did not run when it could not, and the features that carried each drifted window.
 */
export function MultivariatePanel({
  reports,
  model,
}: {
  reports: DriftReportEnvelope[];
  model: MonitoredModel | undefined;
}) {
  const configured = model?.definition.drift?.multivariate;
  const ran = reports.filter((r) => r.report.multivariate !== undefined);
  const due = reports.filter((r) => r.report.multivariate !== undefined || r.report.multivariateNotRun !== undefined);
  if (configured === undefined && due.length === 0) return null;
  const last = due.at(-1);
  const notRun = last?.report.multivariateNotRun;
  if (ran.length === 0) {
    return (
      <Panel title="Multivariate drift" id="multivariate">
        <Empty>
          {notRun !== undefined
            ? `The ${notRun.method} test could not run on report #${last!.id}: ${notRun.reason}.`
            : configured?.enabled === false
              ? 'The multivariate test is disabled (drift.multivariate.enabled = false).'
              : 'No multivariate result yet: the test runs on the next due window.'}
        </Empty>
      </Panel>
    );
  }
  const latest = ran.at(-1)!.report.multivariate!;
  const sameMethod = ran.filter((r) => r.report.multivariate!.method === latest.method);
  const drifted = ran.filter((r) => r.report.multivariate!.drifted).reverse();
  return (
    <Panel
      title="Multivariate drift"
      id="multivariate"
      actions={latest.drifted ? <Badge level="critical">joint drift</Badge> : <Badge level="ok">stable</Badge>}
    >
      <TimeSeriesChart
        label={`${STATISTIC[latest.method]} over ${sameMethod.length} windows`}
        times={sameMethod.map((r) => Date.parse(r.createdAt) / 1000)}
        series={[
          {
            label: STATISTIC[latest.method],
            values: sameMethod.map((r) => r.report.multivariate!.statistic),
            color: COLORS.line,
          },
          ...boundsOf(latest).map((b, i) => ({
            label: b.label,
            values: sameMethod.map((r) => boundsOf(r.report.multivariate!)[i]?.value ?? null),
            color: COLORS.high,
            dash: [6, 4],
          })),
          ...(latest.method === 'mmd'
            ? [
                {
                  label: 'p-value',
                  values: sameMethod.map((r) => r.report.multivariate!.pValue),
                  color: COLORS.reference,
                  scale: 'pct',
                },
              ]
            : []),
        ]}
      />
      <p class="muted" data-windows={sameMethod.length}>
        Latest ({latest.method}, report #{ran.at(-1)!.id}): statistic {num(latest.statistic)}
        {latest.pValue !== null && <>, p = {num(latest.pValue)}</>}, threshold {num(latest.threshold)} on{' '}
        {latest.currentRowCount.toLocaleString('en-US')} current vs {latest.referenceRowCount.toLocaleString('en-US')}{' '}
        reference rows.
        {notRun !== undefined && last !== ran.at(-1) && (
          <>
            {' '}
            Not run on report #{last!.id}: {notRun.reason}.
          </>
        )}
      </p>
      {drifted.length === 0 ? (
        <Empty>No window has drifted jointly so far.</Empty>
      ) : (
        <DataTable
          label="windows with multivariate drift and the features that carry it"
          columns={['Report', 'Time', 'Statistic', 'p-value', 'Top features (what changed)']}
        >
          {drifted.slice(0, 20).map((r) => {
            const m = r.report.multivariate!;
            return (
              <tr>
                <td>#{r.id}</td>
                <td>{time(r.createdAt)}</td>
                <td>{num(m.statistic)}</td>
                <td>{num(m.pValue)}</td>
                <td class="top-features">
                  {m.topFeatures.length === 0
                    ? '—'
                    : m.topFeatures.map((f) => `${f.name} (${num(f.importance)})`).join(', ')}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </Panel>
  );
}
