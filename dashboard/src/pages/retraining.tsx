import { useState } from 'preact/hooks';
import { adminCall, enc } from '../api/client.js';
import { api } from '../api/queries.js';
import type { JobMetricSet, RetrainingJob, RetrainingJobStatus } from '../api/types.js';
import { ConfirmDialog } from '../components/dialogs.js';
import { ModelScopedPage } from '../components/model-picker.js';
import { Badge, DataTable, Empty, Loading } from '../components/ui.js';
import { num, pct, time } from '../lib/format.js';
import { href, useLoad } from '../lib/hooks.js';
import type { Level } from '../lib/severity.js';

export function jobLevel(status: RetrainingJobStatus): Level {
  if (status === 'promoted') return 'ok';
  if (status === 'failed') return 'critical';
  if (status === 'rejected' || status === 'deferred') return 'warning';
  return 'info';
}

const METRICS: [keyof JobMetricSet, string, boolean][] = [
  ['accuracy', 'accuracy', true],
  ['rocAuc', 'ROC AUC', true],
  ['f1', 'F1', true],
  ['logLoss', 'log loss', false],
];

function MetricsTable({ job }: { job: RetrainingJob }) {
  const m = job.metrics!;
  const better = (a: number | null, b: number | null | undefined, higher: boolean) =>
    a === null || b === null || b === undefined ? '' : a === b ? '=' : a > b === higher ? '▲ better' : '▼ worse';
  return (
    <DataTable
      label="challenger vs champion metrics"
      columns={[
        'Metric',
        'Challenger (validation)',
        'Challenger (test)',
        'Champion (same test)',
        'Challenger vs champion',
        ...(m.referenceHoldout ? ['Old reference holdout (challenger / champion)'] : []),
      ]}
    >
      {METRICS.map(([key, label, higher]) => (
        <tr>
          <td>{label}</td>
          <td>{num(m.challenger.validation?.[key] ?? null)}</td>
          <td>{num(m.challenger.test[key])}</td>
          <td>{m.champion === null ? <span class="muted">no champion</span> : num(m.champion.test[key])}</td>
          <td>{better(m.challenger.test[key], m.champion?.test[key], higher)}</td>
          {m.referenceHoldout && (
            <td>
              {num(m.referenceHoldout.challenger[key])} / {num(m.referenceHoldout.champion?.[key] ?? null)}
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}

/** One job told as a story: trigger → deferral or training → metrics → decision → tracking links. */
function JobStory({ job }: { job: RetrainingJob }) {
  const t = job.trigger;
  return (
    <article class={`story status-${job.status}`} data-job={job.id} data-status={job.status}>
      <header class="story-head">
        <h2>
          <Badge level={jobLevel(job.status)}>{job.status}</Badge> {time(job.createdAtMs)}
        </h2>
        <span class="muted mono">{job.id.slice(0, 8)}</span>
      </header>
      <p>
        <b>Trigger:</b> {t.kind === 'drift' ? 'drift' : t.kind}
        {t.driftReportId !== undefined && (
          <>
            {' '}
            (report <a href={href('models', job.model)}>#{t.driftReportId}</a>
            {t.severity !== undefined && <>, severity {t.severity}</>}
            {t.driftShare !== undefined && <>, share {pct(t.driftShare)}</>})
          </>
        )}{' '}
        — {t.reason}
      </p>
      {job.deferral !== undefined && (
        <div class="callout level-warning">
          <b>▲ Deferred:</b> {job.deferral.reason}
          <div class="muted">
            {job.deferral.labeledRows.toLocaleString('en-US')} of {job.deferral.minLabeledRows.toLocaleString('en-US')}{' '}
            labelled rows needed · label coverage {pct(job.deferral.labelCoverage, 1)} · per class{' '}
            {Object.entries(job.deferral.perClass)
              .map(([c, n]) => `${c}: ${n}/${job.deferral!.minPerClass}`)
              .join(', ')}
          </div>
        </div>
      )}
      <ol class="steps">
        {job.steps.map((s) => (
          <li>
            <span class="step-time">{time(s.atMs)}</span> <Badge level={jobLevel(s.status)}>{s.status}</Badge>{' '}
            {s.message}
          </li>
        ))}
      </ol>
      {job.data !== undefined && (
        <p class="muted">
          Data: {job.data.trainRows.toLocaleString('en-US')} train / {job.data.validationRows.toLocaleString('en-US')}{' '}
          validation / {job.data.testRows.toLocaleString('en-US')} test rows from {time(job.data.fromMs)} to{' '}
          {time(job.data.toMs)}
          {job.data.referenceRows > 0 && <>, plus {job.data.referenceRows.toLocaleString('en-US')} reference rows</>}.
        </p>
      )}
      {job.metrics !== undefined && <MetricsTable job={job} />}
      {job.decision !== undefined && (
        <p class={`callout level-${job.decision.promote ? 'ok' : 'warning'}`}>
          <b>{job.decision.promote ? '✔ Promoted' : '✖ Not promoted'}:</b> {job.decision.reason}
        </p>
      )}
      {job.error !== undefined && (
        <p class="callout level-critical">
          <b>✖ Failed:</b> {job.error}
        </p>
      )}
      {job.tracking !== undefined && (
        <p>
          MLflow run{' '}
          {job.tracking.runUrl !== undefined ? (
            <a href={job.tracking.runUrl} target="_blank" rel="noopener noreferrer">
              {job.tracking.runId}
            </a>
          ) : (
            <span class="mono">{job.tracking.runId}</span>
          )}
          {job.tracking.registeredVersion !== undefined && (
            <>
              {' '}
              · registered <a href={href('registry', job.model)}>version {job.tracking.registeredVersion}</a>
            </>
          )}
        </p>
      )}
    </article>
  );
}

function Jobs({ name }: { name: string }) {
  const jobs = useLoad(() => api.retrainingJobs(name), [name], ['retraining', 'model'], name);
  const [asking, setAsking] = useState(false);
  if (jobs.data === undefined) return <Loading error={jobs.error} what="retraining jobs" />;
  if (jobs.data === null) return <Empty>This driftguard server has no retraining routes.</Empty>;
  return (
    <>
      <div class="toolbar">
        <button type="button" onClick={() => setAsking(true)}>
          Retrain now…
        </button>
      </div>
      {jobs.data.length === 0 ? (
        <Empty>No retraining job yet for {name}.</Empty>
      ) : (
        jobs.data.map((j) => <JobStory job={j} key={j.id} />)
      )}
      {asking && (
        <ConfirmDialog
          title={`Retrain ${name}`}
          confirmLabel="Start retraining"
          askReason
          onClose={() => setAsking(false)}
          onConfirm={async (key, reason) => {
            await adminCall('POST', `/v1/models/${enc(name)}/retraining`, key, { reason });
            jobs.reload();
          }}
        >
          <p>
            Starts a retraining job now. It is deferred if there are not enough labelled rows, and the challenger is
            promoted only if it beats the champion.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

export function RetrainingPage({ model }: { model: string | null }) {
  return (
    <ModelScopedPage title="Retraining" page="retraining" model={model}>
      {(name) => <Jobs name={name} />}
    </ModelScopedPage>
  );
}
