/**
 * The 50-column benchmark data of `npm run bench:drift` (35 numeric, 10 categorical, 5 boolean; seeded LCG): the
 * reference (no drift) and the current file (drift of graded size per feature), written as CSV in 10,000-row blocks so
 * 10 M rows never sit in memory.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
}

/** Standard normal from two uniforms (Box–Muller). */
const normal = (u: () => number): number => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());

/** Shifts of the current file, in units of the feature's spread; chosen around Evidently's 0.1 threshold. */
const NUMERIC_SHIFTS = [0, 0, 0, 0.02, 0.05, 0.07, 0.13, 0.2, 0.5, 1];
const CATEGORY_TILTS = [0, 0, 0.05, 0.15, 0.3, 0.6, 0, 0.1, 0.25, 1];

/** Writes `rows` rows of the 50-column benchmark data (header + LF lines) to `path` as CSV, streaming. */
export function writeDataset(path: string, rows: number, seed: number, drift: boolean): void {
  const u = lcg(seed);
  const header: string[] = [];
  for (let f = 0; f < 35; f++) header.push(`num_${f}`);
  for (let f = 0; f < 10; f++) header.push(`cat_${f}`);
  for (let f = 0; f < 5; f++) header.push(`flag_${f}`);
  const fd = openSync(path, 'w');
  let lines: string[] = [header.join(',')];
  const categories = Array.from({ length: 10 }, (_, f) => Array.from({ length: 3 + f * 3 }, (_, k) => `c${f}_${k}`));
  for (let i = 0; i < rows; i++) {
    const cells: string[] = [];
    for (let f = 0; f < 35; f++) {
      const shift = drift ? NUMERIC_SHIFTS[f % NUMERIC_SHIFTS.length] : 0;
      let value: number;
      switch (f % 5) {
        case 0:
          value = 50 + 10 * (normal(u) + shift);
          break;
        case 1:
          value = Math.exp(0.5 * (normal(u) + shift));
          break;
        case 2:
          value = (u() + shift / 3.4641) * 100; // uniform: std = 100/√12, shift in std units
          break;
        case 3:
          value = Math.round(500 + 150 * (normal(u) + shift));
          break;
        default:
          value = u() < 0.3 + (drift ? shift / 5 : 0) ? 10 * normal(u) : 40 + 5 * normal(u);
      }
      const missing = f % 7 === 6 && u() < 0.01;
      cells.push(missing ? '' : f % 5 === 3 ? String(value) : value.toFixed(5));
    }
    for (let f = 0; f < 10; f++) {
      const values = categories[f];
      const tilt = drift ? CATEGORY_TILTS[f] : 0;
      const k = u() < tilt ? 0 : Math.floor(u() * values.length);
      cells.push(values[k]);
    }
    for (let f = 0; f < 5; f++) {
      const p = 0.3 + (drift ? [0, 0.02, 0.05, 0.1, 0.3][f] : 0);
      cells.push(u() < p ? 'True' : 'False');
    }
    lines.push(cells.join(','));
    if (lines.length === 10_000) {
      writeSync(fd, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
  closeSync(fd);
}

/**
 * `target` = the header of `source` followed by its data rows `times` times (a 10 M-row memory run from a 1 M-row
 * file in seconds, instead of generating every row).
 */
export function writeRepeated(target: string, source: string, times: number): void {
  const text = readFileSync(source);
  const headerEnd = text.indexOf(10) + 1;
  const fd = openSync(target, 'w');
  writeSync(fd, text, 0, text.length);
  for (let k = 1; k < times; k++) writeSync(fd, text, headerEnd, text.length - headerEnd);
  closeSync(fd);
}
