import type { DataTable } from '../../domain/data-table.js';
import type { RandomSource } from '../../models/evaluation/seeded-random.js';
import { selectRows } from '../../models/evaluation/select-rows.js';
import { gbdtTrainer } from '../../models/gbdt-trainer.js';
import type { FittedModel, GbdtParams } from '../../models/model-types.js';
import { mannWhitneyU } from '../../stats/mann-whitney-u.js';
import { checkMultivariateInput, type MultivariateInput } from './multivariate-input.js';
import type { ClassifierDetectorOptions } from './multivariate-options.js';
import type { ClassifierDriftResult, TopFeature } from './multivariate-result.js';
import { pooledTable, withPermutedColumn } from './pooled-table.js';
import { foldAssignment, permutation, sampleIndices } from './sample-indices.js';
import { rankTopFeatures } from './top-features.js';

/** The side label the classifier learns (1 = current); renamed when a feature already has this name. */
function labelName(input: MultivariateInput): string {
  const taken = new Set(input.features.map((f) => f.name));
  let name = '__driftguard_current__';
  while (taken.has(name)) name += '_';
  return name;
}

/** Fast, shallow settings: the classifier only has to notice a difference, not to be a good model. */
function gbdtParams(options: ClassifierDetectorOptions): Partial<GbdtParams> {
  return {
    maxIterations: options.trees,
    learningRate: options.learningRate,
    maxDepth: options.maxDepth,
    maxLeaves: 2 ** options.maxDepth,
    minSamplesLeaf: options.minSamplesLeaf,
    maxBins: 64,
    earlyStoppingRounds: 0,
    classWeight: 'balanced',
  };
}

/** One cross-fitting fold: its model and the pooled rows it did not see. */
interface Fold {
  readonly model: FittedModel;
  readonly heldOutRows: Int32Array;
  readonly heldOut: DataTable;
  /** Features the model splits on (a feature it never uses cannot change its scores). */
  readonly usedFeatures: ReadonlySet<string>;
}

function usedFeaturesOf(model: FittedModel): Set<string> {
  const used = new Set<string>();
  const { estimator } = model.toJSON();
  if (estimator.kind !== 'gbdt') return used;
  const columns = model.preprocessing.outputColumns;
  for (const tree of estimator.trees) for (const f of tree.feature) if (f >= 0) used.add(columns[f]);
  return used;
}

/** AUC of `scores` with rows [0, nRef) as negatives and [nRef, n) as positives = U / (n₀·n₁), and its one-sided p-value. */
function aucTest(scores: Float64Array, nRef: number): { auc: number; pValue: number } {
  const current = scores.subarray(nRef);
  const reference = scores.subarray(0, nRef);
  const { statistic, pValue } = mannWhitneyU(current, reference, 'greater');
  // a clear separation drives the normal tail below the smallest double: report that bound, never 0
  return { auc: statistic / (current.length * reference.length), pValue: Math.max(pValue, Number.MIN_VALUE) };
}

/**
 * Permutation importance on the out-of-fold scores: for each feature, its cells are permuted within every
 * held-out fold, the fold models re-score those rows, and the importance is the drop of the pooled AUC.
 */
function permutationImportance(
  folds: readonly Fold[],
  oof: Float64Array,
  nRef: number,
  baseAuc: number,
  features: readonly string[],
  random: RandomSource,
): TopFeature[] {
  return features.map((name) => {
    const scores = Float64Array.from(oof);
    let touched = false;
    for (const fold of folds) {
      if (!fold.usedFeatures.has(name)) continue;
      touched = true;
      const permuted = withPermutedColumn(fold.heldOut, name, permutation(fold.heldOut.rowCount, random));
      const foldScores = fold.model.predictProbaBatch(permuted);
      for (let k = 0; k < fold.heldOutRows.length; k++) scores[fold.heldOutRows[k]] = foldScores[k];
    }
    return { name, importance: touched ? baseAuc - aucTest(scores, nRef).auc : 0 };
  });
}

