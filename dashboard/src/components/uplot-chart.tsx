import { useEffect, useRef } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A uPlot chart that follows its container's width. `options` are read when the chart is created (and when `key`
 * changes); new `data` is applied in place, so live updates do not rebuild the chart.
 */
export function UPlotChart({
  options,
  data,
  label,
  chartKey = '',
}: {
  options: Omit<Options, 'width'>;
  data: AlignedData;
  label: string;
  chartKey?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current!;
    const width = Math.max(120, el.clientWidth);
    const plot = new uPlot({ ...options, width } as Options, data, el);
    chart.current = plot;
    const observer = new ResizeObserver(() => {
      const w = Math.max(120, el.clientWidth);
      if (Math.abs(w - plot.width) > 2) plot.setSize({ width: w, height: options.height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [chartKey]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div class="chart" ref={host} role="img" aria-label={label} />;
}
