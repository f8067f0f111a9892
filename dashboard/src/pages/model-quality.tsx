import type { DriftReportEnvelope } from '../api/types.js';
import { Badge, DataTable, Empty, Panel } from '../components/ui.js';
import { cell, pct, time } from '../lib/format.js';
import { levelOfSeverity } from '../lib/severity.js';

/** Data-quality findings of the latest report (missing rates, unseen categories, out of range …). */
export function DataQualityPanel({ reports }: { reports: DriftReportEnvelope[] }) {
  const latest = reports.at(-1);
  if (latest === undefined) return <Empty>No drift report yet.</Empty>;
  const findings = latest.report.dataQuality;
  return (
    <Panel title={`Data quality — report #${latest.sequence} (${time(latest.createdAt)})`} id="data-quality">
      {findings.length === 0 ? (
        <Empty>✔ No data-quality finding in the latest window.</Empty>
      ) : (
        <DataTable
          label="data-quality findings"
          columns={['Severity', 'Column', 'Finding', 'Cells', 'Message', 'Examples']}
        >
          {findings.map((f) => (
            <tr>
              <td>
                <Badge level={levelOfSeverity(f.severity)}>{f.severity}</Badge>
              </td>
              <td>{f.column}</td>
              <td>{f.kind.replaceAll('_', ' ')}</td>
              <td>
                {f.count.toLocaleString('en-US')}{' '}
                <span class="muted">({pct(f.rowCount === 0 ? null : f.count / f.rowCount, 1)})</span>
              </td>
              <td>{f.message}</td>
              <td>{f.examples.map(cell).join(', ')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}
