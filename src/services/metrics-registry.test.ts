import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './metrics-registry.js';

describe('metrics registry', () => {
  it('renders counters, gauges and cumulative histograms in the Prometheus text format', () => {
    const r = createMetricsRegistry();
    const rows = r.counter('driftguard_rows_logged_total', 'Prediction rows logged.');
    rows.inc({ model: 'credit' }, 500);
    rows.inc({ model: 'credit' });
    r.gauge('driftguard_drift_share', 'Share of drifted features in the latest window.').set({ model: 'credit' }, 0.25);
    const latency = r.histogram('driftguard_predict_seconds', 'Latency of /predict.', [0.005, 0.001, 0.01]);
    latency.observe({ model: 'credit' }, 0.0004);
    latency.observe({ model: 'credit' }, 0.007);
    latency.observe({ model: 'credit' }, 2);
    expect(r.render()).toBe(
      [
        '# HELP driftguard_rows_logged_total Prediction rows logged.',
        '# TYPE driftguard_rows_logged_total counter',
        'driftguard_rows_logged_total{model="credit"} 501',
        '# HELP driftguard_drift_share Share of drifted features in the latest window.',
        '# TYPE driftguard_drift_share gauge',
        'driftguard_drift_share{model="credit"} 0.25',
        '# HELP driftguard_predict_seconds Latency of /predict.',
        '# TYPE driftguard_predict_seconds histogram',
        'driftguard_predict_seconds_bucket{model="credit",le="0.001"} 1',
        'driftguard_predict_seconds_bucket{model="credit",le="0.005"} 1',
        'driftguard_predict_seconds_bucket{model="credit",le="0.01"} 2',
        'driftguard_predict_seconds_bucket{model="credit",le="+Inf"} 3',
        'driftguard_predict_seconds_sum{model="credit"} 2.0074',
        'driftguard_predict_seconds_count{model="credit"} 3',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values and refuses bad names, type clashes and negative increments', () => {
    const r = createMetricsRegistry();
    r.gauge('g', 'h').set({ feature: 'a"b\\c\nd' }, 1);
    expect(r.render()).toContain('g{feature="a\\"b\\\\c\\nd"} 1');
    expect(() => r.counter('bad name', 'x')).toThrow(/invalid metric name/);
    expect(() => r.counter('g', 'x')).toThrow(/is a gauge/);
    expect(() => r.counter('c', 'x').inc({}, -1)).toThrow(/only grow/);
  });
});
