import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStream, writeCreditCsv } from '../../tests/support/cli/report-fixtures.js';
import { createReportCommand, type ReportCommandOptions, runReport } from './report-command.js';

const dir = mkdtempSync(join(tmpdir(), 'driftguard-report-roles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let reference: string;
let current: string;
beforeAll(() => {
  reference = writeCreditCsv(dir, 'reference.csv', 400, 1, 'none');
  current = writeCreditCsv(dir, 'current.csv', 300, 2, 'none');
});

async function reportJson(options: Partial<ReportCommandOptions>): Promise<Record<string, unknown>> {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await runReport(
    { reference, current, exclude: 'id', ...options },
    { stdout, stderr, now: () => '2026-11-26T00:00:00.000Z' },
  );
  expect(stderr.text()).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout.text()) as Record<string, unknown>;
}

describe('report --target / --prediction: what performance drift lacks is named (issue 14 item 17)', () => {
  it('--target without --prediction names the missing prediction column', async () => {
    const json = await reportJson({ target: 'label' });
    expect(json.performanceUnavailableReason).toBe(
      "no prediction column declared (the target is 'label'); performance drift needs both",
    );
    expect(json.targetDrift).not.toBeNull();
  });

  it('--prediction without --target names the missing target column', async () => {
    const json = await reportJson({ prediction: 'prediction' });
    expect(json.performanceUnavailableReason).toBe(
      "no target column declared (the prediction is 'prediction'); performance drift needs both",
    );
    expect(json.predictionDrift).not.toBeNull();
  });

  it('both: performance drift is computed', async () => {
    const json = await reportJson({ target: 'label', prediction: 'prediction' });
    expect(json.performanceUnavailableReason).toBeNull();
  });

  it('--help says that performance drift needs both options', () => {
    const help = createReportCommand().helpInformation().replace(/\s+/g, ' ');
    expect(help).toContain(
      '--target <column> target (label) column: enables target drift, and performance drift with --prediction',
    );
    expect(help).toContain(
      '--prediction <column> model prediction column: enables prediction drift, and performance drift with --target',
    );
  });
});
