import type { EventBus, ServiceEvent } from '../../ports/event-bus.js';

/** Event bus of a single process; a failing listener never stops the others or the publisher. */
export function createInProcessEventBus(onListenerError: (error: unknown) => void = () => undefined): EventBus {
  const listeners = new Set<(event: ServiceEvent) => void>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
