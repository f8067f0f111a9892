import { profileFeature } from '../../drift/build-reference-profile.js';
import { evaluateFeature, type FeatureEvaluation } from '../../drift/evaluate-drift.js';
import type { ColumnProfile } from '../../drift/reference-profile.js';
import type { DriftColumnRunner, EvaluateColumnTask, ProfileColumnTask } from '../../ports/drift-column-runner.js';

/** One profiling task, wherever it runs (the calling thread or a drift-column thread). */
export function runProfileColumnTask(task: ProfileColumnTask): ColumnProfile {
  return profileFeature(task.feature, task.column, task.options);
}

/** One evaluation task, wherever it runs. */
export function runEvaluateColumnTask(task: EvaluateColumnTask): FeatureEvaluation {
  return evaluateFeature(task.profile, task.feature, task.column, task.rowCount, task.config);
}

/** Runs every column task on the calling thread, in order (`threads` 1). */
export function createInThreadColumnRunner(): DriftColumnRunner {
  const all = <T, R>(tasks: readonly T[], run: (task: T) => R, onDone?: (done: number, total: number) => void) =>
    tasks.map((task, i) => {
      const result = run(task);
      onDone?.(i + 1, tasks.length);
      return result;
    });
  return {
    threads: 1,
    async profile(tasks, onDone) {
      return all(tasks, runProfileColumnTask, onDone);
    },
    async evaluate(tasks, onDone) {
      return all(tasks, runEvaluateColumnTask, onDone);
    },
    async close() {},
  };
}
