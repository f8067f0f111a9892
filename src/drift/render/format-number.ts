/**
 * A short human form of a report number: `—` for null, integers as is, very small or large magnitudes in
 * exponent notation (2 significant digits), others with 4 significant digits.
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e9)) return value.toExponential(1);
  return String(Number(value.toPrecision(4)));
}

/** A share in [0, 1] as a percentage with one decimal, e.g. `42.9 %`. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}
