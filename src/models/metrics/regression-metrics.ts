import { requireFiniteValues, requireSameLength } from './validate-metric-input.js';

function residuals(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  requireFiniteValues(yTrue, 'yTrue');
  requireFiniteValues(yPred, 'yPred');
  requireSameLength(yTrue, yPred, 'yPred');
}

function sumOfSquaredErrors(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i] - yPred[i];
    sum += d * d;
  }
  return sum;
}

/** Root mean squared error √((1/n) Σ (yᵢ − ŷᵢ)²); sklearn `root_mean_squared_error(y_true, y_pred)`. */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  residuals(yTrue, yPred);
  return Math.sqrt(sumOfSquaredErrors(yTrue, yPred) / yTrue.length);
}

/** Mean absolute error (1/n) Σ |yᵢ − ŷᵢ|; sklearn `mean_absolute_error(y_true, y_pred)`. */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  residuals(yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i]);
  return sum / yTrue.length;
}

/**
 * Coefficient of determination R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)²; sklearn `r2_score(y_true, y_pred)`
 * (`force_finite=True`: a constant yTrue gives 1 for a perfect prediction, else 0 — never NaN or −∞).
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  residuals(yTrue, yPred);
  let mean = 0;
  for (let i = 0; i < yTrue.length; i++) mean += yTrue[i];
  mean /= yTrue.length;
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) total += (yTrue[i] - mean) ** 2;
  const residual = sumOfSquaredErrors(yTrue, yPred);
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}
