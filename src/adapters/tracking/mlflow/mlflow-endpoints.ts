/**
 * The MLflow REST endpoints driftguard uses (MLflow 3.x, https://mlflow.org/docs/latest/api_reference/rest-api.html),
 * one table driving the client: method, path and whether a failed attempt may be repeated. `retry: 'safe'` marks
 * reads and idempotent writes (setting a tag / alias twice, re-logging the same batch, re-uploading the same bytes);
 * creates are `'never'` — repeating them after a lost response could create a second run or model version.
 * A `{name}` segment in a path is filled from the request field of that name (URL-encoded), not sent as a query.
 */
import type {
  MlflowDatasetInput,
  MlflowExperiment,
  MlflowLoggedModel,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  MlflowRunInfo,
  MlflowTag,
} from './mlflow-types.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface EndpointSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly retry: 'safe' | 'never';
}

export const MLFLOW_ENDPOINTS = {
  getExperimentByName: { method: 'GET', path: '/api/2.0/mlflow/experiments/get-by-name', retry: 'safe' },
  createExperiment: { method: 'POST', path: '/api/2.0/mlflow/experiments/create', retry: 'never' },
  restoreExperiment: { method: 'POST', path: '/api/2.0/mlflow/experiments/restore', retry: 'safe' },
  deleteExperiment: { method: 'POST', path: '/api/2.0/mlflow/experiments/delete', retry: 'safe' },
  createRun: { method: 'POST', path: '/api/2.0/mlflow/runs/create', retry: 'never' },
  getRun: { method: 'GET', path: '/api/2.0/mlflow/runs/get', retry: 'safe' },
  updateRun: { method: 'POST', path: '/api/2.0/mlflow/runs/update', retry: 'safe' },
  searchRuns: { method: 'POST', path: '/api/2.0/mlflow/runs/search', retry: 'safe' },
  logBatch: { method: 'POST', path: '/api/2.0/mlflow/runs/log-batch', retry: 'safe' },
  logInputs: { method: 'POST', path: '/api/2.0/mlflow/runs/log-inputs', retry: 'safe' },
  getMetricHistory: { method: 'GET', path: '/api/2.0/mlflow/metrics/get-history', retry: 'safe' },
  createRegisteredModel: { method: 'POST', path: '/api/2.0/mlflow/registered-models/create', retry: 'never' },
  getRegisteredModel: { method: 'GET', path: '/api/2.0/mlflow/registered-models/get', retry: 'safe' },
  searchRegisteredModels: { method: 'GET', path: '/api/2.0/mlflow/registered-models/search', retry: 'safe' },
  setRegisteredModelTag: { method: 'POST', path: '/api/2.0/mlflow/registered-models/set-tag', retry: 'safe' },
  setAlias: { method: 'POST', path: '/api/2.0/mlflow/registered-models/alias', retry: 'safe' },
  deleteAlias: { method: 'DELETE', path: '/api/2.0/mlflow/registered-models/alias', retry: 'safe' },
  getModelVersionByAlias: { method: 'GET', path: '/api/2.0/mlflow/registered-models/alias', retry: 'safe' },
  createModelVersion: { method: 'POST', path: '/api/2.0/mlflow/model-versions/create', retry: 'never' },
  getModelVersion: { method: 'GET', path: '/api/2.0/mlflow/model-versions/get', retry: 'safe' },
  searchModelVersions: { method: 'GET', path: '/api/2.0/mlflow/model-versions/search', retry: 'safe' },
  setModelVersionTag: { method: 'POST', path: '/api/2.0/mlflow/model-versions/set-tag', retry: 'safe' },
  /** MLflow 3 logged model (what `mlflow.<flavor>.log_model` creates; a version's source is then `models:/m-…`). */
  getLoggedModel: { method: 'GET', path: '/api/2.0/mlflow/logged-models/{model_id}', retry: 'safe' },
} as const satisfies Record<string, EndpointSpec>;

export type EndpointName = keyof typeof MLFLOW_ENDPOINTS;

type Paged = { page_token?: string; max_results?: number };

/** Request and response bodies per endpoint (the subset of MLflow's protobuf messages driftguard reads and writes). */
export interface MlflowApi {
  getExperimentByName: { request: { experiment_name: string }; response: { experiment: MlflowExperiment } };
  createExperiment: { request: { name: string }; response: { experiment_id: string } };
  restoreExperiment: { request: { experiment_id: string }; response: object };
  deleteExperiment: { request: { experiment_id: string }; response: object };
  createRun: {
    request: { experiment_id: string; run_name: string; start_time: number; tags?: MlflowTag[] };
    response: { run: MlflowRun };
  };
  getRun: { request: { run_id: string }; response: { run: MlflowRun } };
  updateRun: { request: { run_id: string; status: string; end_time: number }; response: { run_info: MlflowRunInfo } };
  searchRuns: {
    request: {
      experiment_ids: string[];
      filter?: string;
      max_results?: number;
      order_by?: string[];
      page_token?: string;
    };
    response: { runs?: MlflowRun[]; next_page_token?: string };
  };
  logBatch: {
    request: { run_id: string; metrics: MlflowMetric[]; params: MlflowTag[]; tags: MlflowTag[] };
    response: object;
  };
  logInputs: { request: { run_id: string; datasets: MlflowDatasetInput[] }; response: object };
  getMetricHistory: {
    request: { run_id: string; metric_key: string } & Paged;
    response: { metrics?: MlflowMetric[]; next_page_token?: string };
  };
  createRegisteredModel: { request: { name: string }; response: { registered_model: MlflowRegisteredModel } };
  getRegisteredModel: { request: { name: string }; response: { registered_model: MlflowRegisteredModel } };
  searchRegisteredModels: {
    request: Paged & { filter?: string };
    response: { registered_models?: MlflowRegisteredModel[]; next_page_token?: string };
  };
  setRegisteredModelTag: { request: { name: string; key: string; value: string }; response: object };
  setAlias: { request: { name: string; alias: string; version: string }; response: object };
  deleteAlias: { request: { name: string; alias: string }; response: object };
  getModelVersionByAlias: { request: { name: string; alias: string }; response: { model_version: MlflowModelVersion } };
  createModelVersion: {
    request: { name: string; source: string; run_id: string; tags?: MlflowTag[]; description?: string };
    response: { model_version: MlflowModelVersion };
  };
  getModelVersion: { request: { name: string; version: string }; response: { model_version: MlflowModelVersion } };
  searchModelVersions: {
    request: Paged & { filter: string; order_by?: string[] };
    response: { model_versions?: MlflowModelVersion[]; next_page_token?: string };
  };
  setModelVersionTag: { request: { name: string; version: string; key: string; value: string }; response: object };
  getLoggedModel: { request: { model_id: string }; response: { model: MlflowLoggedModel } };
}
