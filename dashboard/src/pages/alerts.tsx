import { useState } from 'preact/hooks';
import { adminCall, enc } from '../api/client.js';
import { api } from '../api/queries.js';
import type { Alert, AlertDelivery } from '../api/types.js';
import { ConfirmDialog } from '../components/dialogs.js';
import { Badge, DataTable, Empty, Loading, Panel, SeverityBadge } from '../components/ui.js';
import { ago, time } from '../lib/format.js';
import { href, useLoad } from '../lib/hooks.js';
import { LEVEL_ICON, levelOfSeverity } from '../lib/severity.js';

const STATUS_ICON: Record<Alert['status'], string> = { firing: '●', acknowledged: '◑', resolved: '✓' };

/** Alerts over time: one bar per alert from first sight to resolution (or now); the pattern says the status. */
function Timeline({ alerts, nowMs }: { alerts: Alert[]; nowMs: number }) {
  const shown = alerts.slice(0, 30);
  if (shown.length === 0) return null;
  const start = Math.min(...shown.map((a) => Date.parse(a.firstSeen)));
  const span = Math.max(60_000, nowMs - start);
  const W = 800;
  const row = 22;
  const left = 190;
  const x = (t: number) => left + ((t - start) / span) * (W - left - 10);
  return (
    <svg
      class="timeline"
      viewBox={`0 0 ${W} ${shown.length * row + 24}`}
      role="img"
      aria-label={`timeline of ${shown.length} alerts`}
    >
      <defs>
        <pattern id="ack" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="var(--bg)" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="3" />
        </pattern>
      </defs>
      {shown.map((a, i) => {
        const end = a.resolvedAt === null ? nowMs : Date.parse(a.resolvedAt);
        const level = levelOfSeverity(a.peakSeverity);
        return (
          <g class={`tl-row level-${level} status-${a.status}`} transform={`translate(0 ${i * row})`}>
            <text x="4" y="15" class="tick">
              {`${LEVEL_ICON[level]} ${a.model} · ${a.kind.replace('_', ' ')}`.slice(0, 30)}
            </text>
            <rect
              x={x(Date.parse(a.firstSeen))}
              y="4"
              width={Math.max(3, x(end) - x(Date.parse(a.firstSeen)))}
              height="14"
              rx="3"
              class="tl-bar"
            >
              <title>{`${a.summary} — ${a.status}, ${time(a.firstSeen)} → ${a.resolvedAt === null ? 'now' : time(a.resolvedAt)}`}</title>
            </rect>
          </g>
        );
      })}
      <text x={left} y={shown.length * row + 18} class="tick">
        {time(start)}
      </text>
      <text x={W - 10} y={shown.length * row + 18} class="tick" text-anchor="end">
        now
      </text>
    </svg>
  );
}

function DeliverySummary({ deliveries }: { deliveries: AlertDelivery[] }) {
  if (deliveries.length === 0) return <span class="muted">no sink</span>;
  const ok = deliveries.filter((d) => d.outcome === 'delivered').length;
  const failed = deliveries.length - ok;
  return (
    <span
      title={deliveries
        .map(
          (d) =>
            `${d.sink} ${d.event} #${d.attempt}: ${d.outcome}${d.httpStatus ? ` (${d.httpStatus})` : ''}${d.error ? ` ${d.error}` : ''}`,
        )
        .join('\n')}
    >
      ✔ {ok} delivered{failed > 0 && <> · ✖ {failed} failed</>}
    </span>
  );
}

/** Loads one alert's deliveries when the row asks for them (not one request per listed alert on every refresh). */
function Deliveries({ alertId }: { alertId: string }) {
  const [deliveries, setDeliveries] = useState<AlertDelivery[] | 'loading' | Error | null>(null);
  if (deliveries === null)
    return (
      <button
        type="button"
        class="link"
        onClick={() => {
          setDeliveries('loading');
          api.alert(alertId).then(
            (d) => setDeliveries(d.deliveries),
            (error: Error) => setDeliveries(error),
          );
        }}
      >
        Show
      </button>
    );
  if (deliveries === 'loading') return <span class="muted">…</span>;
  if (deliveries instanceof Error) return <span class="error">✖ {deliveries.message}</span>;
  return <DeliverySummary deliveries={deliveries} />;
}

