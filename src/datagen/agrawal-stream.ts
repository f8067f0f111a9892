/**
 * Loan applications of Agrawal, Imielinski & Swami (1993), "Database Mining: A Performance Perspective", IEEE TKDE
 * 5(6): nine attributes drawn independently, labelled by one of ten classification functions F1–F10 (Group A or
 * Group B), with the paper's perturbation factor. Pure: the random source is seeded, nothing here does I/O.
 *
 * Attributes (the paper's Table): salary U[20,000, 150,000]; commission 0 when salary ≥ 75,000, else U[10,000,
 * 75,000]; age U{20..80}; elevel U{0..4}; car U{1..20}; zipcode U{1..9}; hvalue U[0.5·k·100,000, 1.5·k·100,000]
 * with k = zipcode; hyears U{1..30}; loan U[0, 500,000].
 *
 * Beyond the paper: an {@link InputShift} moves input distributions (covariate shift; the label is computed from
 * the shifted values), {@link blendShift} makes it gradual, and `labelNoise` flips labels at random.
 */
import { createSeededRandom, type RandomSource } from '../models/evaluation/index.js';

/** One loan application (all attributes numeric; elevel, car and zipcode are codes). */
export interface LoanApplication {
  readonly salary: number;
  readonly commission: number;
  readonly age: number;
  readonly elevel: number;
  readonly car: number;
  readonly zipcode: number;
  readonly hvalue: number;
  readonly hyears: number;
  readonly loan: number;
}

export const AGRAWAL_FEATURES = [
  'salary',
  'commission',
  'age',
  'elevel',
  'car',
  'zipcode',
  'hvalue',
  'hyears',
  'loan',
] as const;
/** The coded attributes (categorical in monitoring). */
export const AGRAWAL_CATEGORICAL = ['elevel', 'car', 'zipcode'] as const;

/** The paper's classification functions, numbered 1–10. */
export type AgrawalFunction = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

const K = 1000;
const within = (x: number, lo: number, hi: number) => lo <= x && x <= hi;

/** Young (< 40), middle (40–59) or old (≥ 60): the three age bands of F2–F6. */
function byAge<T>(age: number, young: T, middle: T, old: T): T {
  return age < 40 ? young : age < 60 ? middle : old;
}

const disposableIncome = (a: LoanApplication) => 0.67 * (a.salary + a.commission);

/** F1–F10 exactly as the paper defines Group A; every other application is Group B. */
const GROUP_A: Readonly<Record<AgrawalFunction, (a: LoanApplication) => boolean>> = {
  1: (a) => a.age < 40 || a.age >= 60,
  2: (a) =>
    byAge(
      a.age,
      within(a.salary, 50 * K, 100 * K),
      within(a.salary, 75 * K, 125 * K),
      within(a.salary, 25 * K, 75 * K),
    ),
  3: (a) => byAge(a.age, a.elevel <= 1, a.elevel >= 1 && a.elevel <= 3, a.elevel >= 2),
  4: (a) =>
    byAge(
      a.age,
      a.elevel <= 1 ? within(a.salary, 25 * K, 75 * K) : within(a.salary, 50 * K, 100 * K),
      a.elevel >= 1 && a.elevel <= 3 ? within(a.salary, 50 * K, 100 * K) : within(a.salary, 75 * K, 125 * K),
      a.elevel >= 2 ? within(a.salary, 50 * K, 100 * K) : within(a.salary, 25 * K, 75 * K),
    ),
  5: (a) =>
    byAge(
      a.age,
      within(a.salary, 50 * K, 100 * K) ? within(a.loan, 100 * K, 300 * K) : within(a.loan, 200 * K, 400 * K),
      within(a.salary, 75 * K, 125 * K) ? within(a.loan, 200 * K, 400 * K) : within(a.loan, 300 * K, 500 * K),
      within(a.salary, 25 * K, 75 * K) ? within(a.loan, 300 * K, 500 * K) : within(a.loan, 100 * K, 300 * K),
    ),
  6: (a) => {
    const total = a.salary + a.commission;
    return byAge(a.age, within(total, 50 * K, 100 * K), within(total, 75 * K, 125 * K), within(total, 25 * K, 75 * K));
  },
  7: (a) => disposableIncome(a) - 0.2 * a.loan - 20 * K > 0,
  8: (a) => disposableIncome(a) - 5000 * a.elevel - 20 * K > 0,
  9: (a) => disposableIncome(a) - 5000 * a.elevel - 0.2 * a.loan - 10 * K > 0,
  10: (a) => {
    const equity = 0.1 * a.hvalue * Math.max(a.hyears - 20, 0);
    return disposableIncome(a) - 5000 * a.elevel + 0.2 * equity - 10 * K > 0;
  },
};

