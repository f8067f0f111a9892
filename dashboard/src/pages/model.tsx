import { api } from '../api/queries.js';
import type { DriftReportEnvelope, MonitoredModel } from '../api/types.js';
import { type Bands, DriftShareChart } from '../components/charts.js';
import { DriftHeatmap } from '../components/heatmap.js';
import { Badge, DataTable, Empty, Loading, Panel, SeverityBadge } from '../components/ui.js';
import { num, pct, time } from '../lib/format.js';
import { href, useLoad } from '../lib/hooks.js';
import { healthOf } from '../lib/severity.js';
import { FeaturePanel } from './model-feature.js';
import { MultivariatePanel } from './model-multivariate.js';
import { EstimatedPerformancePanel, PerformancePanel } from './model-performance.js';
import { PredictionLogPanel } from './model-predictions.js';
import { DataQualityPanel } from './model-quality.js';

const TABS = [
  ['drift', 'Drift'],
  ['quality', 'Data quality'],
  ['performance', 'Performance'],
  ['predictions', 'Prediction log'],
] as const;

/** Severity thresholds of the model (its definition, else the service defaults 0 / 0.25 / 0.5). */
export function bandsOf(model: MonitoredModel | undefined): Bands {
  const s = model?.definition.drift?.severity ?? {};
  return { low: s.low ?? 0, medium: s.medium ?? 0.25, high: s.high ?? 0.5 };
}

/** Why there is no report yet, as the server says it (no reference and how to give one, or the first window). */
function NoReportYet({ name }: { name: string }) {
  const status = useLoad(() => api.monitoring(name), [name], ['model', 'predictions_logged'], name, 2000);
  return (
    <Empty>
      No drift report yet:{' '}
      {status.data?.message ?? 'reports appear once the model has a reference and its first window of predictions.'}
    </Empty>
  );
}

function DriftTab({
  name,
  reports,
  model,
  feature,
}: {
  name: string;
  reports: DriftReportEnvelope[];
  model: MonitoredModel | undefined;
  feature: string | null;
}) {
  const latest = reports.at(-1);
  if (latest === undefined) return <NoReportYet name={name} />;
  const select = (f: string) => (location.hash = href('models', name, 'features', f));
  return (
    <>
      <Panel title="Drift share over time" id="drift-share">
        <DriftShareChart
          times={reports.map((r) => Date.parse(r.createdAt) / 1000)}
          shares={reports.map((r) => r.driftShare)}
          bands={bandsOf(model)}
        />
        <p class="muted">
          Latest report #{latest.sequence} ({time(latest.createdAt)}): {latest.report.driftedFeatureCount} of{' '}
          {latest.report.testedFeatureCount} features drifted, share {pct(latest.driftShare)} —{' '}
          <SeverityBadge severity={latest.severity} />
        </p>
      </Panel>
      <MultivariatePanel reports={reports} model={model} />
      <Panel title="Drift score by feature and window" id="heatmap">
        <DriftHeatmap reports={reports} onSelect={select} selected={feature} />
      </Panel>
      {feature !== null && <FeaturePanel name={feature} reports={reports} />}
      <Panel title="Features in the latest window" id="features">
        <DataTable
          label="features of the latest report"
          columns={['Feature', 'Verdict', 'Test', 'Statistic', 'p-value (adj.)', 'Effect size', 'Threshold']}
        >
          {latest.report.features.map((f) => (
            <tr class={feature === f.name ? 'selected' : ''}>
              <td>
                <a href={href('models', name, 'features', f.name)}>{f.name}</a> <span class="muted">{f.kind}</span>
              </td>
              <td>
                {f.status !== 'tested' ? (
                  <Badge level="unknown">not tested</Badge>
                ) : f.drifted ? (
                  <Badge level="critical">drifted</Badge>
                ) : (
                  <Badge level="ok">stable</Badge>
                )}
              </td>
              <td>{f.test}</td>
              <td>{num(f.statistic ?? f.distance)}</td>
              <td>{num(f.adjustedPValue)}</td>
              <td>
                {num(f.effectSize)} <span class="muted">{f.effectSizeName ?? ''}</span>
              </td>
              <td>
                {f.direction === 'p_value_below' ? 'p <' : 'distance >'} {num(f.threshold)}
                {f.effectSizeThreshold !== undefined && (
                  <span class="muted">; effect ≥ {num(f.effectSizeThreshold)}</span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </Panel>
    </>
  );
}

export function ModelPage({ name, tab, feature }: { name: string; tab: string; feature: string | null }) {
  const model = useLoad(() => api.model(name), [name], ['model'], name);
  const reports = useLoad(() => api.reports(name, 200), [name], ['drift_report'], name);
  const firing = useLoad(() => api.alerts({ model: name, status: 'firing' }), [name], ['alert'], name);
  const current = feature !== null ? 'drift' : tab;
  const latest = reports.data?.at(-1) ?? null;
  const health = reports.data === undefined || firing.data === undefined ? null : healthOf(latest, firing.data);
  return (
    <div class="model-page">
      <header class="page-head">
        <h1>
          {name}{' '}
          {health !== null && (
            <Badge level={health.level} title={health.why}>
              {health.word}
            </Badge>
          )}
        </h1>
        {model.data?.definition.description && <p class="muted">{model.data.definition.description}</p>}
        <nav class="tabs" aria-label="model sections">
          {TABS.map(([id, label]) => (
            <a
              href={id === 'drift' ? href('models', name) : href('models', name, id)}
              aria-current={current === id ? 'page' : undefined}
            >
              {label}
            </a>
          ))}
          <a href={href('retraining', name)}>Retraining</a>
          <a href={href('registry', name)}>Registry</a>
        </nav>
      </header>
      {reports.data === undefined ? (
        <Loading error={reports.error ?? model.error} what="drift reports" />
      ) : current === 'quality' ? (
        <DataQualityPanel reports={reports.data} />
      ) : current === 'performance' ? (
        <>
          <EstimatedPerformancePanel name={name} />
          <PerformancePanel reports={reports.data} />
        </>
      ) : current === 'predictions' ? (
        <PredictionLogPanel name={name} />
      ) : (
        <DriftTab name={name} reports={reports.data} model={model.data} feature={feature} />
      )}
    </div>
  );
}
