import { describe, expect, it } from 'vitest';
import { lcgStream } from '../../tests/support/oracle/recipes.js';
import { type Cell, columnMap, type DataTable } from '../domain/data-table.js';
import { inferSchema } from '../domain/infer-schema.js';
import { jensenShannonDistance, wassersteinDistance } from '../stats/index.js';
import { buildReferenceProfile } from './build-reference-profile.js';
import type { DriftEngineOptions } from './drift-config.js';
import { DriftConfigError } from './drift-config-error.js';
import { chiSquareNoiseFloor, effectiveSampleSize, normedWassersteinNoiseFloor } from './effect-size-noise-floor.js';
import { evaluateDrift } from './evaluate-drift.js';

const distributions: Record<string, (u: () => number) => number> = {
  uniform: (u) => u(),
  normal: (u) => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()),
  lognormal: (u) => Math.exp(Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())),
};

function draw(n: number, gen: () => number): Float64Array {
  return Float64Array.from({ length: n }, gen);
}

function populationStd(x: Float64Array): number {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
}

function tableOf(columns: Record<string, ArrayLike<Cell>>): DataTable {
  const names = Object.keys(columns);
  return {
    columnNames: names,
    rowCount: columns[names[0]].length,
    columns: columnMap(Object.fromEntries(names.map((k) => [k, Array.from(columns[k])]))),
  };
}

describe('normed Wasserstein noise floor', () => {
  it('uses n_eff = n·m/(n + m)', () => {
    expect(effectiveSampleSize(1000, 1000)).toBe(500);
    expect(effectiveSampleSize(50_000, 5000)).toBeCloseTo(4545.45, 2);
    expect(effectiveSampleSize(0, 5000)).toBe(0);
  });

  it('for a uniform reference: (√(2/π)·π/8·√12 + √(2 ln 100)) / √n_eff, shrinking as 1/√n_eff', () => {
    const grid = Float64Array.from({ length: 5001 }, (_, i) => i / 5000);
    const std = 1 / Math.sqrt(12);
    const expectedAt = (nEff: number) =>
      (Math.sqrt(2 / Math.PI) * (Math.PI / 8) * Math.sqrt(12) + Math.sqrt(2 * Math.log(100))) / Math.sqrt(nEff);
    expect(normedWassersteinNoiseFloor(grid, std, 1000, 1000, 0.01)).toBeCloseTo(expectedAt(500), 3);
    expect(normedWassersteinNoiseFloor(grid, std, 1000, 1000, 0.01)).toBeCloseTo(0.184, 3);
    expect(
      normedWassersteinNoiseFloor(grid, std, 4000, 4000, 0.01) /
        normedWassersteinNoiseFloor(grid, std, 1000, 1000, 0.01),
    ).toBeCloseTo(0.5, 12);
    // a smaller probability asks for a higher floor
    expect(normedWassersteinNoiseFloor(grid, std, 1000, 1000, 0.001)).toBeGreaterThan(
      normedWassersteinNoiseFloor(grid, std, 1000, 1000, 0.01),
    );
  });

  it.each(Object.keys(distributions))(
    'at n = m = 1,000 i.i.d. %s samples reach the 1 %% floor in under 1 %% of 2,000 draws',
    (name) => {
      const gen = distributions[name];
      const u = lcgStream(7);
      const trials = 2000;
      let reached = 0;
      let largestRatio = 0;
      for (let t = 0; t < trials; t++) {
        const reference = draw(1000, () => gen(u)).sort();
        const current = draw(1000, () => gen(u));
        const std = populationStd(reference);
        const floor = normedWassersteinNoiseFloor(reference, std, 1000, 1000, 0.01);
        const distance = wassersteinDistance(reference, current) / std;
        largestRatio = Math.max(largestRatio, distance / floor);
        if (distance >= floor) reached++;
      }
      expect(reached / trials).toBeLessThan(0.01);
      // the fixed 0.1 floor alone is reached by noise in several % of these windows (the sea_abrupt false alarms)
      expect(largestRatio).toBeGreaterThan(0.5);
    },
  );
});

