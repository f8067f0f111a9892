import { enc, get, getOrNull } from './client.js';
import type {
  Alert,
  AlertDelivery,
  DriftReportEnvelope,
  ModelVersion,
  MonitoredModel,
  MonitoringStatus,
  Page,
  PredictionLogPage,
  RetrainingJob,
  WindowPerformance,
} from './types.js';

/** The public API calls the dashboard makes (read role). */
export const api = {
  models: async () => (await get<{ items: MonitoredModel[] }>('/v1/models')).items,
  model: (name: string) => get<MonitoredModel>(`/v1/models/${enc(name)}`),
  /** Oldest first (the API pages newest first). */
  reports: async (name: string, limit = 100) =>
    (await get<Page<DriftReportEnvelope>>(`/v1/models/${enc(name)}/drift-reports?limit=${limit}`)).items.reverse(),
  alerts: async (query: { model?: string; status?: string; limit?: number }) => {
    const q = new URLSearchParams();
    if (query.model) q.set('model', query.model);
    if (query.status) q.set('status', query.status);
    q.set('limit', String(query.limit ?? 100));
    return (await get<Page<Alert>>(`/v1/alerts?${q}`)).items;
  },
  alert: (id: string) => get<{ alert: Alert; deliveries: AlertDelivery[] }>(`/v1/alerts/${enc(id)}`),
  /** Where monitoring stands (no reference yet, collecting the first window, monitoring), in one sentence. */
  monitoring: (name: string) => get<MonitoringStatus>(`/v1/models/${enc(name)}/monitoring`),
  versions: async (name: string) => (await get<{ items: ModelVersion[] }>(`/v1/models/${enc(name)}/versions`)).items,
  predictions: (name: string, query: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
    return get<PredictionLogPage>(`/v1/models/${enc(name)}/predictions?${q}`);
  },
  /** Estimated vs realized performance per window, oldest first. */
  estimatedPerformance: async (name: string, limit = 200) =>
    (await get<{ items: WindowPerformance[] }>(`/v1/models/${enc(name)}/estimated-performance?limit=${limit}`)).items,
  /** null when this server has no retraining routes. */
  retrainingJobs: async (name: string, limit = 50) =>
    (await getOrNull<{ jobs: RetrainingJob[] }>(`/v1/models/${enc(name)}/retraining-jobs?limit=${limit}`))?.jobs ??
    null,
};
