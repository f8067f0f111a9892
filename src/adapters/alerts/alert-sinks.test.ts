import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../../../tests/support/network/http-receiver.js';
import type { Alert } from '../../domain/alert.js';
import { AlertDeliveryError, type AlertNotification } from '../../ports/alert-sink.js';
import { createAlertmanagerSink } from './alertmanager-sink.js';
import { safeUrl } from './post-json.js';
import { createSlackSink } from './slack-sink.js';
import { createWebhookSink } from './webhook-sink.js';

const alert: Alert = {
  id: 'a-1',
  model: 'credit-default',
  kind: 'data_drift',
  severity: 'high',
  peakSeverity: 'high',
  status: 'firing',
  dedupKey: 'credit-default:data_drift',
  summary: '6 of 9 features drifted (share 0.67)',
  firstSeenMs: Date.UTC(2026, 10, 26, 10),
  lastSeenMs: Date.UTC(2026, 10, 26, 11),
  resolvedAtMs: null,
  acknowledgedAtMs: null,
  acknowledgedBy: null,
  cleanEvaluations: 0,
  lastNotifiedMs: null,
  lastNotifiedSeverity: null,
  driftReportId: 12,
};
const notification: AlertNotification = {
  event: 'fired',
  alert,
  alertUrl: 'http://dash.local/alerts/a-1',
  sentAtMs: Date.UTC(2026, 10, 26, 11),
};

let receivers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});
async function receiver(respond?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(respond);
  receivers.push(r);
  return r;
}

describe('alert sinks against real loopback receivers', () => {
  it('webhook: posts the versioned JSON body with a verifiable HMAC-SHA256 signature', async () => {
    const r = await receiver();
    const sink = createWebhookSink({ url: `${r.url}/hook`, secret: 's3cret' });
    expect(await sink.deliver(notification)).toEqual({ httpStatus: 200 });
    const [request] = r.requests;
    expect(request.url).toBe('/hook');
    expect(JSON.parse(request.body)).toEqual({
      version: 1,
      event: 'fired',
      alert,
      alertUrl: notification.alertUrl,
      sentAt: '2026-11-26T11:00:00.000Z',
    });
    const timestamp = request.headers['x-driftguard-timestamp'];
    const expected = createHmac('sha256', 's3cret').update(`${timestamp}.${request.body}`).digest('hex');
    expect(request.headers['x-driftguard-signature']).toBe(`sha256=${expected}`);
    expect(request.headers['x-driftguard-event']).toBe('fired');
  });

  it('webhook without a secret sends no signature', async () => {
    const r = await receiver();
    await createWebhookSink({ url: r.url }).deliver(notification);
    expect(r.requests[0].headers['x-driftguard-signature']).toBeUndefined();
  });

  it('slack: incoming-webhook text and blocks that name the state in words', async () => {
    const r = await receiver();
    await createSlackSink({ url: `${r.url}/services/T000/B000/XXXX` }).deliver(notification);
    const body = JSON.parse(r.requests[0].body);
    expect(body.text).toBe('🔴 FIRING [HIGH] credit-default: data drift — 6 of 9 features drifted (share 0.67)');
    expect(body.blocks[0].text.text).toContain('*🔴 FIRING [HIGH] credit-default: data drift*');
    expect(body.blocks[2].elements[0].url).toBe('http://dash.local/alerts/a-1');
  });

  it('alertmanager: posts to /api/v2/alerts with identifying labels, and endsAt once resolved', async () => {
    const r = await receiver();
    const sink = createAlertmanagerSink({ url: `${r.url}/`, labels: { team: 'risk' } });
    await sink.deliver(notification);
    await sink.deliver({
      ...notification,
      event: 'resolved',
      alert: { ...alert, status: 'resolved', resolvedAtMs: Date.UTC(2026, 10, 26, 12) },
    });
    expect(r.requests.map((q) => q.url)).toEqual(['/api/v2/alerts', '/api/v2/alerts']);
    const [firing] = JSON.parse(r.requests[0].body);
    expect(firing).toEqual({
      labels: {
        team: 'risk',
        alertname: 'DriftguardDataDrift',
        model: 'credit-default',
        kind: 'data_drift',
        severity: 'high',
        source: 'driftguard',
      },
      annotations: { summary: 'credit-default: data drift at high', description: alert.summary },
      startsAt: '2026-11-26T10:00:00.000Z',
      generatorURL: 'http://dash.local/alerts/a-1',
    });
    expect(JSON.parse(r.requests[1].body)[0].endsAt).toBe('2026-11-26T12:00:00.000Z');
  });

  it('classifies failures: 5xx and 429 retryable, other 4xx final, connection refused retryable', async () => {
    const r = await receiver((_req, i) => [503, 429, 400][i]);
    const sink = createWebhookSink({ url: r.url });
    for (const [status, retryable] of [
      [503, true],
      [429, true],
      [400, false],
    ] as const) {
      const error = await sink.deliver(notification).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AlertDeliveryError);
      expect(error).toMatchObject({ httpStatus: status, retryable });
    }
    await r.close();
    receivers = [];
    const refused = await sink.deliver(notification).catch((e: unknown) => e);
    expect(refused).toMatchObject({ httpStatus: null, retryable: true });
  });

  it('never puts secrets of the URL into error messages', async () => {
    const r = await receiver(() => 500);
    const url = `${r.url.replace('http://', 'http://user:pass@')}/hook?token=abc`;
    const error = (await createWebhookSink({ url })
      .deliver(notification)
      .catch((e: unknown) => e)) as Error;
    expect(error.message).not.toMatch(/pass|token|abc/);
    expect(r.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('user:pass').toString('base64')}`);
    expect(safeUrl('https://hooks.slack.com/services/T1/B2/secret')).toBe('https://hooks.slack.com/services/…');
  });
});
