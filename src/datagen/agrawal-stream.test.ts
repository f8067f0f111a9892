import { describe, expect, it } from 'vitest';
import {
  AGRAWAL_FEATURES,
  type AgrawalFunction,
  blendShift,
  createAgrawalStream,
  isGroupA,
  type LoanApplication,
} from './agrawal-stream.js';

const base: LoanApplication = {
  salary: 60_000,
  commission: 20_000,
  age: 30,
  elevel: 0,
  car: 1,
  zipcode: 1,
  hvalue: 100_000,
  hyears: 1,
  loan: 0,
};
const row = (overrides: Partial<LoanApplication>): LoanApplication => ({ ...base, ...overrides });

// Each case computed by hand from the paper's definition of Group A (Agrawal et al. 1993, functions 1–10).
const CASES: [AgrawalFunction, Partial<LoanApplication>, boolean][] = [
  [1, { age: 39 }, true],
  [1, { age: 40 }, false],
  [1, { age: 59 }, false],
  [1, { age: 60 }, true],
  [2, { age: 30, salary: 60_000 }, true],
  [2, { age: 30, salary: 40_000 }, false],
  [2, { age: 45, salary: 110_000 }, true],
  [2, { age: 70, salary: 80_000 }, false],
  [2, { age: 70, salary: 30_000 }, true],
  [3, { age: 25, elevel: 1 }, true],
  [3, { age: 25, elevel: 2 }, false],
  [3, { age: 50, elevel: 0 }, false],
  [3, { age: 50, elevel: 3 }, true],
  [3, { age: 65, elevel: 1 }, false],
  [3, { age: 65, elevel: 4 }, true],
  [4, { age: 30, elevel: 0, salary: 30_000 }, true],
  [4, { age: 30, elevel: 3, salary: 30_000 }, false],
  [4, { age: 50, elevel: 4, salary: 100_000 }, true],
  [4, { age: 50, elevel: 2, salary: 110_000 }, false],
  [4, { age: 70, elevel: 1, salary: 30_000 }, true],
  [4, { age: 70, elevel: 2, salary: 30_000 }, false],
  [5, { age: 30, salary: 60_000, loan: 150_000 }, true],
  [5, { age: 30, salary: 120_000, loan: 150_000 }, false],
  [5, { age: 30, salary: 120_000, loan: 250_000 }, true],
  [5, { age: 50, salary: 100_000, loan: 450_000 }, false],
  [5, { age: 50, salary: 50_000, loan: 450_000 }, true],
  [5, { age: 65, salary: 50_000, loan: 350_000 }, true],
  [5, { age: 65, salary: 90_000, loan: 350_000 }, false],
  [5, { age: 65, salary: 90_000, loan: 200_000 }, true],
  [6, { age: 30, salary: 40_000, commission: 20_000 }, true], // total 60,000
  [6, { age: 30, salary: 40_000, commission: 0 }, false],
  [6, { age: 65, salary: 60_000, commission: 20_000 }, false], // total 80,000 > 75,000
  [7, { salary: 60_000, commission: 20_000, loan: 100_000 }, true], // 53,600 − 20,000 − 20,000 = 13,600
  [7, { salary: 60_000, commission: 20_000, loan: 200_000 }, false], // 53,600 − 40,000 − 20,000 = −6,400
  [8, { salary: 60_000, commission: 0, elevel: 4 }, true], // 40,200 − 20,000 − 20,000 = 200
  [8, { salary: 59_000, commission: 0, elevel: 4 }, false], // 39,530 − 40,000 = −470
  [9, { salary: 100_000, commission: 0, elevel: 2, loan: 100_000 }, true], // 67,000 − 10,000 − 20,000 − 10,000 = 27,000
  [9, { salary: 100_000, commission: 0, elevel: 2, loan: 250_000 }, false], // 67,000 − 10,000 − 50,000 − 10,000 = −3,000
  [10, { salary: 30_000, commission: 10_000, elevel: 4, hyears: 10 }, false], // 26,800 − 20,000 − 10,000 = −3,200
  [10, { salary: 30_000, commission: 10_000, elevel: 4, hyears: 20, hvalue: 400_000 }, false], // equity 0
  [10, { salary: 30_000, commission: 10_000, elevel: 4, hyears: 25, hvalue: 400_000 }, true], // + 0.2 · 200,000 = 36,800
];

describe('Agrawal classification functions', () => {
  it.each(CASES)('F%i on %o is Group A: %s', (fn, overrides, expected) => {
    expect(isGroupA(fn, row(overrides))).toBe(expected);
  });

  it('refuses a function outside 1–10', () => {
    expect(() => isGroupA(11 as AgrawalFunction, base)).toThrow(/1–10/);
    expect(() => createAgrawalStream({ classificationFunction: 0 as AgrawalFunction })).toThrow(/1–10/);
  });
});

