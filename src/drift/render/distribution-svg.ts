import type { FeatureChartSummary } from '../drift-report.js';
import { escapeHtml } from './escape-html.js';
import { formatNumber } from './format-number.js';

/** Colours of the two sides, shared by the charts and the legend. */
export const REFERENCE_COLOUR = '#4c78a8';
export const CURRENT_COLOUR = '#f58518';

const WIDTH = 240;
const HEIGHT = 64;
const LABEL_HEIGHT = 12;

const px = (value: number): string => String(Math.round(value * 10) / 10);

/** Categories drawn at most; the tail is folded into one last bar so the page stays small. */
export const MAX_CHART_CATEGORIES = 30;

function rect(x: number, width: number, proportion: number, scale: number, colour: string): string {
  const height = scale === 0 ? 0 : (proportion / scale) * HEIGHT;
  return `<rect x="${px(x)}" y="${px(HEIGHT - height)}" width="${px(Math.max(width, 0.5))}" height="${px(height)}" fill="${colour}"/>`;
}

const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

function foldTail(
  summary: Extract<FeatureChartSummary, { type: 'categories' }>,
): Extract<FeatureChartSummary, { type: 'categories' }> {
  if (summary.categories.length <= MAX_CHART_CATEGORIES) return summary;
  const keep = MAX_CHART_CATEGORIES - 1;
  const sum = (values: readonly number[]): number => values.slice(keep).reduce((a, b) => a + b, 0);
  return {
    type: 'categories',
    categories: [...summary.categories.slice(0, keep), `(${summary.categories.length - keep} more)`],
    reference: [...summary.reference.slice(0, keep), sum(summary.reference)],
    current: [...summary.current.slice(0, keep), sum(summary.current)],
  };
}

/**
 * Inline SVG of the reference-vs-current distribution: overlaid translucent histograms (numeric) or paired bars per
 * category, both as proportions of valid values. Self-contained (no script, no external reference).
 */
export function distributionSvg(chart: FeatureChartSummary, label: string): string {
  const summary = chart.type === 'categories' ? foldTail(chart) : chart;
  const scale = Math.max(0, ...summary.reference, ...summary.current);
  const n = summary.reference.length;
  const parts: string[] = [];
  let captionLeft: string;
  let captionRight: string;
  if (summary.type === 'histogram') {
    const step = WIDTH / Math.max(n, 1);
    for (let i = 0; i < n; i++) {
      const range = `[${formatNumber(summary.binEdges[i])}, ${formatNumber(summary.binEdges[i + 1])}]`;
      parts.push(
        `<g><title>${range} reference ${percent(summary.reference[i])}, current ${percent(summary.current[i])}</title>` +
          rect(i * step, step - 0.5, summary.reference[i], scale, REFERENCE_COLOUR) +
          rect(i * step, step - 0.5, summary.current[i], scale, CURRENT_COLOUR) +
          '</g>',
      );
    }
    captionLeft = formatNumber(summary.binEdges[0]);
    captionRight = formatNumber(summary.binEdges[summary.binEdges.length - 1]);
  } else {
    const step = WIDTH / Math.max(n, 1);
    for (let i = 0; i < n; i++) {
      parts.push(
        `<g><title>${escapeHtml(summary.categories[i])}: reference ${percent(summary.reference[i])}, current ${percent(summary.current[i])}</title>` +
          rect(i * step, step / 2 - 0.5, summary.reference[i], scale, REFERENCE_COLOUR) +
          rect(i * step + step / 2, step / 2 - 0.5, summary.current[i], scale, CURRENT_COLOUR) +
          '</g>',
      );
    }
    captionLeft = n > 0 ? summary.categories[0] : '';
    captionRight =
      chart.type === 'categories' && chart.categories.length > 1 ? `${chart.categories.length} categories` : '';
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT + LABEL_HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT + LABEL_HEIGHT}" role="img" aria-label="${escapeHtml(label)}: reference vs current">`,
    `<g fill-opacity="0.55">${parts.join('')}</g>`,
    `<text x="0" y="${HEIGHT + LABEL_HEIGHT - 2}" font-size="9">${escapeHtml(captionLeft.slice(0, 24))}</text>`,
    `<text x="${WIDTH}" y="${HEIGHT + LABEL_HEIGHT - 2}" font-size="9" text-anchor="end">${escapeHtml(captionRight.slice(0, 24))}</text>`,
    '</svg>',
  ].join('');
}
