/**
 * API payload types, shared with the server: every type here is derived from the server's own TypeBox schemas or
 * domain types (type-only imports: nothing of src/ reaches the bundle).
 */
import type { Static } from 'typebox';
import type {
  DataQualityFinding,
  DriftReport,
  FeatureDriftResult,
  PerformanceDriftResult,
} from '../../../src/drift/drift-report.js';
// The routes' request augmentation (principalName) lives with the app: load it so the route files type-check here.
import type {} from '../../../src/http/app.js';
import type { ErrorBody } from '../../../src/http/error-body.js';
import type { AlertDeliverySchema, AlertSchema } from '../../../src/http/routes/alert-routes.js';
import type {
  DriftReportEnvelopeSchema,
  MonitoringStatusSchema,
  WindowPerformanceSchema,
} from '../../../src/http/routes/drift-report-routes.js';
import type { ModelVersionSchema, MonitoredModelSchema } from '../../../src/http/routes/model-routes.js';
import type { LoggedPredictionSchema, PredictionLogPageSchema } from '../../../src/http/routes/prediction-routes.js';
import type { ServiceEvent } from '../../../src/ports/event-bus.js';

export type { DataQualityFinding, DriftReport, ErrorBody, FeatureDriftResult, PerformanceDriftResult };
export type MonitoredModel = Static<typeof MonitoredModelSchema>;
export type ModelVersion = Static<typeof ModelVersionSchema>;
export type Alert = Static<typeof AlertSchema>;
export type AlertDelivery = Static<typeof AlertDeliverySchema>;
/** A stored report: the envelope's `report` is the drift report of docs/report-schema.md. */
export type DriftReportEnvelope = Static<typeof DriftReportEnvelopeSchema>;
/** GET /v1/models/{name}/monitoring. */
export type MonitoringStatus = Static<typeof MonitoringStatusSchema>;
/** GET /v1/models/{name}/estimated-performance: one window's estimate and the realized performance beside it. */
export type WindowPerformance = Static<typeof WindowPerformanceSchema>;
export type LoggedPrediction = Static<typeof LoggedPredictionSchema>;
export type PredictionLogPage = Static<typeof PredictionLogPageSchema>;
export type Page<T> = { items: T[]; nextBefore: number | null };
/** One Server-Sent Event of GET /v1/events as the server writes it. */
export type LiveEvent = ServiceEvent & { at: string };
export type EventType = ServiceEvent['type'];
export type { JobMetricSet, RetrainingJob, RetrainingJobStatus } from '../../../src/domain/retraining-job.js';
