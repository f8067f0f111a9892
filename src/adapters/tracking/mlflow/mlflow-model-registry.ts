/** ModelRegistry over MLflow's Model Registry REST API (registered models, versions, tags, aliases). */

import type { ModelRegistry, ModelVersion, RegisteredModel } from '../../../ports/model-registry.js';
import { isTrackingError, TrackingError } from '../../../ports/tracking-error.js';
import { validateAlias } from '../../../ports/tracking-validation.js';
import { downloadFromArtifactProxy } from './artifact-proxy-download.js';
import type { MlflowClient } from './mlflow-client.js';
import type { MlflowModelVersion, MlflowRegisteredModel, MlflowTag } from './mlflow-types.js';
import { proxyRootOfModelSource } from './model-version-source.js';

const toRecord = (tags: readonly MlflowTag[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

function toRegisteredModel(m: MlflowRegisteredModel): RegisteredModel {
  return {
    name: m.name,
    creationTimeMs: Number(m.creation_timestamp ?? 0),
    tags: toRecord(m.tags),
    aliases: Object.fromEntries((m.aliases ?? []).map((a) => [a.alias, String(a.version)])),
  };
}

function toModelVersion(v: MlflowModelVersion): ModelVersion {
  return {
    name: v.name,
    version: String(v.version),
    source: v.source ?? '',
    runId: v.run_id ?? '',
    status: v.status ?? 'READY',
    creationTimeMs: Number(v.creation_timestamp ?? 0),
    tags: toRecord(v.tags),
    aliases: [...(v.aliases ?? [])].sort(),
  };
}

/** MLflow answers a missing alias with 400 INVALID_PARAMETER_VALUE "Registered model alias X not found". */
function isMissingAlias(error: unknown): boolean {
  return (
    isTrackingError(error, 'not_found') ||
    (isTrackingError(error, 'invalid') && /alias .* not found/i.test(error.message))
  );
}

/** Model-registry filter strings use single quotes; a quote inside a name is backslash-escaped. */
const quote = (value: string): string => `'${value.replace(/'/g, "\\'")}'`;

export function createMlflowModelRegistry(client: MlflowClient): ModelRegistry {
  async function getRegisteredModel(name: string): Promise<RegisteredModel | null> {
    try {
      return toRegisteredModel((await client.call('getRegisteredModel', { name })).registered_model);
    } catch (error) {
      if (isTrackingError(error, 'not_found')) return null;
      throw error;
    }
  }

  /** Like MlflowClient._wait_for_model_version_creation: poll a PENDING_REGISTRATION version until READY (60 s). */
  async function waitUntilReady(version: ModelVersion): Promise<ModelVersion> {
    let current = version;
    for (let attempt = 0; current.status === 'PENDING_REGISTRATION' && attempt < 120; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      current = toModelVersion(
        (await client.call('getModelVersion', { name: version.name, version: version.version })).model_version,
      );
    }
    if (current.status !== 'READY') {
      throw new TrackingError(
        `createModelVersion: version ${current.version} of "${current.name}" ended in status ${current.status}`,
        {
          kind: current.status === 'PENDING_REGISTRATION' ? 'unavailable' : 'invalid',
          operation: 'createModelVersion',
        },
      );
    }
    return current;
  }

  return {
    getRegisteredModel,

    async ensureRegisteredModel(name) {
      const existing = await getRegisteredModel(name);
      if (existing) return existing;
      try {
        return toRegisteredModel((await client.call('createRegisteredModel', { name })).registered_model);
      } catch (error) {
        if (!isTrackingError(error, 'already_exists')) throw error;
        const raced = await getRegisteredModel(name);
        if (!raced) throw error;
        return raced;
      }
    },

    async listRegisteredModels() {
      const models: RegisteredModel[] = [];
      let pageToken: string | undefined;
      do {
        const page = await client.call('searchRegisteredModels', {
          max_results: 1000,
          ...(pageToken ? { page_token: pageToken } : {}),
        });
        models.push(...(page.registered_models ?? []).map(toRegisteredModel));
        pageToken = page.next_page_token || undefined;
      } while (pageToken);
      return models.sort((a, b) => a.name.localeCompare(b.name));
    },

    async setRegisteredModelTag(name, key, value) {
      await client.call('setRegisteredModelTag', { name, key, value });
    },

    async createModelVersion(options) {
      const { model_version } = await client.call('createModelVersion', {
        name: options.name,
        source: options.source,
        run_id: options.runId,
        tags: [...(options.tags ?? [])],
        ...(options.description ? { description: options.description } : {}),
      });
      return waitUntilReady(toModelVersion(model_version));
    },

    async getModelVersion(name, version) {
      try {
        return toModelVersion((await client.call('getModelVersion', { name, version })).model_version);
      } catch (error) {
        if (isTrackingError(error, 'not_found')) return null;
        throw error;
      }
    },

    async listModelVersions(name) {
      const versions: ModelVersion[] = [];
      let pageToken: string | undefined;
      do {
        const page = await client.call('searchModelVersions', {
          filter: `name=${quote(name)}`,
          max_results: 10000,
          ...(pageToken ? { page_token: pageToken } : {}),
        });
        versions.push(...(page.model_versions ?? []).map(toModelVersion));
        pageToken = page.next_page_token || undefined;
      } while (pageToken);
      // search results omit aliases in some MLflow versions: take them from the registered model.
      const model = await getRegisteredModel(name);
      const aliasesOf = new Map<string, string[]>();
      for (const [alias, version] of Object.entries(model?.aliases ?? {}))
        aliasesOf.set(version, [...(aliasesOf.get(version) ?? []), alias]);
      return versions
        .map((v) => ({ ...v, aliases: [...(aliasesOf.get(v.version) ?? [])].sort() }))
        .sort((a, b) => Number(b.version) - Number(a.version));
    },

    async setModelVersionTag(name, version, key, value) {
      await client.call('setModelVersionTag', { name, version, key, value });
    },

    async setAlias(name, alias, version) {
      validateAlias(alias);
      await client.call('setAlias', { name, alias, version });
    },

    async getVersionByAlias(name, alias) {
      try {
        return toModelVersion((await client.call('getModelVersionByAlias', { name, alias })).model_version);
      } catch (error) {
        if (isMissingAlias(error)) return null;
        throw error;
      }
    },

    async deleteAlias(name, alias) {
      try {
        await client.call('deleteAlias', { name, alias });
      } catch (error) {
        if (!isMissingAlias(error)) throw error;
      }
    },

    async downloadModelVersion(name, version, localDir) {
      const found = toModelVersion((await client.call('getModelVersion', { name, version })).model_version);
      return downloadFromArtifactProxy(client, await proxyRootOfModelSource(client, found), '', localDir);
    },
  };
}
