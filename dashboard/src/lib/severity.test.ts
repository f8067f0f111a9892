import { describe, expect, it } from 'vitest';
import type { Alert, DriftReportEnvelope } from '../api/types.js';
import { healthOf, LEVEL_ICON, levelOfSeverity } from './severity.js';

const report = (severity: DriftReportEnvelope['severity'], driftShare: number) =>
  ({ severity, driftShare }) as DriftReportEnvelope;
const alert = (severity: Alert['severity'], summary: string) => ({ severity, summary, status: 'firing' }) as Alert;

describe('health of a model', () => {
  it('is critical on a firing high alert, whatever the latest report says, and names the alert', () => {
    for (const latest of [null, report('none', 0), report('low', 0.1)]) {
      expect(healthOf(latest, [alert('medium', 'm'), alert('high', 'the high one')])).toEqual({
        level: 'critical',
        word: 'critical',
        why: 'the high one',
      });
    }
  });

  it('is critical on a high latest report, warning on a lower drift or any firing alert, ok otherwise', () => {
    for (const share of [0.5, 0.75, 1]) expect(healthOf(report('high', share), []).level).toBe('critical');
    for (const severity of ['low', 'medium'] as const)
      expect(healthOf(report(severity, 0.3), []).why).toContain(`(${severity})`);
    expect(healthOf(report('none', 0), [alert('low', 'quality')])).toMatchObject({ level: 'warning', why: 'quality' });
    expect(healthOf(report('none', 0), []).level).toBe('ok');
    expect(healthOf(null, []).level).toBe('unknown');
  });

  it('always pairs a level with an icon, so severity never relies on colour alone', () => {
    for (const s of ['none', 'low', 'medium', 'high', 'info', 'warning', 'error', 'other']) {
      expect(LEVEL_ICON[levelOfSeverity(s)]).toMatch(/\S/);
    }
    expect(new Set(Object.values(LEVEL_ICON)).size).toBe(Object.keys(LEVEL_ICON).length);
  });
});
