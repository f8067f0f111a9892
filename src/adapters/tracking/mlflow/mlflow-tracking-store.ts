/**
 * TrackingStore over MLflow's REST API. Artifacts go through the server's artifact proxy
 * (`/api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/…`), so the server must run with
 * `--artifacts-destination` (the default for `mlflow server` ≥ 2.0, `--serve-artifacts`).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isTrackingError, TrackingError } from '../../../ports/tracking-error.js';
import type {
  ArtifactEntry,
  ArtifactFile,
  CreateRunOptions,
  DatasetInput,
  Experiment,
  Metric,
  Run,
  RunInfo,
  RunLogBatch,
  RunStatus,
  SearchRunsOptions,
  TrackingStore,
} from '../../../ports/tracking-store.js';
import {
  compareArtifactEntries,
  normalizeArtifactPath,
  validateDatasetInputs,
  validateLogBatch,
} from '../../../ports/tracking-validation.js';
import { downloadFromArtifactProxy } from './artifact-proxy-download.js';
import { chunkLogBatch } from './chunk-log-batch.js';
import type { MlflowClient } from './mlflow-client.js';
import type { MlflowExperiment, MlflowMetric, MlflowRun, MlflowRunInfo, MlflowTag } from './mlflow-types.js';

const num = (value: number | string | undefined): number => (value === undefined ? 0 : Number(value));
const toRecord = (tags: readonly MlflowTag[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

function toExperiment(e: MlflowExperiment): Experiment {
  return {
    experimentId: e.experiment_id,
    name: e.name,
    artifactLocation: e.artifact_location ?? '',
    lifecycleStage: e.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
  };
}

function toRunInfo(info: MlflowRunInfo): RunInfo {
  return {
    runId: info.run_id,
    experimentId: info.experiment_id,
    runName: info.run_name ?? '',
    status: (info.status ?? 'RUNNING') as RunStatus,
    startTimeMs: num(info.start_time),
    endTimeMs: info.end_time === undefined ? null : num(info.end_time),
    artifactUri: info.artifact_uri ?? '',
  };
}

function toMetric(m: MlflowMetric): Metric {
  return { key: m.key, value: Number(m.value), timestampMs: num(m.timestamp), step: num(m.step) };
}

function toRun(run: MlflowRun): Run {
  return {
    info: toRunInfo(run.info),
    params: toRecord(run.data?.params),
    metrics: Object.fromEntries((run.data?.metrics ?? []).map((m) => [m.key, Number(m.value)])),
    tags: toRecord(run.data?.tags),
    inputs: (run.inputs?.dataset_inputs ?? []).map((input) => {
      const d = input.dataset;
      return {
        name: d.name,
        digest: d.digest,
        context: (input.tags ?? []).find((t) => t.key === 'mlflow.data.context')?.value ?? '',
        sourceType: d.source_type,
        source: d.source,
        ...(d.schema ? { schema: d.schema } : {}),
        ...(d.profile ? { profile: d.profile } : {}),
      };
    }),
  };
}

/** `mlflow-artifacts:/1/<run>/artifacts` or `mlflow-artifacts://host:port/1/<run>/artifacts` → `1/<run>/artifacts`. */
export function proxyPathOfArtifactUri(artifactUri: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(artifactUri);
  if (!match) {
    throw new TrackingError(
      `run artifact URI ${artifactUri} is not served by the MLflow artifact proxy; start the server with --artifacts-destination (artifact proxying)`,
      { kind: 'invalid', operation: 'artifacts' },
    );
  }
  return match[1].replace(/\/+$/, '');
}

async function listLocalFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

