import type { Alert, DriftReportEnvelope } from '../api/types.js';

export type Level = 'ok' | 'info' | 'warning' | 'critical' | 'unknown';

/** Severity is always shown as icon + word + colour, never colour alone. */
export const LEVEL_ICON: Record<Level, string> = { ok: '✔', info: 'ℹ', warning: '▲', critical: '✖', unknown: '?' };

export function levelOfSeverity(severity: string | null | undefined): Level {
  if (severity === 'high' || severity === 'error' || severity === 'critical') return 'critical';
  if (severity === 'medium' || severity === 'warning') return 'warning';
  if (severity === 'low' || severity === 'info') return 'info';
  if (severity === 'none' || severity === 'ok') return 'ok';
  return 'unknown';
}

/** A model's health: critical on a firing high alert or a high latest report; warning on any firing alert or drift. */
export function healthOf(
  latest: DriftReportEnvelope | null,
  firing: readonly Alert[],
): { level: Level; word: string; why: string } {
  const high = firing.find((a) => a.severity === 'high');
  if (high !== undefined) return { level: 'critical', word: 'critical', why: high.summary };
  if (latest?.severity === 'high')
    return { level: 'critical', word: 'critical', why: `drift share ${latest.driftShare.toFixed(2)} (high)` };
  if (firing.length > 0) return { level: 'warning', word: 'warning', why: firing[0].summary };
  if (latest !== null && latest.severity !== 'none')
    return {
      level: 'warning',
      word: 'warning',
      why: `drift share ${latest.driftShare.toFixed(2)} (${latest.severity})`,
    };
  if (latest === null) return { level: 'unknown', word: 'no data yet', why: 'no drift report yet' };
  return { level: 'ok', word: 'ok', why: 'no drift, no firing alert' };
}