describe('chi-square noise floors (Jensen–Shannon, PSI)', () => {
  it('JS: √(χ²₀.₉₉(k − 1) / (8·n_eff)); PSI: χ²₀.₉₉(k − 1) / n_eff; 0 for one cell', () => {
    // χ²(4) upper 1 % quantile = 13.276704135987622 (scipy.stats.chi2.isf(0.01, 4))
    expect(chiSquareNoiseFloor('jensen_shannon', 5, 200, 200, 0.01)).toBeCloseTo(
      Math.sqrt(13.276704135987622 / 800),
      9,
    );
    expect(chiSquareNoiseFloor('psi', 5, 200, 200, 0.01)).toBeCloseTo(13.276704135987622 / 100, 9);
    expect(chiSquareNoiseFloor('psi', 1, 200, 200, 0.01)).toBe(0);
  });

  it('i.i.d. categorical samples (5 equally likely values, 200 vs 200) reach the JS floor in about 1 % of 2,000 draws', () => {
    const u = lcgStream(11);
    const trials = 2000;
    let reached = 0;
    for (let t = 0; t < trials; t++) {
      const ref = new Float64Array(5);
      const cur = new Float64Array(5);
      for (let i = 0; i < 200; i++) ref[Math.floor(u() * 5)]++;
      for (let i = 0; i < 200; i++) cur[Math.floor(u() * 5)]++;
      if (jensenShannonDistance(ref, cur, Math.E) >= chiSquareNoiseFloor('jensen_shannon', 5, 200, 200, 0.01))
        reached++;
    }
    // an asymptotic quantile: allow for the approximation at 40 expected values per cell
    expect(reached / trials).toBeLessThan(0.02);
  });
});

describe('evaluateDrift with sample-size-aware floors (driftguard mode)', () => {
  const u = lcgStream(3);
  const uniformTable = (shift = 0) =>
    tableOf({ f1: draw(1000, () => u() + shift), f2: draw(1000, u), f3: draw(1000, u) });
  const reference = uniformTable();
  const profile = buildReferenceProfile(reference, inferSchema(reference));

  it('three i.i.d. uniform inputs at n = 1,000 (sea_abrupt-like): ≤ 1 % of 450 feature tests drift in 150 windows (1 measured at the default 0.05); the fixed floor alone lets more through', () => {
    let drifted = 0;
    let driftedFixedOnly = 0;
    for (let w = 0; w < 150; w++) {
      const window = uniformTable();
      const report = evaluateDrift(profile, window);
      drifted += report.driftedFeatureCount;
      driftedFixedOnly += evaluateDrift(profile, window, { noiseFloorProbability: null }).driftedFeatureCount;
      for (const f of report.features) {
        expect(f.effectSizeNoiseFloor).toBeGreaterThan(0.15);
        expect(f.effectSizeThreshold).toBe(Math.max(0.1, f.effectSizeNoiseFloor!));
      }
    }
    expect(drifted / 450).toBeLessThanOrEqual(0.01);
    expect(driftedFixedOnly).toBeGreaterThan(drifted);
  });

  it('a mean shift of 0.4 σ of one input at n = 1,000 is still flagged in every one of 50 windows', () => {
    const sigma = 1 / Math.sqrt(12);
    for (let w = 0; w < 50; w++) {
      const report = evaluateDrift(profile, uniformTable(0.4 * sigma));
      expect(report.features.map((f) => f.drifted)).toEqual([true, false, false]);
    }
  });

  it('large windows keep the configured floor (the noise floor is below it)', () => {
    const big = tableOf({ x: draw(20_000, u) });
    const bigProfile = buildReferenceProfile(big, inferSchema(big));
    const [f] = evaluateDrift(bigProfile, tableOf({ x: draw(10_000, u) })).features;
    expect(f.effectSizeNoiseFloor).toBeLessThan(0.1);
    expect(f.effectSizeThreshold).toBe(0.1);
  });

  it('noiseFloorProbability null turns it off; evidently mode has no floor; bad values name the field', () => {
    const [off] = evaluateDrift(profile, uniformTable(), { noiseFloorProbability: null }).features;
    expect(off.effectSizeThreshold).toBe(0.1);
    expect(off.effectSizeNoiseFloor).toBeUndefined();
    const [evidently] = evaluateDrift(profile, uniformTable(), { mode: 'evidently' }).features;
    expect(evidently.effectSizeThreshold).toBeUndefined();
    expect(evidently.effectSizeNoiseFloor).toBeUndefined();
    for (const bad of [0, 1, -0.1, Number.NaN]) {
      expect(() => evaluateDrift(profile, uniformTable(), { noiseFloorProbability: bad })).toThrow(DriftConfigError);
      expect(() => evaluateDrift(profile, uniformTable(), { noiseFloorProbability: bad })).toThrow(
        /noiseFloorProbability/,
      );
    }
  });
});

