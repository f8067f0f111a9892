import type { AlertNotification, AlertSink } from '../../ports/alert-sink.js';
import { postToSink } from './post-json.js';

export interface SlackSinkOptions {
  readonly name?: string;
  /** The Slack incoming-webhook URL (a secret: it never appears in logs or errors). */
  readonly url: string;
  readonly timeoutMs?: number;
}

const MARK: Record<AlertNotification['event'], string> = {
  fired: '🔴 FIRING',
  escalated: '🔺 ESCALATED',
  deescalated: '🔻 LOWER',
  reminder: '⏰ STILL FIRING',
  resolved: '✅ RESOLVED',
};

/** Slack incoming-webhook message: a plain `text` fallback plus section blocks; words, not colour, carry the state. */
export function slackBody(n: AlertNotification): string {
  const a = n.alert;
  const title = `${MARK[n.event]} [${a.severity.toUpperCase()}] ${a.model}: ${a.kind.replace('_', ' ')}`;
  const fields = [
    `*Model*\n${a.model}`,
    `*Severity*\n${a.severity} (peak ${a.peakSeverity})`,
    `*Since*\n${new Date(a.firstSeenMs).toISOString()}`,
    `*Status*\n${a.status}`,
  ];
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${a.summary}` } },
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
  ];
  if (n.alertUrl !== null)
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in driftguard' }, url: n.alertUrl }],
    });
  return JSON.stringify({ text: `${title} — ${a.summary}`, blocks });
}

export function createSlackSink(options: SlackSinkOptions): AlertSink {
  return {
    name: options.name ?? 'slack',
    deliver: (n) => postToSink(options.url, slackBody(n), {}, options.timeoutMs ?? 5000),
  };
}
