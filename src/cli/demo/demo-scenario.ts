import type { AgrawalFunction, InputShift } from '../../datagen/agrawal-stream.js';
import { AGRAWAL_CATEGORICAL, AGRAWAL_FEATURES } from '../../datagen/agrawal-stream.js';
import type { MonitoredModelDefinition } from '../../services/config/monitored-model-definition.js';

/** The monitored model the demo creates. */
export const DEMO_MODEL = 'credit-default';
/** Target column: 1 = the applicant defaults (the paper's Group B), 0 = repays (Group A). */
export const DEMO_TARGET = 'default';

/** Lengths of the scripted scenario (rows at speed 1 arrive at {@link BASE_ROWS_PER_SECOND}). */
export interface DemoScenario {
  /** Applications the initial champion is trained on (stationary, labelling function F9). */
  readonly trainingRows: number;
  /** Stationary traffic before anything changes. */
  readonly stationaryRows: number;
  /** Traffic over which salary and loan amounts shift gradually (commission follows salary). */
  readonly gradualRows: number;
  /** Traffic after the abrupt shift before the delayed labels arrive (at least the retraining horizon). */
  readonly abruptRows: number;
  /** Share of predictions whose label arrives early while labels are delayed. */
  readonly earlyLabelShare: number;
  /** Speed factor: rows per second = BASE_ROWS_PER_SECOND × speed. */
  readonly speed: number;
  /** Random seed of the generated applications. */
  readonly seed: number;
}

export const BASE_ROWS_PER_SECOND = 100;

export const DEFAULT_DEMO_SCENARIO: DemoScenario = {
  trainingRows: 4000,
  stationaryRows: 1500,
  gradualRows: 3000,
  abruptRows: 1500,
  earlyLabelShare: 0.1,
  speed: 1,
  seed: 1993,
};

/** Labelling before the change: F9, disposable income after education costs and loan repayments (Agrawal et al.). */
export const FUNCTION_BEFORE: AgrawalFunction = 9;
/** Labelling after the change: F2, salary bands by age (the lender's risk model changed). */
export const FUNCTION_AFTER: AgrawalFunction = 2;

/** Gradual target: lower salaries (so more commission) and larger loans — three of nine inputs (`medium`). */
export const GRADUAL_SHIFT: InputShift = { salary: { scale: 0.75 }, loan: { scale: 1.4 } };

/** Abrupt: the gradual shift plus younger applicants, longer-held and dearer houses, more education, richer zipcodes. */
export const ABRUPT_SHIFT: InputShift = {
  ...GRADUAL_SHIFT,
  age: { offset: -8 },
  hyears: { offset: 6 },
  hvalue: { scale: 1.5 },
  elevel: { weights: [1, 1, 2, 4, 6] },
  zipcode: { weights: [1, 1, 1, 1, 1, 2, 3, 4, 5] },
};

/** Window, evaluation cadence and retraining policy sized so the scenario closes its loop in about two minutes. */
export function demoModelDefinition(scenario: DemoScenario, name: string = DEMO_MODEL): MonitoredModelDefinition {
  const horizonRows = Math.max(200, Math.round(scenario.abruptRows));
  return {
    name,
    description: 'Loan applications (Agrawal et al. 1993) scored for default risk — the driftguard demo.',
    task: 'classification',
    target: DEMO_TARGET,
    features: Object.fromEntries(
      AGRAWAL_FEATURES.map((name) => [
        name,
        (AGRAWAL_CATEGORICAL as readonly string[]).includes(name) ? { kind: 'categorical' as const } : {},
      ]),
    ),
    drift: { window: { type: 'count', windowSize: 500, step: 250 } },
    monitoring: { evaluateEveryEvents: 250, evaluateEverySeconds: 5 },
    retraining: {
      persistWindows: 2,
      minLabeledRows: Math.round(horizonRows * (2 / 3)),
      minPerClass: 50,
      horizonRows,
      referenceSampleRows: 0,
    },
  };
}
