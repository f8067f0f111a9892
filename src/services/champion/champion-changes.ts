import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { ModelRegistry } from '../../ports/model-registry.js';
import type { ReferenceProfileRepository } from '../../ports/store.js';
import { TrackingError } from '../../ports/tracking-error.js';
import type { MonitoredModels } from '../monitored-models.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../service-errors.js';
import type { ServingModels } from '../serving/serving-models.js';
import { type AliasMoveResult, promoteVersion, rollbackAlias } from './alias-moves.js';
import { championReferenceSource } from './champion-reference.js';

export interface ChampionChange {
  readonly fromVersion: string | null;
  readonly toVersion: string;
  /** False when the champion already was that version (nothing moved). */
  readonly changed: boolean;
}

export interface ChampionMoveRequest {
  /** Who asks (API key name, `driftguard-retrainer` …), recorded in the registry. */
  readonly by: string;
  readonly reason: string;
}

/** Registry refusals as the service errors the HTTP edge maps to 404 / 409 / 422; anything else (outage) as is. */
function asServiceError(error: unknown): unknown {
  if (!(error instanceof TrackingError)) return error;
  if (error.kind === 'not_found')
    return new NotFoundError(error.message, [{ path: '/version', reason: 'not found in the registry' }]);
  if (error.kind === 'conflict') return new ConflictError(error.message);
  if (error.kind === 'invalid') return new UnprocessableError(error.message);
  return error;
}

export interface ChampionChangesOptions {
  readonly store: ReferenceProfileRepository;
  readonly models: MonitoredModels;
  readonly registry: ModelRegistry;
  readonly serving: ServingModels;
  readonly events: EventBus;
  readonly clock: Clock;
}

/**
 * Moving the champion and everything that follows it, in one place for manual promotion, rollback and the retraining
 * job: the registry alias moves (with the audit trail of alias-moves.ts), the serving model is swapped atomically
 * (a request sees the old or the new model, never neither), the new champion's training-data profile becomes the
 * reference drift is measured against, and a `model` event tells the dashboard.
 */
export function createChampionChanges(options: ChampionChangesOptions) {
  const { store, clock } = options;

  async function follow(
    name: string,
    move: AliasMoveResult,
    action: 'promote' | 'rollback',
    reason: string,
  ): Promise<ChampionChange> {
    const change = { fromVersion: move.fromVersion, toVersion: move.toVersion, changed: move.changed };
    const loaded = await options.serving.refresh(name);
    // The alias moved (or this process served another version; a background refresh may have swapped it already).
    if (loaded !== null && (move.changed || loaded.changed) && loaded.referenceProfile !== null) {
      const source = championReferenceSource(loaded.serving.version, `${action}: ${reason}`);
      await store.saveReferenceProfile(name, source, loaded.referenceProfile, clock.nowMs());
    }
    if (move.changed) {
      options.events.publish({
        type: 'model',
        model: name,
        atMs: clock.nowMs(),
        data: { event: 'champion_changed', action, ...change, reason },
      });
    }
    return change;
  }

  async function move(
    name: string,
    action: 'promote' | 'rollback',
    run: () => Promise<AliasMoveResult>,
    reason: string,
  ): Promise<ChampionChange> {
    await options.models.get(name);
    let result: AliasMoveResult;
    try {
      result = await run();
    } catch (error) {
      throw asServiceError(error);
    }
    return follow(name, result, action, reason);
  }

  return {
    /** Points `champion` at `version` and serves it. */
    promote(name: string, version: string, request: ChampionMoveRequest): Promise<ChampionChange> {
      return move(
        name,
        'promote',
        () =>
          promoteVersion(options.registry, name, version, {
            by: request.by,
            reason: request.reason,
            atMs: clock.nowMs(),
          }),
        request.reason,
      );
    },
    /** Moves `champion` back to the version that held it before the current one, and serves it with its reference. */
    rollback(name: string, request: ChampionMoveRequest): Promise<ChampionChange> {
      return move(
        name,
        'rollback',
        () => rollbackAlias(options.registry, name, { by: request.by, reason: request.reason, atMs: clock.nowMs() }),
        request.reason,
      );
    },
  };
}

export type ChampionChanges = ReturnType<typeof createChampionChanges>;
