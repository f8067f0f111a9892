import type { FeatureDriftResult } from '../api/types.js';
import { num, pct } from '../lib/format.js';

const W = 640;
const H = 240;
const PAD = { left: 44, right: 8, top: 10, bottom: 58 };

/**
 * Reference vs current distribution of one feature as an SVG bar overlay: the reference as hatched outlined bars,
 * the current window as solid bars (pattern and fill differ, not only colour), proportions on the y axis.
 */
export function DistributionOverlay({ feature }: { feature: FeatureDriftResult }) {
  const s = feature.summary;
  if (s === null)
    return (
      <p class="muted">
        No distribution summary for {feature.name}
        {feature.reason !== null ? `: ${feature.reason}` : ''}.
      </p>
    );
  const labels =
    s.type === 'histogram'
      ? s.reference.map((_, i) => `${num(s.binEdges[i], 2)}–${num(s.binEdges[i + 1], 2)}`)
      : s.categories;
  const n = labels.length;
  const max = Math.max(1e-9, ...s.reference, ...s.current);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, n);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const grouped = s.type === 'categories';
  const showLabel = (i: number) => n <= 12 || i % Math.ceil(n / 12) === 0;
  return (
    <figure class="distribution">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${feature.name}: reference vs current distribution`}
        data-feature={feature.name}
      >
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" stroke="var(--reference)" stroke-width="2" />
          </pattern>
        </defs>
        {[0, 0.5, 1].map((t) => (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * t)} y2={y(max * t)} class="gridline" />
            <text x={PAD.left - 4} y={y(max * t) + 4} text-anchor="end" class="tick">
              {pct(max * t)}
            </text>
          </g>
        ))}
        {labels.map((label, i) => {
          const x = PAD.left + i * slot;
          const ref = s.reference[i] ?? 0;
          const cur = s.current[i] ?? 0;
          const barW = grouped ? slot * 0.4 : slot * 0.9;
          return (
            <g>
              <rect
                class="bar-reference"
                data-series="reference"
                x={x + slot * 0.05}
                y={y(ref)}
                width={barW}
                height={Math.max(0, PAD.top + innerH - y(ref))}
              >
                <title>{`${label}: reference ${pct(ref, 1)}`}</title>
              </rect>
              <rect
                class="bar-current"
                data-series="current"
                x={grouped ? x + slot * 0.5 : x + slot * 0.2}
                y={y(cur)}
                width={grouped ? barW : slot * 0.6}
                height={Math.max(0, PAD.top + innerH - y(cur))}
              >
                <title>{`${label}: current ${pct(cur, 1)}`}</title>
              </rect>
              {showLabel(i) && (
                <text
                  x={x + slot / 2}
                  y={PAD.top + innerH + 12}
                  class="tick"
                  text-anchor="end"
                  transform={`rotate(-35 ${x + slot / 2} ${PAD.top + innerH + 12})`}
                >
                  {label.length > 14 ? `${label.slice(0, 13)}…` : label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend">
        <span class="swatch swatch-reference" /> reference (hatched, {feature.referenceCount.toLocaleString('en-US')}{' '}
        values) <span class="swatch swatch-current" /> current window (solid,{' '}
        {feature.currentCount.toLocaleString('en-US')} values)
      </figcaption>
    </figure>
  );
}
