import type { DriftReportQuery, DriftReportRepository, StoredDriftReport } from '../../ports/store.js';
import type { MonitoredModels } from '../monitored-models.js';
import { NotFoundError } from '../service-errors.js';

export interface DriftReportQueriesOptions {
  readonly store: DriftReportRepository;
  readonly models: MonitoredModels;
}

/** Reading stored drift reports of a model: pages (newest first) and the latest one. */
export function createDriftReportQueries(options: DriftReportQueriesOptions) {
  const { store, models } = options;
  return {
    async page(
      model: string,
      query: DriftReportQuery,
    ): Promise<{ items: StoredDriftReport[]; nextBefore: number | null }> {
      await models.get(model);
      const items = await store.listDriftReports(model, query);
      return { items, nextBefore: items.length === query.limit ? items[items.length - 1].id : null };
    },
    async latest(model: string): Promise<StoredDriftReport> {
      await models.get(model);
      const report = await store.latestDriftReport(model);
      if (report === null) throw new NotFoundError(`model ${model} has no drift report yet`);
      return report;
    },
  };
}

export type DriftReportQueries = ReturnType<typeof createDriftReportQueries>;
