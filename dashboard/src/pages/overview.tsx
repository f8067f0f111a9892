import { api } from '../api/queries.js';
import type {
  Alert,
  DriftReportEnvelope,
  ModelVersion,
  MonitoredModel,
  PredictionLogPage,
  RetrainingJob,
} from '../api/types.js';
import { Sparkline } from '../components/charts.js';
import { Badge, Empty, Loading, SeverityBadge } from '../components/ui.js';
import { ago, pct } from '../lib/format.js';
import { href, useLoad } from '../lib/hooks.js';
import { healthOf } from '../lib/severity.js';
import { jobLevel } from './retraining.js';

interface CardData {
  reports: DriftReportEnvelope[];
  firing: Alert[];
  versions: ModelVersion[];
  jobs: RetrainingJob[] | null;
}

const RATE_MINUTES = 5;

async function loadCard(name: string): Promise<CardData> {
  const [reports, firing, versions, jobs] = await Promise.all([
    api.reports(name, 30),
    api.alerts({ model: name, status: 'firing' }),
    api.versions(name).catch(() => []),
    api.retrainingJobs(name, 1).catch(() => null),
  ]);
  return { reports, firing, versions, jobs };
}

/** The last minutes of the log (up to 1,000 rows) for the prediction rate; its `counts` cover the whole log (label coverage). */
const loadRecent = (name: string): Promise<PredictionLogPage> =>
  api.predictions(name, { limit: 1000, fromMs: Date.now() - RATE_MINUTES * 60_000 });

function ModelCard({ model }: { model: MonitoredModel }) {
  const name = model.definition.name;
  // Reports, alerts, jobs and champion changes reload at once; a stream of logged predictions at most every 5 s.
  const { data, error } = useLoad(() => loadCard(name), [name], ['drift_report', 'alert', 'retraining', 'model'], name);
  const rate = useLoad(() => loadRecent(name), [name], ['predictions_logged'], name, 5000);
  if (data === undefined) {
    return (
      <article class="card">
        <h2>{name}</h2>
        <Loading error={error} what={name} />
      </article>
    );
  }
  const latest = data.reports.at(-1) ?? null;
  const health = healthOf(latest, data.firing);
  const champion = data.versions.find((v) => v.aliases.includes('champion'));
  const job = data.jobs?.[0];
  const recent = rate.data?.items.length;
  const counts = rate.data?.counts;
  const perMinute = recent === undefined ? null : recent / RATE_MINUTES;
  const coverage = counts === undefined || counts.total === 0 ? null : counts.labeled / counts.total;
  return (
    <article class={`card health-${health.level}`} data-model={name}>
      <header class="card-head">
        <h2>
          <a href={href('models', name)}>{name}</a>
        </h2>
        <Badge level={health.level} title={health.why}>
          {health.word}
        </Badge>
      </header>
      <p class="muted why">{health.why}</p>
      {data.reports.length > 1 ? (
        <Sparkline
          times={data.reports.map((r) => Date.parse(r.createdAt) / 1000)}
          values={data.reports.map((r) => r.driftShare)}
          label={`${name}: drift share of the last ${data.reports.length} reports`}
        />
      ) : (
        <div class="spark-empty muted">{data.reports.length === 1 ? 'one report so far' : 'no drift report yet'}</div>
      )}
      <dl class="facts">
        <dt>Drift share</dt>
        <dd>
          {latest === null ? (
            '—'
          ) : (
            <>
              {pct(latest.driftShare)} <SeverityBadge severity={latest.severity} />
            </>
          )}
        </dd>
        <dt>Champion</dt>
        <dd>
          {champion === undefined ? 'none registered' : <a href={href('registry', name)}>version {champion.version}</a>}
        </dd>
        <dt>Firing alerts</dt>
        <dd>
          <a href={href('alerts')}>
            {data.firing.length === 0
              ? 'none'
              : data.firing.map((a) => `${a.kind.replace('_', ' ')} (${a.severity})`).join(', ')}
          </a>
        </dd>
        <dt>Last retraining</dt>
        <dd>
          {data.jobs === null ? (
            'not available'
          ) : job === undefined ? (
            'none yet'
          ) : (
            <a href={href('retraining', name)}>
              <Badge level={jobLevel(job.status)}>{job.status}</Badge> {ago(job.updatedAtMs)}
            </a>
          )}
        </dd>
        <dt>Prediction rate</dt>
        <dd>
          {perMinute === null ? (
            '—'
          ) : (
            <>
              {recent! >= 1000 ? '≥ ' : ''}
              {perMinute.toFixed(perMinute < 10 ? 1 : 0)} / min <span class="muted">(last {RATE_MINUTES} min)</span>
            </>
          )}
        </dd>
        <dt>Label coverage</dt>
        <dd>
          {pct(coverage, 1)} <span class="muted">of {(counts?.total ?? 0).toLocaleString('en-US')} logged</span>
        </dd>
      </dl>
    </article>
  );
}

export function OverviewPage() {
  const { data, error } = useLoad(api.models, [], ['model']);
  if (data === undefined) return <Loading error={error} what="models" />;
  if (data.length === 0)
    return <Empty>No monitored model yet. Create one with POST /v1/models or the configuration file.</Empty>;
  return (
    <div class="cards">
      {data.map((m) => (
        <ModelCard model={m} key={m.definition.name} />
      ))}
    </div>
  );
}
