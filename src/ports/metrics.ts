/** Label values of one time series, e.g. `{ model: 'credit-default' }`; the names are declared with the metric. */
export type MetricLabels = Readonly<Record<string, string>>;

export interface CounterMetric {
  /** Adds `by` (default 1, never negative) to the series of `labels`. */
  inc(labels?: MetricLabels, by?: number): void;
}

export interface GaugeMetric {
  set(labels: MetricLabels, value: number): void;
  /** Drops the series (it is no longer exported). */
  remove(labels: MetricLabels): void;
}

export interface HistogramMetric {
  observe(labels: MetricLabels, value: number): void;
}

/**
 * The Prometheus metrics the service exports at GET /metrics. Asking twice for a metric of the same name and type
 * returns the same metric; another type or other label names is an error.
 */
export interface MetricsRegistry {
  counter(name: string, help: string, labelNames: readonly string[]): CounterMetric;
  gauge(name: string, help: string, labelNames: readonly string[]): GaugeMetric;
  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): HistogramMetric;
  /** Every metric in the text exposition format. */
  render(): Promise<string>;
  /** The Content-Type of `render()`'s text. */
  readonly contentType: string;
}
