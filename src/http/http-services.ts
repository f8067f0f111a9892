import type { EventBus } from '../ports/event-bus.js';
import type { MetricsRegistry } from '../ports/metrics.js';
import type { AlertQueries } from '../services/alerting/alert-queries.js';
import type { ChampionChanges } from '../services/champion/champion-changes.js';
import type { ModelVersionQueries } from '../services/champion/model-version-queries.js';
import type { PredictionLogQueries } from '../services/ingestion/prediction-log-queries.js';
import type { PredictionLogging } from '../services/ingestion/prediction-logging.js';
import type { ReferenceUpload } from '../services/ingestion/reference-upload.js';
import type { MonitoredModels } from '../services/monitored-models.js';
import type { DriftReportQueries } from '../services/monitoring/drift-report-queries.js';
import type { MonitoringStatusQueries } from '../services/monitoring/monitoring-status.js';
import type { JobDataLinksService } from '../services/retraining/job-data-links.js';
import type { RetrainingJobs } from '../services/retraining/retraining-jobs.js';
import type { PredictionServing } from '../services/serving/prediction-serving.js';

/** The use cases the HTTP edge calls; composed in compose.ts. */
export interface HttpServices {
  readonly models: MonitoredModels;
  readonly predictionLogging: PredictionLogging;
  readonly predictionServing: PredictionServing;
  readonly predictionLog: PredictionLogQueries;
  readonly driftReports: DriftReportQueries;
  /** Where each model's monitoring stands (no reference yet, collecting, monitoring). */
  readonly monitoringStatus: MonitoringStatusQueries;
  readonly alerts: AlertQueries;
  readonly referenceUpload: ReferenceUpload;
  readonly versions: ModelVersionQueries;
  /** Retraining jobs: manual trigger, list, get. */
  readonly retraining: RetrainingJobs;
  /** Files of retraining jobs handed to a webhook trainer, behind one-job tokens. */
  readonly jobData: Pick<JobDataLinksService, 'read'>;
  /** Champion moves (promote, rollback) with the serving model and the reference following. */
  readonly champions: ChampionChanges;
  /** The live event stream (GET /v1/events). */
  readonly events: EventBus;
  /** Resolves when the service can take traffic (store reachable …); rejects with the reason otherwise. */
  readonly checkReady: () => Promise<void>;
  /** Rendered at GET /metrics (Prometheus text format). */
  readonly metrics: MetricsRegistry;
}