export function createMlflowTrackingStore(client: MlflowClient): TrackingStore {
  const artifactRoots = new Map<string, string>();

  async function artifactRoot(runId: string): Promise<string> {
    const cached = artifactRoots.get(runId);
    if (cached !== undefined) return cached;
    const { run } = await client.call('getRun', { run_id: runId });
    const root = proxyPathOfArtifactUri(run.info.artifact_uri ?? '');
    artifactRoots.set(runId, root);
    return root;
  }

  async function getExperimentByName(name: string): Promise<Experiment | null> {
    try {
      const { experiment } = await client.call('getExperimentByName', { experiment_name: name });
      return toExperiment(experiment);
    } catch (error) {
      if (isTrackingError(error, 'not_found')) return null;
      throw error;
    }
  }

  async function putFile(root: string, path: string, content: Uint8Array | string): Promise<void> {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    await client.putArtifact(`${root}/${path}`, bytes);
  }

  const store: TrackingStore = {
    getExperimentByName,

    async ensureExperiment(name) {
      const existing = await getExperimentByName(name);
      if (existing?.lifecycleStage === 'active') return existing;
      if (existing) {
        await client.call('restoreExperiment', { experiment_id: existing.experimentId });
        return { ...existing, lifecycleStage: 'active' };
      }
      try {
        await client.call('createExperiment', { name });
      } catch (error) {
        // Lost the race with another writer: the experiment exists now, which is what we want.
        if (!isTrackingError(error, 'already_exists')) throw error;
      }
      const created = await getExperimentByName(name);
      if (!created)
        throw new TrackingError(`experiment "${name}" vanished right after creation`, {
          kind: 'unavailable',
          operation: 'ensureExperiment',
        });
      return created;
    },

    async deleteExperiment(experimentId) {
      await client.call('deleteExperiment', { experiment_id: experimentId });
    },

    async createRun(options: CreateRunOptions) {
      const { run } = await client.call('createRun', {
        experiment_id: options.experimentId,
        run_name: options.runName,
        start_time: options.startTimeMs,
        tags: [...(options.tags ?? [])],
      });
      return toRunInfo(run.info);
    },

    async getRun(runId) {
      const { run } = await client.call('getRun', { run_id: runId });
      return toRun(run);
    },

    async logBatch(runId, batch: RunLogBatch) {
      validateLogBatch(batch);
      const chunks = chunkLogBatch({
        params: (batch.params ?? []).map((p) => ({ key: p.key, value: p.value })),
        tags: (batch.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
        metrics: (batch.metrics ?? []).map((m) => ({
          key: m.key,
          value: m.value,
          timestamp: m.timestampMs,
          step: m.step,
        })),
      });
      for (const chunk of chunks) await client.call('logBatch', { run_id: runId, ...chunk });
    },

    async logInputs(runId, datasets: readonly DatasetInput[]) {
      validateDatasetInputs(datasets);
      if (datasets.length === 0) return;
      await client.call('logInputs', {
        run_id: runId,
        datasets: datasets.map((d) => ({
          tags: [{ key: 'mlflow.data.context', value: d.context }],
          dataset: {
            name: d.name,
            digest: d.digest,
            source_type: d.sourceType,
            source: d.source,
            ...(d.schema ? { schema: d.schema } : {}),
            ...(d.profile ? { profile: d.profile } : {}),
          },
        })),
      });
    },

    async getMetricHistory(runId, key) {
      const metrics: Metric[] = [];
      let pageToken: string | undefined;
      do {
        const page = await client.call('getMetricHistory', {
          run_id: runId,
          metric_key: key,
          max_results: 25000,
          ...(pageToken ? { page_token: pageToken } : {}),
        });
        metrics.push(...(page.metrics ?? []).map(toMetric));
        pageToken = page.next_page_token || undefined;
      } while (pageToken);
      return metrics.sort((a, b) => a.step - b.step || a.timestampMs - b.timestampMs);
    },

    async terminateRun(runId, status, endTimeMs) {
      await client.call('updateRun', { run_id: runId, status, end_time: endTimeMs });
    },

    async searchRuns(experimentIds, options: SearchRunsOptions = {}) {
      const maxResults = options.maxResults ?? 100;
      const runs: Run[] = [];
      let pageToken: string | undefined;
      do {
        const page = await client.call('searchRuns', {
          experiment_ids: [...experimentIds],
          max_results: Math.min(maxResults - runs.length, 1000),
          order_by: ['attributes.start_time DESC'],
          ...(options.filter ? { filter: options.filter } : {}),
          ...(pageToken ? { page_token: pageToken } : {}),
        });
        runs.push(...(page.runs ?? []).map(toRun));
        pageToken = page.next_page_token || undefined;
      } while (pageToken && runs.length < maxResults);
      return runs;
    },

    async logArtifacts(runId, files: readonly ArtifactFile[], artifactPath) {
      const base = normalizeArtifactPath(artifactPath, 'logArtifacts');
      const root = await artifactRoot(runId);
      for (const file of files) {
        const path = normalizeArtifactPath(file.path, 'logArtifacts');
        if (path === '')
          throw new TrackingError('logArtifacts: a file path is empty', { kind: 'invalid', operation: 'logArtifacts' });
        await putFile(root, base ? `${base}/${path}` : path, file.content);
      }
    },

    async logArtifactPath(runId, localPath, artifactPath) {
      const base = normalizeArtifactPath(artifactPath, 'logArtifactPath');
      const info = await stat(localPath);
      const root = await artifactRoot(runId);
      if (info.isFile()) {
        const name = localPath.split(sep).pop() ?? 'file';
        await putFile(root, base ? `${base}/${name}` : name, await readFile(localPath));
        return;
      }
      for (const file of await listLocalFiles(localPath)) {
        await putFile(root, base ? `${base}/${file}` : file, await readFile(join(localPath, file)));
      }
    },

    async listArtifacts(runId, path) {
      const relativeDir = normalizeArtifactPath(path, 'listArtifacts');
      const root = await artifactRoot(runId);
      const files = await client.listArtifactDirectory(relativeDir ? `${root}/${relativeDir}` : root);
      return files
        .map(
          (f): ArtifactEntry => ({
            path: relativeDir ? `${relativeDir}/${f.path}` : f.path,
            isDir: f.is_dir === true,
            fileSizeBytes: f.is_dir ? null : num(f.file_size),
          }),
        )
        .sort(compareArtifactEntries);
    },

    async readArtifact(runId, path) {
      const relativePath = normalizeArtifactPath(path, 'readArtifact');
      const root = await artifactRoot(runId);
      return client.getArtifact(`${root}/${relativePath}`);
    },

    async downloadArtifacts(runId, path, localDir) {
      return downloadFromArtifactProxy(
        client,
        await artifactRoot(runId),
        normalizeArtifactPath(path, 'downloadArtifacts'),
        localDir,
      );
    },
  };
  return store;
}
