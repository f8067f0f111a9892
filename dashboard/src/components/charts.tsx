import type uPlot from 'uplot';
import type { AlignedData, Options } from 'uplot';
import { UPlotChart } from './uplot-chart.js';

/** Colours shared with styles.css (severity bands are also labelled in words on the chart). */
export const COLORS = {
  line: '#2563eb',
  current: '#d97706',
  reference: '#475569',
  ok: '#16a34a',
  low: '#0284c7',
  medium: '#d97706',
  high: '#dc2626',
  grid: 'rgba(128,128,128,0.2)',
};

/** A time axis that still reads well with a single point (uPlot would otherwise span years). */
/**
 * Time axis: at least a minute wide. A single point gets ±30 s too (uPlot widens a lone time value by 86,400 / ms,
 * which with seconds is 2.7 years, before the range function sees it).
 */
const timeScale = {
  time: true,
  range: (u: uPlot, min: number, max: number): [number, number] =>
    u.data[0].length <= 1 ? [min - 30, min + 30] : max - min < 60 ? [min - 30, max + 30] : [min, max],
};

const axis = {
  stroke: 'currentColor',
  grid: { stroke: COLORS.grid, width: 1 },
  ticks: { stroke: COLORS.grid, width: 1 },
};

/** A tiny line without axes: the drift share of the last reports on an overview card. */
export function Sparkline({ times, values, label }: { times: number[]; values: number[]; label: string }) {
  const options: Omit<Options, 'width'> = {
    height: 44,
    legend: { show: false },
    cursor: { show: false },
    axes: [{ show: false }, { show: false }],
    scales: { x: { time: true }, y: { range: [0, 1] } },
    series: [{}, { stroke: COLORS.line, width: 2, fill: 'rgba(37,99,235,0.12)', points: { show: false } }],
  };
  return <UPlotChart options={options} data={[times, values]} label={label} />;
}

export interface Bands {
  readonly low: number;
  readonly medium: number;
  readonly high: number;
}

/** Shades the severity bands behind the plot and names each band in words at the right edge. */
function bandsPlugin(bands: Bands): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        const { ctx } = u;
        const { left, width } = u.bbox;
        const zones: [number, number, string, string][] = [
          [bands.medium, bands.high, 'rgba(217,119,6,0.13)', 'medium'],
          [bands.high, 1, 'rgba(220,38,38,0.13)', 'high'],
          [Math.max(bands.low, 0), bands.medium, 'rgba(2,132,199,0.08)', 'low'],
        ];
        ctx.save();
        ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
        ctx.textAlign = 'right';
        for (const [from, to, fill, name] of zones) {
          if (to <= from) continue;
          const y0 = u.valToPos(to, 'y', true);
          const y1 = u.valToPos(from, 'y', true);
          ctx.fillStyle = fill;
          ctx.fillRect(left, y0, width, y1 - y0);
          ctx.fillStyle = 'rgba(100,100,100,0.9)';
          ctx.fillText(`${name} ≥ ${from}`, left + width - 4 * devicePixelRatio, y1 - 4 * devicePixelRatio);
        }
        ctx.restore();
      },
    },
  };
}

/** Drift share over time with the model's severity bands. */
export function DriftShareChart({ times, shares, bands }: { times: number[]; shares: number[]; bands: Bands }) {
  const options: Omit<Options, 'width'> = {
    height: 240,
    plugins: [bandsPlugin(bands)],
    scales: { x: timeScale, y: { range: [0, 1] } },
    axes: [axis, { ...axis, label: 'drift share', values: (_u, ticks) => ticks.map((t) => t.toFixed(2)) }],
    series: [
      { label: 'time' },
      { label: 'drift share', stroke: COLORS.line, width: 2, points: { show: true, size: 5, fill: COLORS.line } },
    ],
  };
  return (
    <UPlotChart
      options={options}
      data={[times, shares]}
      label={`drift share over ${times.length} reports with severity bands`}
    />
  );
}

/** Several named series over time (feature history, performance and label coverage). */
export function TimeSeriesChart({
  times,
  series,
  label,
  yRange,
  height = 200,
}: {
  times: number[];
  series: { label: string; values: (number | null)[]; color: string; dash?: number[]; scale?: string }[];
  label: string;
  yRange?: [number, number];
  height?: number;
}) {
  const scales: Options['scales'] = { x: timeScale, y: yRange === undefined ? {} : { range: yRange } };
  if (series.some((s) => s.scale === 'pct')) scales!.pct = { range: [0, 1] };
  const options: Omit<Options, 'width'> = {
    height,
    scales,
    axes: [
      axis,
      axis,
      ...(series.some((s) => s.scale === 'pct')
        ? [
            {
              ...axis,
              scale: 'pct',
              side: 1,
              grid: { show: false },
              values: (_u: uPlot, t: number[]) => t.map((v) => `${Math.round(v * 100)}%`),
            },
          ]
        : []),
    ],
    series: [
      { label: 'time' },
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        dash: s.dash,
        scale: s.scale ?? 'y',
        spanGaps: true,
        points: { show: true, size: 4 },
      })),
    ],
  };
  const data = [times, ...series.map((s) => s.values)] as AlignedData;
  return <UPlotChart options={options} data={data} label={label} chartKey={series.map((s) => s.label).join('|')} />;
}
