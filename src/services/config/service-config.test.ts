import { describe, expect, it } from 'vitest';
import { ConfigError, parseServiceConfig } from './service-config.js';

function problemsOf(value: unknown): readonly string[] {
  try {
    parseServiceConfig(value, 'cfg.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const model = (fields: Record<string, unknown>) => ({ models: [{ name: 'credit', ...fields }] });

describe('config errors list allowed values and explain only the form the user meant (issue 14 item 18)', () => {
  it('an enum value lists the allowed values', () => {
    expect(problemsOf({ server: { logLevel: 'verbose' } })).toEqual([
      '/server/logLevel is "verbose"; allowed: "fatal", "error", "warn", "info", "debug", "trace", "silent"',
    ]);
    expect(problemsOf(model({ drift: { correction: 'holm' } }))).toEqual([
      '/models/0/drift/correction is "holm"; allowed: "bonferroni", "benjamini_hochberg", "none"',
    ]);
  });

  it('a count window is told what is wrong with a count window, never that it lacks windowSeconds', () => {
    const problems = problemsOf(model({ drift: { window: { type: 'count', windowSize: 5 } } }));
    expect(problems).toEqual([
      '/models/0/drift/window/step is required',
      '/models/0/drift/window/windowSize must be >= 10',
    ]);
    expect(problems.join(' ')).not.toMatch(/windowSeconds|stepSeconds|allowed forms/);
  });

  it('a time window with count fields is told about the time form', () => {
    expect(problemsOf(model({ drift: { window: { type: 'time', windowSize: 100, step: 1 } } }))).toEqual([
      '/models/0/drift/window/windowSeconds is required',
      '/models/0/drift/window/stepSeconds is required',
      '/models/0/drift/window: unknown fields "windowSize", "step"',
    ]);
  });

  it('an unknown discriminating value lists the forms', () => {
    expect(problemsOf(model({ drift: { window: { type: 'hourly' } } }))).toEqual([
      '/models/0/drift/window/type is "hourly"; allowed: "count", "time"',
    ]);
    expect(problemsOf({ alerting: { sinks: [{ type: 'email', url: 'https://x' }] } })).toEqual([
      '/alerting/sinks/0/type is "email"; allowed: "webhook", "slack", "alertmanager"',
    ]);
  });

  it('the chosen form is explained down to a nested enum', () => {
    expect(
      problemsOf(model({ serving: { type: 'endpoint', url: 'http://127.0.0.1:5001', protocol: 'grpc' } })),
    ).toEqual(['/models/0/serving/protocol is "grpc"; allowed: "mlflow", "kserve-v2"']);
    expect(problemsOf({ alerting: { sinks: [{ type: 'slack', url: 5 }] } })).toEqual([
      '/alerting/sinks/0/url must be string',
    ]);
  });

  it('unknown fields are named plainly', () => {
    expect(problemsOf({ servr: {} })).toEqual(['/: unknown field "servr"']);
  });
});
