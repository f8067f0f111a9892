import { useState } from 'preact/hooks';
import { adminCall, enc } from '../api/client.js';
import { api } from '../api/queries.js';
import type { ModelVersion } from '../api/types.js';
import { ConfirmDialog } from '../components/dialogs.js';
import { ModelScopedPage } from '../components/model-picker.js';
import { Badge, DataTable, Empty, Loading } from '../components/ui.js';
import { num, time } from '../lib/format.js';
import { useLoad } from '../lib/hooks.js';

const SHOWN_METRICS = [
  'test.accuracy',
  'test.roc_auc',
  'test.rocAuc',
  'test.f1',
  'validation.accuracy',
  'accuracy',
  'roc_auc',
];

function metricsOf(v: ModelVersion): [string, number][] {
  const preferred = SHOWN_METRICS.filter((k) => k in v.metrics).map((k) => [k, v.metrics[k]] as [string, number]);
  return preferred.length > 0 ? preferred.slice(0, 4) : Object.entries(v.metrics).slice(0, 4);
}

type Action = { kind: 'promote'; version: ModelVersion } | { kind: 'rollback'; from: ModelVersion };

function Versions({ name }: { name: string }) {
  const versions = useLoad(() => api.versions(name), [name], ['model', 'retraining'], name);
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (versions.data === undefined) return <Loading error={versions.error} what="registry versions" />;
  if (versions.data.length === 0)
    return <Empty>No registered version of {name} yet (driftguard train --register, or a promoted retraining).</Empty>;
  const champion = versions.data.find((v) => v.aliases.includes('champion'));
  const previous = champion?.tags['driftguard.previous_champion'];
  return (
    <>
      <div class="toolbar">
        <span>
          Champion: <b>{champion === undefined ? 'none' : `version ${champion.version}`}</b>
        </span>
        <button
          type="button"
          class="danger"
          disabled={champion === undefined || !previous}
          title={previous ? `back to version ${previous}` : 'no earlier champion recorded'}
          onClick={() => champion && setAction({ kind: 'rollback', from: champion })}
        >
          ⟲ Roll back{previous ? ` to version ${previous}` : ''}…
        </button>
        {done !== null && (
          <span class="ok-text" role="status">
            ✔ {done}
          </span>
        )}
      </div>
      <DataTable
        label="registry versions"
        columns={['Version', 'Aliases', 'Created', 'Metrics', 'Promoted / rolled back', '']}
      >
        {versions.data.map((v) => (
          <tr data-version={v.version}>
            <td>
              <b>{v.version}</b> <span class="muted">{v.status}</span>
            </td>
            <td>
              {v.aliases.length === 0 ? (
                <span class="muted">—</span>
              ) : (
                v.aliases.map((a) => <Badge level={a === 'champion' ? 'ok' : 'info'}>{a}</Badge>)
              )}
            </td>
            <td>{time(v.createdAt)}</td>
            <td>
              {metricsOf(v).map(([k, x]) => (
                <div>
                  {k} <b>{num(x)}</b>
                </div>
              ))}
            </td>
            <td>
              {v.tags['driftguard.promoted_by'] && (
                <div>
                  ▲ promoted by <b>{v.tags['driftguard.promoted_by']}</b>{' '}
                  {v.tags['driftguard.promoted_at'] && time(v.tags['driftguard.promoted_at'])}
                  {v.tags['driftguard.promotion_reason'] && (
                    <div class="muted">“{v.tags['driftguard.promotion_reason']}”</div>
                  )}
                </div>
              )}
              {v.tags['driftguard.rolled_back_by'] && (
                <div>
                  ⟲ rolled back by <b>{v.tags['driftguard.rolled_back_by']}</b>{' '}
                  {v.tags['driftguard.rolled_back_at'] && time(v.tags['driftguard.rolled_back_at'])}
                  {v.tags['driftguard.rollback_reason'] && (
                    <div class="muted">“{v.tags['driftguard.rollback_reason']}”</div>
                  )}
                </div>
              )}
            </td>
            <td>
              {!v.aliases.includes('champion') && (
                <button type="button" onClick={() => setAction({ kind: 'promote', version: v })}>
                  Promote…
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {action !== null && (
        <ConfirmDialog
          title={action.kind === 'promote' ? `Promote version ${action.version.version}` : `Roll back ${name}`}
          confirmLabel={action.kind === 'promote' ? 'Promote' : 'Roll back'}
          askReason
          onClose={() => setAction(null)}
          onConfirm={async (key, reason) => {
            const moved =
              action.kind === 'promote'
                ? await adminCall<{ fromVersion: string | null; toVersion: string }>(
                    'POST',
                    `/v1/models/${enc(name)}/promote`,
                    key,
                    { version: action.version.version, reason },
                  )
                : await adminCall<{ fromVersion: string | null; toVersion: string }>(
                    'POST',
                    `/v1/models/${enc(name)}/rollback`,
                    key,
                    { reason },
                  );
            setDone(`champion moved from version ${moved.fromVersion ?? 'none'} to version ${moved.toVersion}`);
            versions.reload();
          }}
        >
          {action.kind === 'promote' ? (
            <p>
              Version {action.version.version} becomes the champion that serves predictions
              {champion ? `, replacing version ${champion.version}` : ''}. Its training data becomes the drift
              reference.
            </p>
          ) : (
            <p>
              The champion alias moves from version {action.from.version} back to version {previous}. Serving switches
              at once and drift is measured against that version's reference.
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}

export function RegistryPage({ model }: { model: string | null }) {
  return (
    <ModelScopedPage title="Registry" page="registry" model={model}>
      {(name) => <Versions name={name} />}
    </ModelScopedPage>
  );
}