/**
 * Domain-classifier drift test (NannyML's DomainClassifierCalculator; Rabanser et al., "Failing Loudly", 2019):
 * a gbdt learns to tell current rows (1) from reference rows (0), cross-fitted over stratified folds so every row is
 * scored by a model that never saw it. Statistic: the out-of-fold ROC AUC. p-value: one-sided Mann–Whitney U of
 * the current rows' out-of-fold scores against the reference rows' (valid: a held-out row's score is independent
 * of its side under H₀). Drift when p < `pValueThreshold` AND AUC ≥ `aucFloor`. Categorical features go in as
 * the gbdt's ordinal codes, missing values into the trees' missing bin (their own signal); each side is sampled
 * to `maxRowsPerSide` rows. Attribution (drifted results only): permutation importance on the out-of-fold scores.
 */
export function classifierDrift(
  input: MultivariateInput,
  options: ClassifierDetectorOptions,
  topFeatureCount: number,
  random: RandomSource,
): ClassifierDriftResult {
  checkMultivariateInput(input, options.folds, 'classifier');
  const referenceRows = sampleIndices(input.reference.rowCount, options.maxRowsPerSide, random);
  const currentRows = sampleIndices(input.current.rowCount, options.maxRowsPerSide, random);
  const nRef = referenceRows.length;
  const n = nRef + currentRows.length;
  const label = labelName(input);
  const sides = Array.from({ length: n }, (_, i) => (i < nRef ? 0 : 1));
  const pooled = pooledTable(input, referenceRows, currentRows, { [label]: sides });
  const refFolds = foldAssignment(nRef, options.folds, random);
  const curFolds = foldAssignment(n - nRef, options.folds, random);
  const foldOf = (i: number): number => (i < nRef ? refFolds[i] : curFolds[i - nRef]);
  const params = gbdtParams(options);
  const features = input.features.map((f) => ({ name: f.name, kind: f.kind }));

  const oof = new Float64Array(n);
  const folds: Fold[] = [];
  for (let k = 0; k < options.folds; k++) {
    const trainRows: number[] = [];
    const heldOut: number[] = [];
    for (let i = 0; i < n; i++) (foldOf(i) === k ? heldOut : trainRows).push(i);
    const { model } = gbdtTrainer.fit(
      {
        table: selectRows(pooled, trainRows),
        target: label,
        task: 'binary',
        positiveClass: '1',
        features,
        preprocessing: { invalidValue: 'missing' },
      },
      null,
      params,
      Math.floor(random() * 2 ** 31),
    );
    const heldOutTable = selectRows(pooled, heldOut);
    const scores = model.predictProbaBatch(heldOutTable);
    for (let j = 0; j < heldOut.length; j++) oof[heldOut[j]] = scores[j];
    folds.push({
      model,
      heldOutRows: Int32Array.from(heldOut),
      heldOut: heldOutTable,
      usedFeatures: usedFeaturesOf(model),
    });
  }
  const { auc, pValue } = aucTest(oof, nRef);
  const drifted = pValue < options.pValueThreshold && auc >= options.aucFloor;
  const topFeatures =
    drifted && topFeatureCount > 0
      ? rankTopFeatures(
          permutationImportance(
            folds,
            oof,
            nRef,
            auc,
            features.map((f) => f.name),
            random,
          ),
          topFeatureCount,
        )
      : [];
  return {
    method: 'classifier',
    statisticName: 'roc_auc',
    statistic: auc,
    pValue,
    threshold: options.pValueThreshold,
    aucFloor: options.aucFloor,
    drifted,
    topFeatures,
    importanceName: 'permutation_auc_drop',
    referenceRowCount: nRef,
    currentRowCount: n - nRef,
    featureCount: features.length,
    folds: options.folds,
  };
}
