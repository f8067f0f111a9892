/**
 * Promotion and rollback of registry aliases, with the record of who / why, built only on ModelRegistry primitives so
 * MLflow and the local store behave identically.
 *
 * Where the record lives (in MLflow it is visible in the UI and through the REST API):
 * - on the promoted version, tags `driftguard.previous_<alias>` (the version the alias pointed at before; empty when
 *   none), `driftguard.promoted_by`, `driftguard.promoted_at` (ISO-8601), `driftguard.promotion_reason`;
 * - on a version rolled back from, tags `driftguard.rolled_back_by`, `driftguard.rolled_back_at`,
 *   `driftguard.rollback_reason`;
 * - on the registered model, one tag per alias move, `driftguard.alias_log.<6-digit sequence>`, whose value is the
 *   JSON of an AliasEvent — the full audit trail, oldest first.
 * Rollback follows the `driftguard.previous_<alias>` link of the current holder and does not rewrite it, so repeated
 * rollbacks walk further back through the history instead of toggling between two versions.
 */
import { CHAMPION_ALIAS, type ModelRegistry, type ModelVersion } from '../../ports/model-registry.js';
import { TrackingError } from '../../ports/tracking-error.js';

export const ALIAS_LOG_TAG_PREFIX = 'driftguard.alias_log.';
export const previousAliasTag = (alias: string): string => `driftguard.previous_${alias}`;

export interface AliasEvent {
  readonly sequence: number;
  readonly action: 'promote' | 'rollback';
  readonly alias: string;
  /** Version the alias pointed at before (null: it was unset). */
  readonly fromVersion: string | null;
  readonly toVersion: string;
  readonly by: string;
  readonly reason: string;
  readonly atMs: number;
}

export interface AliasMoveOptions {
  /** Default `champion`. */
  readonly alias?: string;
  /** Who moved it (user name, `driftguard-retrainer`, …). */
  readonly by: string;
  readonly reason: string;
  /** Default Date.now(). */
  readonly atMs?: number;
}

export interface AliasMoveResult {
  readonly alias: string;
  readonly fromVersion: string | null;
  readonly toVersion: string;
  /** False when the alias already pointed at the version (nothing written). */
  readonly changed: boolean;
}

/** The alias audit trail of a registered model, oldest first (empty when the model has none or does not exist). */
export async function listAliasEvents(registry: ModelRegistry, name: string): Promise<AliasEvent[]> {
  const model = await registry.getRegisteredModel(name);
  if (!model) return [];
  return Object.entries(model.tags)
    .filter(([key]) => key.startsWith(ALIAS_LOG_TAG_PREFIX))
    .map(([, value]) => JSON.parse(value) as AliasEvent)
    .sort((a, b) => a.sequence - b.sequence);
}

async function appendAliasEvent(
  registry: ModelRegistry,
  name: string,
  event: Omit<AliasEvent, 'sequence'>,
): Promise<void> {
  const events = await listAliasEvents(registry, name);
  const sequence = (events.at(-1)?.sequence ?? 0) + 1;
  await registry.setRegisteredModelTag(
    name,
    `${ALIAS_LOG_TAG_PREFIX}${String(sequence).padStart(6, '0')}`,
    JSON.stringify({ sequence, ...event }),
  );
}

async function requireVersion(
  registry: ModelRegistry,
  name: string,
  version: string,
  operation: string,
): Promise<ModelVersion> {
  const found = await registry.getModelVersion(name, version);
  if (!found)
    throw new TrackingError(`${operation}: version ${version} of model "${name}" not found`, {
      kind: 'not_found',
      operation,
    });
  return found;
}

/**
 * Points `alias` (default champion) at `version`, recording the previous holder on the version and an AliasEvent on
 * the model. The alias move is the commit point: tags are written first, the event last.
 */
export async function promoteVersion(
  registry: ModelRegistry,
  name: string,
  version: string,
  options: AliasMoveOptions,
): Promise<AliasMoveResult> {
  const alias = options.alias ?? CHAMPION_ALIAS;
  const atMs = options.atMs ?? Date.now();
  await requireVersion(registry, name, version, 'promote');
  const current = await registry.getVersionByAlias(name, alias);
  const fromVersion = current?.version ?? null;
  if (fromVersion === version) return { alias, fromVersion, toVersion: version, changed: false };
  await registry.setModelVersionTag(name, version, previousAliasTag(alias), fromVersion ?? '');
  await registry.setModelVersionTag(name, version, 'driftguard.promoted_by', options.by);
  await registry.setModelVersionTag(name, version, 'driftguard.promoted_at', new Date(atMs).toISOString());
  await registry.setModelVersionTag(name, version, 'driftguard.promotion_reason', options.reason);
  await registry.setAlias(name, alias, version);
  await appendAliasEvent(registry, name, {
    action: 'promote',
    alias,
    fromVersion,
    toVersion: version,
    by: options.by,
    reason: options.reason,
    atMs,
  });
  return { alias, fromVersion, toVersion: version, changed: true };
}

/**
 * Moves `alias` (default champion) back to the version that held it before the current holder was promoted.
 * Throws TrackingError kind `conflict` when the alias is unset or no previous holder was recorded.
 */
export async function rollbackAlias(
  registry: ModelRegistry,
  name: string,
  options: AliasMoveOptions,
): Promise<AliasMoveResult> {
  const alias = options.alias ?? CHAMPION_ALIAS;
  const atMs = options.atMs ?? Date.now();
  const current = await registry.getVersionByAlias(name, alias);
  if (!current) {
    if (!(await registry.getRegisteredModel(name)))
      throw new TrackingError(`rollback: model "${name}" is not registered`, {
        kind: 'not_found',
        operation: 'rollback',
      });
    throw new TrackingError(`rollback: model "${name}" has no ${alias} to roll back`, {
      kind: 'conflict',
      operation: 'rollback',
    });
  }
  const previous = current.tags[previousAliasTag(alias)];
  if (!previous) {
    throw new TrackingError(
      `rollback: ${alias} version ${current.version} of "${name}" has no previous ${alias} recorded`,
      { kind: 'conflict', operation: 'rollback' },
    );
  }
  await requireVersion(registry, name, previous, 'rollback');
  await registry.setModelVersionTag(name, current.version, 'driftguard.rolled_back_by', options.by);
  await registry.setModelVersionTag(name, current.version, 'driftguard.rolled_back_at', new Date(atMs).toISOString());
  await registry.setModelVersionTag(name, current.version, 'driftguard.rollback_reason', options.reason);
  await registry.setAlias(name, alias, previous);
  await appendAliasEvent(registry, name, {
    action: 'rollback',
    alias,
    fromVersion: current.version,
    toVersion: previous,
    by: options.by,
    reason: options.reason,
    atMs,
  });
  return { alias, fromVersion: current.version, toVersion: previous, changed: true };
}
