import type { StoredPrediction } from '../../domain/prediction-record.js';
import type { PredictionListQuery, PredictionLog } from '../../ports/store.js';
import type { MonitoredModels } from '../monitored-models.js';

export interface PredictionLogPage {
  /** Newest first. */
  readonly items: StoredPrediction[];
  /** Cursor for the next (older) page: the last item's sequence, or null on the last page. */
  readonly nextBefore: number | null;
  /** The whole log of the model, not only this page. */
  readonly counts: { readonly total: number; readonly labeled: number };
}

export interface PredictionLogQueriesOptions {
  readonly store: PredictionLog;
  readonly models: MonitoredModels;
}

/** Browsing a model's prediction log (the dashboard's table): filtered pages, newest first, with the log's counts. */
export function createPredictionLogQueries(options: PredictionLogQueriesOptions) {
  const { store, models } = options;
  return {
    async page(model: string, query: PredictionListQuery): Promise<PredictionLogPage> {
      await models.get(model);
      const [items, counts] = await Promise.all([store.listPredictions(model, query), store.countPredictions(model)]);
      return { items, nextBefore: items.length === query.limit ? items[items.length - 1].sequence : null, counts };
    },
  };
}

export type PredictionLogQueries = ReturnType<typeof createPredictionLogQueries>;