describe('createAgrawalStream', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = createAgrawalStream({ seed: 7, classificationFunction: 5 }).take(50);
    const b = createAgrawalStream({ seed: 7, classificationFunction: 5 }).take(50);
    const c = createAgrawalStream({ seed: 8, classificationFunction: 5 }).take(50);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('draws every attribute in the paper ranges and labels with the chosen function', () => {
    const rows = createAgrawalStream({ seed: 1, classificationFunction: 10 }).take(5000);
    const seen = { elevel: new Set<number>(), car: new Set<number>(), zipcode: new Set<number>() };
    for (const { features: f, groupA } of rows) {
      expect(Object.keys(f)).toEqual([...AGRAWAL_FEATURES]);
      expect(f.salary).toBeGreaterThanOrEqual(20_000);
      expect(f.salary).toBeLessThanOrEqual(150_000);
      if (f.salary >= 75_000) expect(f.commission).toBe(0);
      else expect(f.commission >= 10_000 && f.commission <= 75_000).toBe(true);
      expect(Number.isInteger(f.age) && f.age >= 20 && f.age <= 80).toBe(true);
      expect(Number.isInteger(f.hyears) && f.hyears >= 1 && f.hyears <= 30).toBe(true);
      expect(f.hvalue).toBeGreaterThanOrEqual(50_000 * f.zipcode);
      expect(f.hvalue).toBeLessThanOrEqual(150_000 * f.zipcode);
      expect(f.loan >= 0 && f.loan <= 500_000).toBe(true);
      seen.elevel.add(f.elevel);
      seen.car.add(f.car);
      seen.zipcode.add(f.zipcode);
      expect(groupA).toBe(isGroupA(10, f));
    }
    expect([...seen.elevel].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4]);
    expect([...seen.car].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect([...seen.zipcode].sort((x, y) => x - y)).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    const ages = rows.map((r) => r.features.age);
    expect(Math.min(...ages)).toBe(20);
    expect(Math.max(...ages)).toBe(80);
  });

  it('perturbs numeric attributes within their ranges and keeps the unperturbed label', () => {
    const clean = createAgrawalStream({ seed: 3, classificationFunction: 7 }).take(2000);
    const noisy = createAgrawalStream({ seed: 3, classificationFunction: 7, perturbation: 0.2 }).take(2000);
    let moved = 0;
    for (const { features: f } of noisy) {
      expect(f.salary >= 20_000 && f.salary <= 150_000).toBe(true);
      expect(f.loan >= 0 && f.loan <= 500_000).toBe(true);
      expect(f.age >= 20 && f.age <= 80).toBe(true);
    }
    // Same seed: the draws before the noise match, so the first row's label and codes are the clean row's.
    expect(noisy[0].groupA).toBe(clean[0].groupA);
    expect(noisy[0].features.elevel).toBe(clean[0].features.elevel);
    for (const r of noisy) if (r.groupA !== isGroupA(7, r.features)) moved++;
    expect(moved).toBeGreaterThan(0); // noise moves some rows across the decision boundary
    expect(() => createAgrawalStream({ perturbation: 1.5 })).toThrow(/perturbation/);
  });

  it('flips about labelNoise of the labels', () => {
    const rows = createAgrawalStream({ seed: 4, classificationFunction: 1, labelNoise: 0.1 }).take(10_000);
    const flipped = rows.filter((r) => r.groupA !== isGroupA(1, r.features)).length / rows.length;
    expect(flipped).toBeGreaterThan(0.085);
    expect(flipped).toBeLessThan(0.115);
  });

  it('shifts inputs: numeric scale/offset, categorical weights, gradually with blendShift', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const target = { salary: { scale: 1.5 }, age: { offset: 10 }, elevel: { weights: [0, 0, 0, 0, 1] } };
    const plain = createAgrawalStream({ seed: 5 }).take(4000);
    const shifted = createAgrawalStream({ seed: 5, shift: target }).take(4000);
    const half = createAgrawalStream({ seed: 5, shift: blendShift(target, 0.5) }).take(4000);
    // Means of U[20k, 150k] scaled by 1, 1.5 and 1.25; standard error ≈ 600–900 at 4,000 rows.
    expect(Math.abs(mean(plain.map((r) => r.features.salary)) - 85_000)).toBeLessThan(3000);
    expect(Math.abs(mean(shifted.map((r) => r.features.salary)) - 127_500)).toBeLessThan(4000);
    expect(Math.abs(mean(half.map((r) => r.features.salary)) - 106_250)).toBeLessThan(3500);
    expect(Math.min(...shifted.map((r) => r.features.age))).toBe(30);
    expect(shifted.every((r) => r.features.elevel === 4)).toBe(true);
    const top = half.filter((r) => r.features.elevel === 4).length / half.length; // 0.5 · 0.2 + 0.5 · 1 = 0.6
    expect(top).toBeGreaterThan(0.57);
    expect(top).toBeLessThan(0.63);
    expect(blendShift(target, 0)).toEqual({
      salary: { scale: 1, offset: 0 },
      age: { scale: 1, offset: 0 },
      elevel: { weights: [0.2, 0.2, 0.2, 0.2, 0.2] },
    });
  });

  it('switches the labelling function mid-stream', () => {
    const stream = createAgrawalStream({ seed: 6, classificationFunction: 1 });
    stream.take(10);
    stream.setClassificationFunction(7);
    expect(stream.classificationFunction).toBe(7);
    for (const r of stream.take(200)) expect(r.groupA).toBe(isGroupA(7, r.features));
  });
});
