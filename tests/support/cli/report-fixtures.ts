import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lcgUniforms } from '../oracle/recipes.js';

/** How the generated "current" file differs from the reference. */
export type Shift = 'none' | 'drift';

/**
 * Writes a small credit-like CSV (n rows, seeded): numeric `income`, `age`, `debt`; categorical `region`; boolean
 * `owner`; target `label` and model `prediction` (a fixed rule on income with 10 % noise). With `drift`, every feature
 * moves far (income +3 std, age +20, debt ×3, region and owner flipped) so every test must reject.
 */
export function writeCreditCsv(dir: string, name: string, n: number, seed: number, shift: Shift): string {
  const u = lcgUniforms(seed, n * 6);
  const regions = ['north', 'south', 'east', 'west'];
  const lines = ['income,age,debt,region,owner,label,prediction,id'];
  for (let i = 0; i < n; i++) {
    const r = (k: number): number => u[i * 6 + k];
    const drift = shift === 'drift';
    const income = 40 + 20 * (r(0) + r(1) - 1) + (drift ? 30 : 0);
    const age = Math.round(25 + 40 * r(2)) + (drift ? 20 : 0);
    const debt = (drift ? 3 : 1) * (0.1 + 0.5 * r(3));
    const region = regions[drift ? 3 - Math.floor(r(4) ** 3 * 4) : Math.floor(r(4) * 4)];
    const owner = drift ? r(5) < 0.95 : r(5) < 0.3;
    const label = income > 40 !== r(1) < 0.1 ? 1 : 0;
    const prediction = income > 40 ? 1 : 0;
    lines.push(
      `${income.toFixed(3)},${age},${debt.toFixed(4)},${region},${owner ? 'True' : 'False'},${label},${prediction},${i}`,
    );
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Collects what a command writes. */
export function captureStream(isTTY = false): {
  isTTY: boolean;
  text: () => string;
  write: (chunk: string) => boolean;
} {
  const chunks: string[] = [];
  return { isTTY, text: () => chunks.join(''), write: (chunk: string) => chunks.push(chunk) > 0 };
}
