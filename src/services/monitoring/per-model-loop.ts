import type { LeaseRepository } from '../../ports/store.js';
import type { MonitoredModels } from '../monitored-models.js';

export interface PerModelLoopOptions {
  readonly models: MonitoredModels;
  readonly leases: LeaseRepository;
  /** This replica's identity for leases. */
  readonly holder: string;
  /** The lease of a model's work (released by `stop`). */
  readonly leaseName: (model: string) => string;
  /** Timer period of `start` (ms). */
  readonly tickMs: number;
  /** One model's work in a pass; it takes (or renews) the model's lease itself. */
  readonly tickModel: (model: string) => Promise<void>;
  readonly onError?: (model: string, error: unknown) => void;
}

/**
 * A background loop over every monitored model (the monitoring scheduler, the retraining runner): passes never
 * overlap — a pass asked for during one runs right after it — and one model's failure is reported without stopping
 * the others. `stop` waits for the pass in progress and releases this replica's leases.
 */
export function createPerModelLoop(options: PerModelLoopOptions) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function pass(): Promise<void> {
    for (const model of await options.models.list()) {
      const name = model.definition.name;
      try {
        await options.tickModel(name);
      } catch (error) {
        options.onError?.(name, error);
      }
    }
  }

  const loop = {
    /** One pass over every model (what the timer runs); while a pass runs, one more is scheduled after it. */
    runOnce(): Promise<void> {
      if (running !== null) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await pass();
        } while (again);
      })().finally(() => (running = null));
      return running;
    },
    start(): void {
      if (timer !== null) return;
      timer = setInterval(() => void loop.runOnce(), options.tickMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer !== null) clearInterval(timer);
      timer = null;
      await running;
      for (const model of await options.models.list())
        await options.leases.releaseLease(options.leaseName(model.definition.name), options.holder);
    },
  };
  return loop;
}