/** Whether function `fn` (1–10) puts the application in Group A. */
export function isGroupA(fn: AgrawalFunction, application: LoanApplication): boolean {
  return GROUP_A[requireFunction(fn)](application);
}

/** `v → v·scale + offset` (defaults 1 and 0). */
export interface NumericShift {
  readonly scale?: number;
  readonly offset?: number;
}

/** Relative weights of the codes, lowest code first (default: equal weights). */
export interface CategoricalShift {
  readonly weights: readonly number[];
}

/** Covariate shift: how each attribute's draw is moved; absent attributes keep the paper's distribution. */
export interface InputShift {
  readonly salary?: NumericShift;
  readonly commission?: NumericShift;
  readonly age?: NumericShift;
  readonly hvalue?: NumericShift;
  readonly hyears?: NumericShift;
  readonly loan?: NumericShift;
  readonly elevel?: CategoricalShift;
  readonly car?: CategoricalShift;
  readonly zipcode?: CategoricalShift;
}

const NUMERIC = ['salary', 'commission', 'age', 'hvalue', 'hyears', 'loan'] as const;
const CODES = { elevel: [0, 4], car: [1, 20], zipcode: [1, 9] } as const;

/**
 * The shift a fraction of the way from none (0) to `target` (1): scales and offsets and categorical weights are
 * interpolated linearly — a gradual drift is `blendShift(target, t / duration)`.
 */
export function blendShift(target: InputShift, fraction: number): InputShift {
  const f = Math.min(1, Math.max(0, fraction));
  const out: Record<string, NumericShift | CategoricalShift> = {};
  for (const name of NUMERIC) {
    const s = target[name];
    if (s !== undefined) out[name] = { scale: 1 + ((s.scale ?? 1) - 1) * f, offset: (s.offset ?? 0) * f };
  }
  for (const name of Object.keys(CODES) as (keyof typeof CODES)[]) {
    const s = target[name];
    if (s === undefined) continue;
    const total = s.weights.reduce((a, b) => a + b, 0);
    out[name] = { weights: s.weights.map((w) => (1 - f) / s.weights.length + (f * w) / total) };
  }
  return out as InputShift;
}

export interface AgrawalStreamOptions {
  /** Seed of the mulberry32 source (default 0); ignored when `random` is given. */
  readonly seed?: number;
  readonly random?: RandomSource;
  /** Labelling function 1–10 (default 1). */
  readonly classificationFunction?: AgrawalFunction;
  /**
   * The paper's perturbation factor p in [0, 1] (default 0): after labelling, each numeric attribute v becomes
   * v + r·p·range with r ~ U[−0.5, 0.5], kept inside the attribute's (shifted) range.
   */
  readonly perturbation?: number;
  /** Probability in [0, 1] that a label is flipped (default 0). */
  readonly labelNoise?: number;
  readonly shift?: InputShift;
}

/** A generated, labelled application. */
export interface LabelledApplication {
  readonly features: LoanApplication;
  readonly groupA: boolean;
}

export interface AgrawalStream {
  next(): LabelledApplication;
  take(count: number): LabelledApplication[];
  /** Switches the labelling function (concept drift) from the next row on. */
  setClassificationFunction(fn: AgrawalFunction): void;
  /** Replaces the input shift (use {@link blendShift} for gradual drift) from the next row on. */
  setShift(shift: InputShift | undefined): void;
  readonly classificationFunction: AgrawalFunction;
}

