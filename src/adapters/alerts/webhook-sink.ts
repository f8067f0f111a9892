import { createHmac } from 'node:crypto';
import type { AlertNotification, AlertSink } from '../../ports/alert-sink.js';
import { postToSink } from './post-json.js';

export interface WebhookSinkOptions {
  readonly name?: string;
  readonly url: string;
  /** Shared secret for the signature header; without it requests are unsigned. */
  readonly secret?: string;
  readonly timeoutMs?: number;
}

/** The generic webhook body (versioned). */
export function webhookBody(n: AlertNotification): string {
  return JSON.stringify({
    version: 1,
    event: n.event,
    alert: n.alert,
    alertUrl: n.alertUrl,
    sentAt: new Date(n.sentAtMs).toISOString(),
  });
}

/**
 * HMAC-SHA256 signature over `${timestamp}.${body}` (hex), sent as `X-Driftguard-Signature: sha256=<hex>` with
 * `X-Driftguard-Timestamp: <ms>`; receivers recompute it and reject old timestamps to stop replays.
 */
export function signWebhook(secret: string, timestampMs: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex')}`;
}

/** Generic JSON webhook, optionally signed. */
export function createWebhookSink(options: WebhookSinkOptions): AlertSink {
  return {
    name: options.name ?? 'webhook',
    deliver(n) {
      const body = webhookBody(n);
      const headers: Record<string, string> = { 'x-driftguard-event': n.event };
      if (options.secret !== undefined) {
        headers['x-driftguard-timestamp'] = String(n.sentAtMs);
        headers['x-driftguard-signature'] = signWebhook(options.secret, n.sentAtMs, body);
      }
      return postToSink(options.url, body, headers, options.timeoutMs ?? 5000);
    },
  };
}
