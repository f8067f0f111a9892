import { StatsInputError } from '../stats-input-error.js';
import { incompleteBetaWithLogs } from './incomplete-beta.js';

/**
 * Student t survival function P(T_dof > t) for any real dof > 0 — scipy.stats.t.sf(t, dof)
 * (scipy.special.stdtr(dof, −t)). For t > 0 it is ½·I_x(dof/2, ½) with x = dof/(dof + t²); x and
 * 1 − x = t²/(dof + t²) are both formed directly so neither tail loses accuracy.
 */
export function studentTSf(t: number, dof: number): number {
  if (Number.isNaN(t)) throw new StatsInputError('t', 'must be a number, got NaN');
  if (!(dof / 2 > 0) || dof === Infinity)
    throw new StatsInputError('dof', `must be a finite number > 1e-323, got ${dof}`);
  if (t === 0) return 0.5;
  const abs = Math.abs(t);
  const t2 = abs * abs;
  let tail: number;
  if (t2 === Infinity) {
    const x = dof / abs / abs;
    tail = 0.5 * incompleteBetaWithLogs(dof / 2, 0.5, x, 1, Math.log(dof) - 2 * Math.log(abs), 0);
  } else {
    const ratio = t2 / dof;
    const logOnePlusRatio = Math.log1p(ratio);
    const x = dof / (dof + t2);
    const y = t2 / (dof + t2);
    tail = 0.5 * incompleteBetaWithLogs(dof / 2, 0.5, x, y, -logOnePlusRatio, Math.log(ratio) - logOnePlusRatio);
  }
  return t > 0 ? tail : 1 - tail;
}
