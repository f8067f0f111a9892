import { describe, expect, it } from 'vitest';
import { createPromClientRegistry } from './prom-client-registry.js';

describe('the metrics port on prom-client', () => {
  it('renders counters, gauges and cumulative histograms with sorted labels in the text format', async () => {
    const r = createPromClientRegistry({ defaultMetrics: false });
    const rows = r.counter('driftguard_rows_logged_total', 'Prediction rows logged.', ['model']);
    rows.inc({ model: 'credit' }, 500);
    rows.inc({ model: 'credit' });
    r.gauge('driftguard_drift_share', 'Share of drifted features.', ['model']).set({ model: 'credit' }, 0.25);
    const latency = r.histogram(
      'driftguard_predict_seconds',
      'Latency of /predict.',
      ['route', 'method'],
      [0.005, 0.001, 0.01],
    );
    latency.observe({ route: '/p', method: 'POST' }, 0.0004);
    latency.observe({ route: '/p', method: 'POST' }, 0.007);
    latency.observe({ route: '/p', method: 'POST' }, 2);
    const text = await r.render();
    expect(text).toContain(
      '# TYPE driftguard_rows_logged_total counter\ndriftguard_rows_logged_total{model="credit"} 501',
    );
    expect(text).toContain('driftguard_drift_share{model="credit"} 0.25');
    for (const line of [
      'driftguard_predict_seconds_bucket{le="0.001",method="POST",route="/p"} 1',
      'driftguard_predict_seconds_bucket{le="0.005",method="POST",route="/p"} 1',
      'driftguard_predict_seconds_bucket{le="0.01",method="POST",route="/p"} 2',
      'driftguard_predict_seconds_bucket{le="+Inf",method="POST",route="/p"} 3',
      'driftguard_predict_seconds_sum{method="POST",route="/p"} 2.0074',
      'driftguard_predict_seconds_count{method="POST",route="/p"} 3',
    ])
      expect(text).toContain(line);
    expect(r.contentType).toMatch(/^text\/plain; version=0.0.4/);
  });

  it('escapes label values, removes gauge series, and refuses negative increments and clashing re-declarations', async () => {
    const r = createPromClientRegistry({ defaultMetrics: false });
    const g = r.gauge('g', 'h', ['feature']);
    g.set({ feature: 'a"b\\c\nd' }, 1);
    g.set({ feature: 'gone' }, 2);
    g.remove({ feature: 'gone' });
    const text = await r.render();
    expect(text).toContain('g{feature="a\\"b\\\\c\\nd"} 1');
    expect(text).not.toContain('gone');
    expect(r.gauge('g', 'h', ['feature'])).toBeDefined();
    expect(() => r.counter('g', 'x', ['feature'])).toThrow(/is a gauge/);
    expect(() => r.gauge('g', 'x', ['model'])).toThrow(/has labels/);
    expect(() => r.counter('c', 'x', []).inc({}, -1)).toThrow(/only grow/);
  });

  it('exports the default process and Node.js metrics: CPU, memory, event-loop lag, GC', async () => {
    const text = await createPromClientRegistry().render();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      expect(text).toContain(`# TYPE ${name}`);
  });
});
