/**
 * Timestamps driftguard accepts: from 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z — epoch milliseconds
 * 0 … 253402300799999, the instants a Date holds that ISO 8601 writes with a four-digit year (every timestamp is
 * answered as such a string) — given as epoch milliseconds or as an RFC 3339 date-time (the ISO 8601 profile:
 * calendar-valid date, `T`, time with seconds, optional fraction, and `Z` or a ±hh:mm offset). Fractional
 * milliseconds are rounded to the nearest millisecond (half up), in numbers and in string fractions alike (Python's
 * isoformat sends microseconds).
 */
export const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const REASON = 'must be an ISO 8601 date-time with an offset (e.g. 2026-11-27T08:15:00Z) or epoch milliseconds';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function fromMilliseconds(ms: number): number | string {
  if (!Number.isFinite(ms)) return `${REASON}; got a non-finite number`;
  if (ms < 0) return `${REASON} ≥ 0 (1970-01-01T00:00:00Z); got ${ms}`;
  if (ms > MAX_TIMESTAMP_MS) return `${REASON} ≤ ${MAX_TIMESTAMP_MS} (9999-12-31T23:59:59.999Z); got ${ms}`;
  return Math.round(ms);
}

function fromText(text: string): number | string {
  const m = RFC3339.exec(text);
  if (m === null) return `${REASON}; got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  const invalid =
    month < 1 || month > 12
      ? 'month'
      : day < 1 || day > daysInMonth(year, month)
        ? `day (${year}-${m[2]} has ${daysInMonth(year, month)} days)`
        : hour > 23
          ? 'hour'
          : minute > 59
            ? 'minute'
            : second > 59
              ? 'second (leap seconds cannot be held)'
              : offsetHours > 23 || offsetMinutes > 59
                ? 'offset'
                : null;
  if (invalid !== null) return `${REASON}; ${JSON.stringify(text)} has no such ${invalid}`;
  if (year < 1970) return `${REASON} from 1970 on; got ${JSON.stringify(text)}`;
  const fractionMs = m[7] === undefined ? 0 : Math.round(Number(`0${m[7]}`) * 1000);
  const sign = m[9] === '-' ? -1 : 1;
  const utcMs =
    Date.UTC(year, month - 1, day, hour, minute, second) +
    fractionMs -
    sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  return fromMilliseconds(utcMs);
}

/** Epoch milliseconds of a timestamp as clients send it, or the reason it is refused. */
export function parseTimestamp(value: string | number): number | string {
  return typeof value === 'number' ? fromMilliseconds(value) : fromText(value);
}
