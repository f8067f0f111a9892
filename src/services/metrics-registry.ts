/** Label values of one time series, e.g. `{ model: 'credit-default' }`. */
export type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly buckets?: readonly number[];
  readonly series: Map<string, { labels: Labels; value: number; bucketCounts?: number[]; sum?: number }>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function renderLabels(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeLabel(labels[k])}"`);
  if (extra !== undefined) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return Number.isNaN(value) ? 'NaN' : String(value);
}

/**
 * A minimal Prometheus registry (counters, gauges, histograms with labels) rendered in the text exposition format
 * 0.0.4 for `GET /metrics`.
 */
export function createMetricsRegistry() {
  const families = new Map<string, Family>();

  function family(name: string, help: string, type: Family['type'], buckets?: readonly number[]): Family {
    if (!NAME.test(name)) throw new Error(`invalid metric name ${name}`);
    const existing = families.get(name);
    if (existing !== undefined) {
      if (existing.type !== type) throw new Error(`metric ${name} is a ${existing.type}, not a ${type}`);
      return existing;
    }
    const created: Family = { name, help, type, buckets, series: new Map() };
    families.set(name, created);
    return created;
  }

  function seriesOf(f: Family, labels: Labels) {
    const key = labelKey(labels);
    let s = f.series.get(key);
    if (s === undefined) {
      s = {
        labels: { ...labels },
        value: 0,
        ...(f.buckets === undefined ? {} : { bucketCounts: f.buckets.map(() => 0), sum: 0 }),
      };
      f.series.set(key, s);
    }
    return s;
  }

  return {
    counter(name: string, help: string) {
      const f = family(name, help, 'counter');
      return {
        inc(labels: Labels = {}, by = 1) {
          if (!(by >= 0)) throw new RangeError(`counter ${name} can only grow, got ${by}`);
          seriesOf(f, labels).value += by;
        },
      };
    },
    gauge(name: string, help: string) {
      const f = family(name, help, 'gauge');
      return {
        set(labels: Labels, value: number) {
          seriesOf(f, labels).value = value;
        },
        remove(labels: Labels) {
          f.series.delete(labelKey(labels));
        },
      };
    },
    histogram(name: string, help: string, buckets: readonly number[]) {
      const sorted = [...buckets].sort((a, b) => a - b);
      const f = family(name, help, 'histogram', sorted);
      return {
        observe(labels: Labels, value: number) {
          const s = seriesOf(f, labels);
          s.value += 1;
          s.sum! += value;
          sorted.forEach((upper, i) => {
            if (value <= upper) s.bucketCounts![i] += 1;
          });
        },
      };
    },
    /** The text exposition format; families in registration order. */
    render(): string {
      const lines: string[] = [];
      for (const f of families.values()) {
        lines.push(`# HELP ${f.name} ${f.help.replace(/\n/g, ' ')}`, `# TYPE ${f.name} ${f.type}`);
        for (const s of f.series.values()) {
          if (f.type !== 'histogram') {
            lines.push(`${f.name}${renderLabels(s.labels)} ${formatNumber(s.value)}`);
            continue;
          }
          f.buckets!.forEach((upper, i) =>
            lines.push(`${f.name}_bucket${renderLabels(s.labels, ['le', formatNumber(upper)])} ${s.bucketCounts![i]}`),
          );
          lines.push(`${f.name}_bucket${renderLabels(s.labels, ['le', '+Inf'])} ${s.value}`);
          lines.push(
            `${f.name}_sum${renderLabels(s.labels)} ${formatNumber(s.sum!)}`,
            `${f.name}_count${renderLabels(s.labels)} ${s.value}`,
          );
        }
      }
      return `${lines.join('\n')}\n`;
    },
  };
}

export type MetricsRegistry = ReturnType<typeof createMetricsRegistry>;
