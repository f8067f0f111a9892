import type { Alert } from '../../domain/alert.js';
import { acknowledgeAlert } from '../../domain/alert-policy.js';
import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { AlertDelivery, AlertQuery, AlertRepository } from '../../ports/store.js';
import { NotFoundError, UnprocessableError } from '../service-errors.js';

export interface AlertQueriesOptions {
  readonly store: AlertRepository;
  readonly clock: Clock;
  readonly events: EventBus;
}

/** Reading alerts (filtered, newest first, with deliveries) and acknowledging them. */
export function createAlertQueries(options: AlertQueriesOptions) {
  const { store, clock, events } = options;
  return {
    async list(query: AlertQuery): Promise<{ items: Alert[]; nextBefore: number | null }> {
      const items = await store.listAlerts(query);
      return { items, nextBefore: items.length === query.limit ? items[items.length - 1].firstSeenMs : null };
    },
    async get(id: string): Promise<{ alert: Alert; deliveries: AlertDelivery[] }> {
      const alert = await store.getAlert(id);
      if (alert === null) throw new NotFoundError(`no alert ${id}`);
      return { alert, deliveries: await store.listDeliveries(id) };
    },
    async acknowledge(id: string, by: string): Promise<Alert> {
      const alert = await store.getAlert(id);
      if (alert === null) throw new NotFoundError(`no alert ${id}`);
      if (alert.status === 'resolved')
        throw new UnprocessableError(`alert ${id} is resolved; only open alerts can be acknowledged`, [
          { path: '/id', reason: 'alert is resolved' },
        ]);
      const acknowledged = acknowledgeAlert(alert, by, clock.nowMs());
      await store.saveAlert(acknowledged);
      events.publish({
        type: 'alert',
        model: alert.model,
        atMs: clock.nowMs(),
        data: { event: 'acknowledged', id, by },
      });
      return acknowledged;
    },
  };
}

export type AlertQueries = ReturnType<typeof createAlertQueries>;