export function AlertsPage({ focus }: { focus: string | null }) {
  const [status, setStatus] = useState('');
  const [model, setModel] = useState('');
  const [ack, setAck] = useState<Alert | null>(null);
  const models = useLoad(api.models, [], ['model']);
  const alerts = useLoad(
    async () => ({
      items: await api.alerts({ status: status || undefined, model: model || undefined, limit: 100 }),
      nowMs: Date.now(),
    }),
    [status, model],
    ['alert', 'drift_report'],
  );
  return (
    <div>
      <header class="page-head">
        <h1>Alerts</h1>
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            Model
            <select name="model" value={model} onChange={(e) => setModel((e.target as HTMLSelectElement).value)}>
              <option value="">all</option>
              {models.data?.map((m) => (
                <option value={m.definition.name}>{m.definition.name}</option>
              ))}
            </select>
          </label>
          <label>
            Status
            <select name="status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
              <option value="">all</option>
              <option value="firing">firing</option>
              <option value="acknowledged">acknowledged</option>
              <option value="resolved">resolved</option>
            </select>
          </label>
        </form>
      </header>
      {alerts.data === undefined ? (
        <Loading error={alerts.error} what="alerts" />
      ) : alerts.data.items.length === 0 ? (
        <Empty>✔ No alert{status ? ` with status ${status}` : ''}.</Empty>
      ) : (
        <>
          <Panel title="Timeline" id="alert-timeline">
            <Timeline alerts={alerts.data.items} nowMs={alerts.data.nowMs} />
            <p class="legend">
              Bars run from first sight to resolution (or now): solid = firing, striped = acknowledged, outlined =
              resolved.
            </p>
          </Panel>
          <Panel title={`Alerts (${alerts.data.items.length})`} id="alert-table">
            <DataTable
              label="alerts"
              columns={['Severity', 'Status', 'Model', 'Kind', 'Summary', 'First seen', 'Last seen', 'Deliveries', '']}
            >
              {alerts.data.items.map((a) => (
                <tr key={a.id} data-alert={a.id} data-status={a.status} class={focus === a.id ? 'selected' : ''}>
                  <td>
                    <SeverityBadge severity={a.severity} />
                    {a.peakSeverity !== a.severity && <span class="muted"> peak {a.peakSeverity}</span>}
                  </td>
                  <td>
                    {STATUS_ICON[a.status]} {a.status}
                    {a.acknowledgedBy !== null && <span class="muted"> by {a.acknowledgedBy}</span>}
                  </td>
                  <td>
                    <a href={href('models', a.model)}>{a.model}</a>
                  </td>
                  <td>{a.kind.replace('_', ' ')}</td>
                  <td>{a.summary}</td>
                  <td title={time(a.firstSeen)}>{ago(a.firstSeen, alerts.data!.nowMs)}</td>
                  <td title={time(a.lastSeen)}>{ago(a.lastSeen, alerts.data!.nowMs)}</td>
                  <td>
                    <Deliveries alertId={a.id} />
                  </td>
                  <td>
                    {a.status === 'firing' && (
                      <button type="button" onClick={() => setAck(a)}>
                        Acknowledge
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          </Panel>
        </>
      )}
      {ack !== null && (
        <ConfirmDialog
          title="Acknowledge alert"
          confirmLabel="Acknowledge"
          askReason={false}
          onClose={() => setAck(null)}
          onConfirm={async (key) => {
            await adminCall('POST', `/v1/alerts/${enc(ack.id)}/acknowledge`, key);
            alerts.reload();
          }}
        >
          <p>
            <Badge level={levelOfSeverity(ack.severity)}>{ack.severity}</Badge> {ack.model}: {ack.summary}
          </p>
          <p class="muted">
            Acknowledging stops repeat notifications; the alert still resolves by itself when drift ends.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
