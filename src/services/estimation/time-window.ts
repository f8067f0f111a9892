import { EstimationRequestError } from './estimation-request-error.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** A time window `<n><unit>` (unit m, h, d or w; e.g. `30m`, `12h`, `7d`, `2w`) in milliseconds. */
export function parseWindow(window: string): number {
  const match = /^(\d+(?:\.\d+)?)([mhdw])$/.exec(window.trim());
  const amount = match === null ? Number.NaN : Number(match[1]);
  if (match === null || !(amount > 0)) {
    throw new EstimationRequestError(
      `--window: "${window}" is not a time window (use <n><unit> with unit m, h, d or w, e.g. 7d)`,
    );
  }
  return amount * UNIT_MS[match[2]];
}
