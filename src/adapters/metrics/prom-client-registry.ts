import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricLabels, MetricsRegistry } from '../../ports/metrics.js';

export interface PromClientRegistryOptions {
  /** prom-client's default metrics: process CPU, memory and file descriptors, event-loop lag, GC, heap. Default true. */
  readonly defaultMetrics?: boolean;
}

/** Labels in name order: prom-client writes them in the order given, and one order keeps the series text stable. */
function sorted(labels: MetricLabels): Record<string, string> {
  return Object.fromEntries(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

type AnyMetric = Counter<string> | Gauge<string> | Histogram<string>;

/**
 * The metrics port on prom-client: one Registry per service (not prom-client's global one, so that tests and
 * replicas composed in one process do not share series), plus the default process / Node.js metrics.
 */
export function createPromClientRegistry(options: PromClientRegistryOptions = {}): MetricsRegistry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const metrics = new Map<string, { metric: AnyMetric; type: string; labelNames: string }>();

  function metricOf<T extends AnyMetric>(
    type: 'counter' | 'gauge' | 'histogram',
    name: string,
    labelNames: readonly string[],
    create: (labelNames: string[]) => T,
  ): T {
    const names = [...labelNames].sort();
    const existing = metrics.get(name);
    if (existing !== undefined) {
      if (existing.type !== type) throw new Error(`metric ${name} is a ${existing.type}, not a ${type}`);
      if (existing.labelNames !== names.join(','))
        throw new Error(`metric ${name} has labels ${existing.labelNames}, not ${names.join(',')}`);
      return existing.metric as T;
    }
    const metric = create(names);
    registry.registerMetric(metric);
    metrics.set(name, { metric, type, labelNames: names.join(',') });
    return metric;
  }

  return {
    counter(name, help, labelNames) {
      const counter = metricOf(
        'counter',
        name,
        labelNames,
        (names) => new Counter({ name, help, labelNames: names, registers: [] }),
      );
      return {
        inc(labels: MetricLabels = {}, by = 1) {
          if (!(by >= 0)) throw new RangeError(`counter ${name} can only grow, got ${by}`);
          counter.inc(sorted(labels), by);
        },
      };
    },
    gauge(name, help, labelNames) {
      const gauge = metricOf(
        'gauge',
        name,
        labelNames,
        (names) => new Gauge({ name, help, labelNames: names, registers: [] }),
      );
      return {
        set: (labels, value) => gauge.set(sorted(labels), value),
        remove: (labels) => gauge.remove(sorted(labels)),
      };
    },
    histogram(name, help, labelNames, buckets) {
      const histogram = metricOf(
        'histogram',
        name,
        labelNames,
        (names) => new Histogram({ name, help, labelNames: names, buckets: [...buckets], registers: [] }),
      );
      return { observe: (labels, value) => histogram.observe(sorted(labels), value) };
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