function requireFraction(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${String(value)}`);
  return value;
}

function requireFunction(fn: number): AgrawalFunction {
  if (!Number.isInteger(fn) || fn < 1 || fn > 10)
    throw new RangeError(`classification function must be an integer 1–10, got ${String(fn)}`);
  return fn as AgrawalFunction;
}

/** A seeded, endless stream of labelled loan applications (see the module comment for the distributions). */
export function createAgrawalStream(options: AgrawalStreamOptions = {}): AgrawalStream {
  const random = options.random ?? createSeededRandom(options.seed ?? 0);
  const perturbation = requireFraction('perturbation', options.perturbation ?? 0);
  const labelNoise = requireFraction('labelNoise', options.labelNoise ?? 0);
  let fn = requireFunction(options.classificationFunction ?? 1);
  let shift: InputShift = options.shift ?? {};

  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
  const integer = (lo: number, hi: number) => lo + Math.min(hi - lo, Math.floor(random() * (hi - lo + 1)));
  const moved = (name: (typeof NUMERIC)[number], value: number) =>
    value * (shift[name]?.scale ?? 1) + (shift[name]?.offset ?? 0);
  const code = (name: keyof typeof CODES) => {
    const [lo, hi] = CODES[name];
    const weights = shift[name]?.weights;
    if (weights === undefined) return integer(lo, hi);
    if (weights.length !== hi - lo + 1)
      throw new RangeError(`${name} weights: expected ${hi - lo + 1}, got ${weights.length}`);
    let u = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return lo + i;
    }
    return hi;
  };
  /** p·range noise inside the shifted range [lo', hi'] of an attribute drawn from [lo, hi]. */
  const perturb = (name: (typeof NUMERIC)[number], value: number, lo: number, hi: number) => {
    if (perturbation === 0) return value;
    const a = moved(name, lo);
    const b = moved(name, hi);
    const noisy = value + (random() - 0.5) * perturbation * Math.abs(b - a);
    return Math.min(Math.max(a, b), Math.max(Math.min(a, b), noisy));
  };

  function next(): LabelledApplication {
    const salary = moved('salary', uniform(20 * K, 150 * K));
    const commission = salary >= 75 * K ? 0 : moved('commission', uniform(10 * K, 75 * K));
    const age = Math.round(moved('age', integer(20, 80)));
    const elevel = code('elevel');
    const car = code('car');
    const zipcode = code('zipcode');
    const hvalue = moved('hvalue', uniform(0.5 * zipcode * 100 * K, 1.5 * zipcode * 100 * K));
    const hyears = Math.round(moved('hyears', integer(1, 30)));
    const loan = moved('loan', uniform(0, 500 * K));
    const drawn: LoanApplication = { salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan };
    let groupA = isGroupA(fn, drawn);
    if (labelNoise > 0 && random() < labelNoise) groupA = !groupA;
    if (perturbation === 0) return { features: drawn, groupA };
    const features: LoanApplication = {
      ...drawn,
      salary: perturb('salary', salary, 20 * K, 150 * K),
      commission: commission === 0 ? 0 : perturb('commission', commission, 10 * K, 75 * K),
      age: Math.round(perturb('age', age, 20, 80)),
      hvalue: perturb('hvalue', hvalue, 0.5 * zipcode * 100 * K, 1.5 * zipcode * 100 * K),
      hyears: Math.round(perturb('hyears', hyears, 1, 30)),
      loan: perturb('loan', loan, 0, 500 * K),
    };
    return { features, groupA };
  }

  return {
    next,
    take: (count) => Array.from({ length: count }, next),
    setClassificationFunction(value) {
      fn = requireFunction(value);
    },
    setShift(value) {
      shift = value ?? {};
    },
    get classificationFunction() {
      return fn;
    },
  };
}
