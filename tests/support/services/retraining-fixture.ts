import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInProcessEventBus } from '../../../src/adapters/events/in-process-event-bus.js';
import { createRegistryInferenceSource } from '../../../src/adapters/inference/registry-inference-source.js';
import { protobufjsOnnxCodec } from '../../../src/adapters/onnx/protobufjs-onnx-codec.js';
import { createSqliteStore } from '../../../src/adapters/store/sqlite/sqlite-store.js';
import { createParquetWriter } from '../../../src/adapters/tabular/parquet-writer.js';
import { createTrackingBackend } from '../../../src/compose.js';
import { type Cell, dataTableFromRows } from '../../../src/domain/data-table.js';
import type { NewPrediction } from '../../../src/domain/prediction-record.js';
import { createSeededRandom } from '../../../src/models/index.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { ServiceEvent } from '../../../src/ports/event-bus.js';
import type { TrackingBackend } from '../../../src/ports/tracking-backend.js';
import { createChampionChanges } from '../../../src/services/champion/champion-changes.js';
import type { MonitoredModelDefinition } from '../../../src/services/config/monitored-model-definition.js';
import { createMonitoredModels } from '../../../src/services/monitored-models.js';
import { createRetrainingJobs } from '../../../src/services/retraining/retraining-jobs.js';
import {
  createRetrainingRunner,
  type RetrainingRunnerOptions,
} from '../../../src/services/retraining/retraining-runner.js';
import { createServingModels } from '../../../src/services/serving/serving-models.js';
import { trackTraining } from '../../../src/services/training/track-training.js';
import { createTrainModelService } from '../../../src/services/training/train-model.js';
import { sampleReport } from '../drift/sample-report.js';

export type Concept = 'before' | 'after' | 'relabelled';
export type LoanRow = { x1: number; x2: number; region: string; label: 'yes' | 'no' };

/**
 * A seeded two-concept stream. `before`: x1, x2 ~ N(0, 1), label yes when x1 + 0.5·x2 + noise > 0. `after`: x1 shifts
 * to N(1.5, 1) and region b dominates (data drift), and the concept turns (label yes when 2·x2 − x1 + 1.5 + noise > 0),
 * so the old champion is much worse on it and a model trained on it is much better. `relabelled`: the inputs of
 * `before` (no data drift) under a new labelling function (label yes when x2 − x1 + noise > 0): a pure concept change
 * only performance shows.
 */
export function loanRows(n: number, seed: number, concept: Concept): LoanRow[] {
  const random = createSeededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: n }, () => {
    const x1 = (concept === 'after' ? 1.5 : 0) + normal();
    const x2 = normal();
    const u = random();
    const region = concept === 'after' ? (u < 0.7 ? 'b' : u < 0.85 ? 'a' : 'c') : u < 0.34 ? 'a' : u < 0.67 ? 'b' : 'c';
    const score = concept === 'after' ? 2 * x2 - x1 + 1.5 : concept === 'relabelled' ? x2 - x1 : x1 + 0.5 * x2;
    return {
      x1: Math.round(x1 * 1000) / 1000,
      x2: Math.round(x2 * 1000) / 1000,
      region,
      label: score + 0.3 * normal() > 0 ? 'yes' : 'no',
    };
  });
}

export const featuresOf = (row: LoanRow): Record<string, Cell> => ({ x1: row.x1, x2: row.x2, region: row.region });

/** The monitored model of these tests (count windows of 300, evaluated every 300 events). */
export function loanDefinition(
  name: string,
  retraining: MonitoredModelDefinition['retraining'] = {},
): MonitoredModelDefinition {
  return {
    name,
    task: 'classification',
    features: { x1: {}, x2: {}, region: { kind: 'categorical' } },
    target: 'label',
    drift: { window: { type: 'count', windowSize: 300, step: 300 }, persistenceWindows: 1 },
    monitoring: { evaluateEveryEvents: 300 },
    retraining,
    // `after` shifts x1 where the old champion is *more* confident, so its estimated performance rises while the
    // concept turns (CBPE cannot see concept shift): impact-aware grading would call that drift "no measurable
    // impact" and wait for labels. These tests tell the data-drift story (trigger, deferral for labels), so they opt out.
    estimation: { impactAware: false },
  };
}

/** Trains a logistic champion on `before` rows and registers it (with its training-data reference profile) as champion. */
export async function registerLoanChampion(backend: TrackingBackend, name: string, nowMs: number): Promise<string> {
  const trained = createTrainModelService({ clock: { nowMs: () => nowMs } }).train({
    table: dataTableFromRows(loanRows(1500, 1, 'before')),
    target: 'label',
    estimator: 'logistic',
  });
  const run = await trackTraining({
    backend,
    codec: protobufjsOnnxCodec,
    trained,
    estimator: 'logistic',
    params: {},
    dataFile: 'loanRows(before)',
    experiment: `${name}-initial`,
    registerAs: name,
    alias: 'champion',
    nowMs,
    by: 'test',
  });
  return run.version!.version;
}

