import type { AgrawalStream, InputShift, LabelledApplication } from '../../datagen/agrawal-stream.js';
import { createProgressBar, type ProgressStream } from '../progress-bar.js';
import type { DemoApi } from './demo-api.js';
import { BASE_ROWS_PER_SECOND, type DemoScenario } from './demo-scenario.js';

/** One scored application and its ground truth. */
interface Scored {
  readonly id: string;
  readonly truth: 0 | 1;
}

/** Resolves after `ms`, or at once when the signal aborts. */
export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });

/** Accuracy of the served predictions against the generator's ground truth, per stage and serving version. */
function createAccuracyTally() {
  const tally = new Map<string, { hits: number; n: number }>();
  let stage = '';
  return {
    setStage(name: string) {
      stage = name;
    },
    add(version: string, hit: boolean) {
      const entry = tally.get(`${stage}\u0000${version}`) ?? { hits: 0, n: 0 };
      entry.hits += hit ? 1 : 0;
      entry.n++;
      tally.set(`${stage}\u0000${version}`, entry);
    },
    /** Accuracy and count of a stage's predictions (of one version, when given). */
    of(name: string, version?: string): { accuracy: number; n: number } {
      let hits = 0;
      let n = 0;
      for (const [key, entry] of tally) {
        const [s, v] = key.split('\u0000');
        if (s === name && (version === undefined || v === version)) {
          hits += entry.hits;
          n += entry.n;
        }
      }
      return { accuracy: n === 0 ? Number.NaN : hits / n, n };
    },
  };
}

/** Scores applications over the API at the scenario's pace and sends their labels as the phase says. */
export function createTraffic(
  api: DemoApi,
  options: {
    readonly model: string;
    readonly scenario: DemoScenario;
    readonly signal: AbortSignal;
    readonly out: ProgressStream;
  },
) {
  const { scenario, signal } = options;
  let bar = createProgressBar(options.out, { minRows: 0, verb: 'traffic:' });
  const rate = BASE_ROWS_PER_SECOND * scenario.speed;
  const batchRows = Math.max(10, Math.round(rate / 5));
  const accuracy = createAccuracyTally();
  const withheld: { predictionId: string; label: 0 | 1 }[] = [];
  let total = 0;

  /** Posts labels (at most 10,000 per request); returns how many the service joined. */
  async function postLabels(labels: { predictionId: string; label: 0 | 1 }[]): Promise<number> {
    let joined = 0;
    for (let i = 0; i < labels.length; i += 10_000) {
      joined += (
        await api.call<{ joined: number }>('POST', `/v1/models/${options.model}/labels`, {
          labels: labels.slice(i, i + 10_000),
        })
      ).joined;
    }
    return joined;
  }

  return {
    accuracy,
    /** Clears the progress line so a stage line can be printed (the bar is redrawn on the next batch). */
    clearProgress: () => bar.done(),
    get total() {
      return total;
    },
    /** Labels of the delayed predictions, sent at once (the "labels arrive" stage), after `announce(count)`. */
    async releaseWithheld(announce: (count: number) => void): Promise<{ sent: number; joined: number }> {
      const labels = withheld.splice(0);
      announce(labels.length);
      return { sent: labels.length, joined: await postLabels(labels) };
    },
    /**
     * Sends `rows` applications (then keeps going while `holdWhile()` is true, up to `maxRows`), drawing each from
     * `stream` with the shift `shiftAt(done, rows)`. Labels: `none` (not yet known), `delayed` (a share
     * `earlyLabelShare` arrives at once, the rest is withheld) or `prompt` (each batch's labels right after it).
     */
    async drive(phase: {
      label: string;
      stream: AgrawalStream;
      rows: number;
      maxRows: number;
      shiftAt: (done: number, rows: number) => InputShift | undefined;
      labels: 'none' | 'delayed' | 'prompt';
      holdWhile?: () => boolean;
    }): Promise<number> {
      bar = createProgressBar(options.out, { minRows: 0, verb: 'traffic:' });
      const started = performance.now();
      let done = 0;
      while (!signal.aborted && done < phase.maxRows && (done < phase.rows || (phase.holdWhile?.() ?? false))) {
        const n = Math.min(batchRows, phase.maxRows - done);
        const batch: LabelledApplication[] = [];
        for (let i = 0; i < n; i++) {
          phase.stream.setShift(phase.shiftAt(done + i, phase.rows));
          batch.push(phase.stream.next());
        }
        const answer = await api.call<{ predictions: { id: string; class: number | string; modelVersion: string }[] }>(
          'POST',
          `/v1/models/${options.model}/predict`,
          {
            rows: batch.map((a) => ({ features: a.features })),
          },
        );
        const scored: Scored[] = answer.predictions.map((p, i) => {
          const truth: 0 | 1 = batch[i].groupA ? 0 : 1;
          accuracy.add(p.modelVersion, Number(p.class) === truth);
          return { id: p.id, truth };
        });
        const labels = scored.map((s) => ({ predictionId: s.id, label: s.truth }));
        if (phase.labels === 'prompt') await postLabels(labels);
        if (phase.labels === 'delayed') {
          const early = labels.filter(
            (_, i) => (done + i) % Math.max(1, Math.round(1 / scenario.earlyLabelShare)) === 0,
          );
          if (early.length > 0) await postLabels(early);
          withheld.push(...labels.filter((l) => !early.includes(l)));
        }
        done += n;
        total += n;
        if (done < phase.rows) bar.update(phase.label, { unit: 'rows', done, total: phase.rows });
        else bar.update(`${phase.label}, waiting for the service`, { unit: 'rows', done, total: done });
        const due = started + (done / rate) * 1000;
        await sleep(Math.max(0, due - performance.now()), signal);
      }
      bar.done();
      return done;
    },
  };
}

export type Traffic = ReturnType<typeof createTraffic>;