describe('measured false-alarm rates of the noise floors (i.i.d. windows through evaluateDrift)', () => {
  // 200 references × 5 windows per case: the rate averages over the reference draw as well as the window draw
  const REFERENCES = 200;
  const WINDOWS_PER_REFERENCE = 5;
  const halfSteps = (u: () => number) => Math.round(4 * distributions.normal(u)) / 2;
  const numeric: Record<string, (u: () => number) => Cell> = {
    ...distributions,
    'half-steps (discrete-ish)': halfSteps,
  };
  const skewed = [0.35, 0.2, 0.15, 0.1, 0.08, 0.06, 0.04, 0.02];
  const category = (probabilities: readonly number[]) => (u: () => number) => {
    let x = u();
    for (let i = 0; i < probabilities.length - 1; i++) if ((x -= probabilities[i]) < 0) return `c${i}`;
    return `c${probabilities.length - 1}`;
  };
  const categorical: Record<string, (u: () => number) => Cell> = {
    '5 equal categories': category([0.2, 0.2, 0.2, 0.2, 0.2]),
    '8 skewed categories': category(skewed),
  };

  /** Fractions of pure-noise windows whose effect size reaches the noise floor, and that are flagged as drift. */
  function nullRates(gen: (u: () => number) => Cell, n: number, seed: number, options: DriftEngineOptions) {
    const u = lcgStream(seed);
    const column = () => tableOf({ x: Array.from({ length: n }, () => gen(u)) });
    let reached = 0;
    let flagged = 0;
    for (let r = 0; r < REFERENCES; r++) {
      const reference = column();
      const referenceProfile = buildReferenceProfile(reference, inferSchema(reference));
      for (let w = 0; w < WINDOWS_PER_REFERENCE; w++) {
        const [f] = evaluateDrift(referenceProfile, column(), options).features;
        if (f.effectSize! >= f.effectSizeNoiseFloor!) reached++;
        if (f.drifted) flagged++;
      }
    }
    const windows = REFERENCES * WINDOWS_PER_REFERENCE;
    return { reached: reached / windows, flagged: flagged / windows };
  }

  const sizes = [200, 1000, 5000];
  const numericCases = Object.keys(numeric).flatMap((name) => sizes.map((n) => [name, n] as const));

  const categoricalCases = (['jensen_shannon', 'psi'] as const).flatMap((effect) =>
    Object.keys(categorical).flatMap((name) => sizes.map((n) => [effect, name, n] as const)),
  );

  it.each(categoricalCases)(
    '%s, %s, n = m = %i: at 0.05 the chi-square floor is reached at about its nominal level (not conservative, unlike Wasserstein)',
    (effect, name, n) => {
      const options: DriftEngineOptions = { effectSizes: { categorical: effect } };
      const at05 = nullRates(categorical[name], n, 200 + n, { ...options, noiseFloorProbability: 0.05 });
      // ≈ 5 %: well above 1 %, so 0.05 for these families would not keep noise near 1 %
      expect(at05.reached).toBeGreaterThan(0.025);
      // PSI over sparse cells (4 expected values in the rarest at n = 200) departs most from its χ² limit: up to ≈ 2× nominal
      expect(at05.reached).toBeLessThan(effect === 'psi' ? 0.12 : 0.09);
      // at 200 rows the noise floor is above the fixed 0.1, so it alone decides: ≈ 5 % false drift flags at 0.05
      if (n === 200 && effect === 'jensen_shannon') expect(at05.flagged).toBeGreaterThan(0.02);
    },
    60_000,
  );

  const defaultCases = [
    ...numericCases.map(([name, n]) => ['normed_wasserstein', name, n] as const),
    ...categoricalCases,
  ];

  /**
   * The bound pure noise must stay under at the DEFAULT levels (normed_wasserstein 0.05, jensen_shannon / psi 0.01):
   * 1.5 % of the 1,000 windows of a case — "about 1 %" plus ≈ 1.5 binomial standard deviations (0.31 pt at 1 % over
   * 1,000 windows), so a floor reached at the nominal 1 % passes and one reached at 2 % would not. Measured (these
   * seeds): Wasserstein 0–0.9 %, Jensen–Shannon 0.6–1.3 %, PSI 0.6–1.3 %. The one exception is PSI over sparse cells
   * (8 skewed categories at n = 200, 4 expected values in the rarest): 3.5 % — PSI ≈ X²/n_eff departs from its χ²
   * limit when expected counts are small — bounded at 4 % and documented (docs/drift-engine.md).
   */
  const defaultBound = (effect: string, name: string, n: number) =>
    effect === 'psi' && name === '8 skewed categories' && n === 200 ? 0.04 : 0.015;

  it.each(defaultCases)(
    'default config, %s, %s, n = m = %i: pure noise reaches the floor in about 1 %% of 1,000 windows or less',
    (effect, name, n) => {
      const gen = effect === 'normed_wasserstein' ? numeric[name] : categorical[name];
      const options: DriftEngineOptions =
        effect === 'normed_wasserstein' ? {} : { effectSizes: { categorical: effect } };
      const rates = nullRates(gen, n, (effect === 'normed_wasserstein' ? 100 : 200) + n, options);
      expect(rates.reached).toBeLessThanOrEqual(defaultBound(effect, name, n));
      expect(rates.flagged).toBeLessThanOrEqual(rates.reached);
      // not vacuous: at n = 200 the chi-square floors are reached by noise (the floor is at its level, not far above)
      if (effect !== 'normed_wasserstein' && n === 200) expect(rates.reached).toBeGreaterThan(0.005);
    },
    60_000,
  );
});
