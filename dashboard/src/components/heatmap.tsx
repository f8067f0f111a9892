import type { DriftReportEnvelope } from '../api/types.js';
import { driftScore } from '../lib/drift-score.js';
import { num, time } from '../lib/format.js';

function shade(score: number | null): string {
  if (score === null) return 'transparent';
  const t = Math.min(1, score / 2);
  return `hsl(${Math.round(120 - 120 * t)} 70% ${Math.round(88 - 38 * t)}%)`;
}

/**
 * Features × windows: each cell's colour is the drift score (effect size over its floor), and a drifted cell also
 * carries "●" so the verdict does not depend on colour. Click a row to open the feature.
 */
export function DriftHeatmap({
  reports,
  onSelect,
  selected,
}: {
  reports: DriftReportEnvelope[];
  onSelect: (feature: string) => void;
  selected: string | null;
}) {
  const columns = reports.slice(-24);
  const names = [...new Set(columns.flatMap((r) => r.report.features.map((f) => f.name)))];
  return (
    <div class="heatmap-wrap">
      <div
        class="heatmap"
        role="grid"
        aria-label="drift score by feature and window"
        style={{ gridTemplateColumns: `minmax(6rem, max-content) repeat(${columns.length}, minmax(16px, 44px))` }}
      >
        <div role="columnheader" class="hm-corner">
          feature \ window
        </div>
        {columns.map((r) => (
          <div role="columnheader" class="hm-col" title={`report ${r.sequence} of ${r.model}: ${time(r.createdAt)}`}>
            {r.sequence}
          </div>
        ))}
        {names.map((name) => (
          <>
            <button
              type="button"
              role="rowheader"
              class={`hm-row ${selected === name ? 'selected' : ''}`}
              onClick={() => onSelect(name)}
            >
              {name}
            </button>
            {columns.map((r) => {
              const f = r.report.features.find((x) => x.name === name);
              const score = f === undefined ? null : driftScore(f);
              const title =
                f === undefined
                  ? `${name}: not in report ${r.sequence}`
                  : `${name}, report ${r.sequence}: ${f.drifted ? 'DRIFTED' : 'no drift'}; effect ${num(f.effectSize)} (floor ${num(f.effectSizeThreshold)}), p ${num(f.adjustedPValue)}`;
              return (
                <div
                  role="gridcell"
                  class="hm-cell"
                  style={{ background: shade(score) }}
                  title={title}
                  onClick={() => onSelect(name)}
                  data-drifted={f?.drifted === true ? 'true' : 'false'}
                >
                  {f?.drifted === true ? '●' : ''}
                </div>
              );
            })}
          </>
        ))}
      </div>
      <p class="legend">
        <span class="swatch" style={{ background: shade(0) }} /> no effect{' '}
        <span class="swatch" style={{ background: shade(1) }} /> at the floor{' '}
        <span class="swatch" style={{ background: shade(2) }} /> 2× the floor · <b>●</b> drifted (test rejects and
        effect ≥ floor)
      </p>
    </div>
  );
}
