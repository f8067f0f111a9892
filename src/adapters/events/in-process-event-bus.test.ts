import { describe } from 'vitest';
import { eventBusContract } from './event-bus.contract.js';
import { createInProcessEventBus } from './in-process-event-bus.js';

describe('in-process event bus', () => {
  eventBusContract(async () => {
    const bus = createInProcessEventBus();
    return { publisher: bus, receiver: bus, close: async () => undefined };
  });
});
