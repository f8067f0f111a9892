import type { DriftReportQuery, DriftReportRepository, StoredDriftReport } from '../../ports/store.js';
import type { MonitoredModels } from '../monitored-models.js';
import { NotFoundError } from '../service-errors.js';

export interface DriftReportQueriesOptions {
  readonly store: DriftReportRepository;
  readonly models: MonitoredModels;
}

/** A stored report with its number among its model's reports (1 = the model's first; ids are global). */
export type NumberedDriftReport = StoredDriftReport & { readonly sequence: number };

/** Reading stored drift reports of a model: pages (newest first) and the latest one, each numbered per model. */
export function createDriftReportQueries(options: DriftReportQueriesOptions) {
  const { store, models } = options;
  /** Numbers a page (newest first): one count, then the page order, unless a time range may leave holes. */
  async function numbered(model: string, items: StoredDriftReport[], contiguous: boolean) {
    const newest = items[0];
    if (newest === undefined) return [];
    if (!contiguous)
      return Promise.all(items.map(async (r) => ({ ...r, sequence: await store.countDriftReports(model, r.id) })));
    const top = await store.countDriftReports(model, newest.id);
    return items.map((r, index) => ({ ...r, sequence: top - index }));
  }
  return {
    async page(
      model: string,
      query: DriftReportQuery,
    ): Promise<{ items: NumberedDriftReport[]; nextBefore: number | null }> {
      await models.get(model);
      const items = await store.listDriftReports(model, query);
      const contiguous = query.fromMs === undefined && query.toMs === undefined;
      return {
        items: await numbered(model, items, contiguous),
        nextBefore: items.length === query.limit ? items[items.length - 1].id : null,
      };
    },
    async latest(model: string): Promise<NumberedDriftReport> {
      await models.get(model);
      const report = await store.latestDriftReport(model);
      if (report === null) throw new NotFoundError(`model ${model} has no drift report yet`);
      return { ...report, sequence: await store.countDriftReports(model, report.id) };
    },
  };
}

export type DriftReportQueries = ReturnType<typeof createDriftReportQueries>;