/** A controllable clock (ms), starting at a fixed date. */
export function testClock(
  startMs = Date.UTC(2026, 10, 27, 8),
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = startMs;
  return { nowMs: () => now, advance: (ms) => (now += ms), set: (ms) => (now = ms) };
}

export interface RetrainingHarnessOptions {
  readonly name?: string;
  readonly retraining?: MonitoredModelDefinition['retraining'];
  /** Tracking URI of the runner and serving (default: a fresh local store, `file:<tmp>`). */
  readonly trackingUri?: string;
  /** Wraps the runner's backend (fault injection: an outage of one operation). */
  readonly runnerBackend?: (backend: TrackingBackend) => TrackingBackend;
  readonly clock?: ReturnType<typeof testClock>;
  /** The user's pipeline a `retraining.trainer` command / webhook declaration stands for. */
  readonly trainerFor?: RetrainingRunnerOptions['trainerFor'];
}

/** Store, tracking, serving, jobs and a runner wired like compose.ts does, with a champion registered and served. */
export async function createRetrainingHarness(options: RetrainingHarnessOptions = {}) {
  const name = options.name ?? 'loans';
  const dir = mkdtempSync(join(tmpdir(), 'driftguard-retraining-'));
  const clock = options.clock ?? testClock();
  const store = createSqliteStore({ path: join(dir, 'store.db') });
  await store.migrate();
  const backend = createTrackingBackend({
    trackingUri: options.trackingUri ?? `file:${join(dir, 'tracking')}`,
    dataDir: dir,
  });
  const events = createInProcessEventBus((error) => {
    throw error;
  });
  const published: ServiceEvent[] = [];
  events.subscribe((e) => published.push(e));
  const models = createMonitoredModels({ store, clock });
  await models.replace(loanDefinition(name, options.retraining));
  const serving = createServingModels({
    registry: backend.registry,
    tracking: backend.tracking,
    clock,
    models,
    inference: createRegistryInferenceSource({ registry: backend.registry }),
  });
  const champions = createChampionChanges({ store, models, registry: backend.registry, serving, events, clock });
  const jobs = createRetrainingJobs({ store, models, serving, clock, events });
  const errors: unknown[] = [];
  const makeRunner = (holder: string) =>
    createRetrainingRunner({
      store,
      models,
      jobs,
      serving,
      champions,
      backend: options.runnerBackend ? options.runnerBackend(backend) : backend,
      codec: protobufjsOnnxCodec,
      ...(options.trainerFor === undefined ? {} : { trainerFor: options.trainerFor }),
      tableWriter: createParquetWriter(),
      clock,
      holder,
      experimentName: () => `${name}-retraining`,
      onError: (_model, error) => errors.push(error),
    });
  const championVersion = await registerLoanChampion(backend, name, clock.nowMs());
  const loaded = await serving.refresh(name);
  await store.saveReferenceProfile(
    name,
    `champion version ${championVersion}`,
    loaded!.referenceProfile!,
    clock.nowMs(),
  );
  let sequence = 0;

  return {
    name,
    store,
    backend,
    events: published,
    models,
    serving,
    champions,
    jobs,
    clock,
    errors,
    championVersion,
    runner: makeRunner('replica-1'),
    makeRunner,
    /** Logs rows as predictions of the served champion (no labels yet); returns their ids. */
    async log(rows: readonly LoanRow[]): Promise<string[]> {
      const current = serving.get(name)!;
      const predictions: NewPrediction[] = rows.map((row) => {
        const score = current.model.fitted!.predictProba(featuresOf(row));
        return {
          id: `p${++sequence}`,
          model: name,
          modelVersion: current.version,
          timestampMs: clock.nowMs(),
          features: featuresOf(row),
          predictedClass: score > 0.5 ? 'yes' : 'no',
          score,
        };
      });
      await store.appendPredictions(name, predictions);
      clock.advance(1000);
      return predictions.map((p) => p.id);
    },
    /** Attaches the rows' labels to the predictions with these ids. */
    async label(ids: readonly string[], rows: readonly LoanRow[]): Promise<void> {
      await store.attachLabels(
        name,
        ids.map((id, i) => ({ predictionId: id, label: rows[i].label, timestampMs: clock.nowMs() })),
      );
    },
    /** Stores `n` drift reports of the given severity (what monitoring would have found). */
    async addReports(n: number, severity: 'none' | 'high', driftShare = severity === 'high' ? 0.67 : 0): Promise<void> {
      for (let i = 0; i < n; i++) {
        clock.advance(1000);
        await store.saveDriftReport(
          {
            model: name,
            windowStartMs: clock.nowMs() - 1000,
            windowEndMs: clock.nowMs(),
            createdAtMs: clock.nowMs(),
            severity,
            driftShare,
          },
          sampleReport([], { severity, driftShare }),
        );
      }
    },
    statuses: (jobId: string) =>
      published.flatMap((e) => (e.type === 'retraining' && e.data.job.id === jobId ? [e.data.job.status] : [])),
    async close() {
      await store.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
