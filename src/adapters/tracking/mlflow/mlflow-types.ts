/** MLflow REST wire shapes (JSON of MLflow's protobuf messages, snake_case; int64 fields may arrive as strings). */

export interface MlflowTag {
  key: string;
  value: string;
}

export interface MlflowMetric {
  key: string;
  value: number | string;
  timestamp: number | string;
  step?: number | string;
}

export interface MlflowExperiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
}

export interface MlflowRunInfo {
  run_id: string;
  experiment_id: string;
  run_name?: string;
  status?: string;
  start_time?: number | string;
  end_time?: number | string;
  artifact_uri?: string;
}

export interface MlflowDatasetInput {
  tags?: MlflowTag[];
  dataset: {
    name: string;
    digest: string;
    source_type: string;
    source: string;
    schema?: string;
    profile?: string;
  };
}

export interface MlflowRun {
  info: MlflowRunInfo;
  data?: { metrics?: MlflowMetric[]; params?: MlflowTag[]; tags?: MlflowTag[] };
  inputs?: { dataset_inputs?: MlflowDatasetInput[] };
}

export interface MlflowModelVersion {
  name: string;
  version: string;
  source?: string;
  run_id?: string;
  status?: string;
  creation_timestamp?: number | string;
  tags?: MlflowTag[];
  aliases?: string[];
}

export interface MlflowRegisteredModel {
  name: string;
  creation_timestamp?: number | string;
  tags?: MlflowTag[];
  aliases?: { alias: string; version: string }[];
}

export interface MlflowArtifactFile {
  path: string;
  is_dir?: boolean;
  file_size?: number | string;
}

/** MLflow 3 LoggedModel (`GET /api/2.0/mlflow/logged-models/{model_id}`); its files live under `artifact_uri`. */
export interface MlflowLoggedModel {
  info: { model_id: string; artifact_uri?: string; status?: string; source_run_id?: string };
}
