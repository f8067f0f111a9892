import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { endpointServingProblems } from '../../models/inference/endpoint-serving.js';
import { ServingSchema } from './serving-schema.js';
import { TrainerSchema } from './trainer-schema.js';

/** Model names appear in URLs, metric labels and MLflow registry names: keep them plain. */
export const ModelName = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{0,62}$',
  description: 'lower-case letters, digits, ".", "_" and "-"; starts with a letter or digit; at most 63 characters',
});

const CategoryValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

export const FeatureOverrideSchema = Type.Object(
  {
    kind: Type.Optional(Type.Union([Type.Literal('numeric'), Type.Literal('categorical'), Type.Literal('boolean')])),
    allowedValues: Type.Optional(Type.Array(CategoryValue, { minItems: 1 })),
    bounds: Type.Optional(
      Type.Object(
        { min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()) },
        { additionalProperties: false },
      ),
    ),
    importanceWeight: Type.Optional(Type.Number({ minimum: 0 })),
    test: Type.Optional(Type.String({ minLength: 1 })),
    threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    effectSizeThreshold: Type.Optional(Type.Number({ minimum: 0 })),
    excluded: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const WindowSchema = Type.Union([
  Type.Object(
    { type: Type.Literal('count'), windowSize: Type.Integer({ minimum: 10 }), step: Type.Integer({ minimum: 1 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('time'),
      windowSeconds: Type.Number({ exclusiveMinimum: 0 }),
      stepSeconds: Type.Number({ exclusiveMinimum: 0 }),
    },
    { additionalProperties: false },
  ),
]);

const Probability = Type.Number({ exclusiveMinimum: 0, maximum: 1 });

/**
 * The multivariate drift test of a monitored model (docs/configuration.md, docs/multivariate-drift.md): its presence
 * turns it on (unless `enabled: false`); the detector options are those of `report --config`'s `multivariate`.
 */
export const MultivariateSettingsSchema = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean({ description: 'default true (the object’s presence turns the test on)' })),
    method: Type.Optional(
      Type.Union([Type.Literal('classifier'), Type.Literal('pca'), Type.Literal('mmd')], {
        description: 'default classifier',
      }),
    ),
    everyWindows: Type.Optional(
      Type.Integer({ minimum: 1, description: 'run the test on every k-th evaluated window (default 1: every one)' }),
    ),
    topFeatureCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
    classifier: Type.Optional(
      Type.Object(
        {
          pValueThreshold: Type.Optional(Probability),
          aucFloor: Type.Optional(Type.Number({ minimum: 0.5, maximum: 1 })),
          maxRowsPerSide: Type.Optional(Type.Integer({ minimum: 50, maximum: 1_000_000 })),
          folds: Type.Optional(Type.Integer({ minimum: 2, maximum: 20 })),
          trees: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          maxDepth: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
          learningRate: Type.Optional(Probability),
          minSamplesLeaf: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        },
        { additionalProperties: false },
      ),
    ),
    pca: Type.Optional(
      Type.Object(
        {
          varianceShare: Type.Optional(Probability),
          stdMultiplier: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
          minReferenceChunks: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000 })),
          referenceErrors: Type.Optional(Type.Union([Type.Literal('held-out'), Type.Literal('in-sample')])),
        },
        { additionalProperties: false },
      ),
    ),
    mmd: Type.Optional(
      Type.Object(
        {
          pValueThreshold: Type.Optional(Probability),
          permutations: Type.Optional(Type.Integer({ minimum: 19, maximum: 100_000 })),
          maxRowsPerSide: Type.Optional(Type.Integer({ minimum: 10, maximum: 2000 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const DriftSettingsSchema = Type.Object(
  {
    mode: Type.Optional(Type.Union([Type.Literal('driftguard'), Type.Literal('evidently')])),
    pValueThreshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    correction: Type.Optional(
      Type.Union([Type.Literal('bonferroni'), Type.Literal('benjamini_hochberg'), Type.Literal('none')]),
    ),
    driftShareThreshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    useImportanceWeights: Type.Optional(Type.Boolean()),
    severity: Type.Optional(
      Type.Object(
        {
          low: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          medium: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          high: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
    persistenceWindows: Type.Optional(Type.Integer({ minimum: 1 })),
    window: Type.Optional(WindowSchema),
    multivariate: Type.Optional(MultivariateSettingsSchema),
  },
  { additionalProperties: false },
);

/** Per-model retraining policy overrides (defaults and meaning: docs/retraining.md, src/domain/retraining-policy.ts). */
export const RetrainingSettingsSchema = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    persistWindows: Type.Optional(Type.Integer({ minimum: 1 })),
    triggerOnPerformanceDrift: Type.Optional(Type.Boolean()),
    triggerOnDataDrift: Type.Optional(Type.Boolean()),
    triggerOnMultivariateDrift: Type.Optional(Type.Boolean()),
    scheduleEveryMs: Type.Optional(Type.Union([Type.Number({ minimum: 1 }), Type.Null()])),
    minLabeledRows: Type.Optional(Type.Integer({ minimum: 1 })),
    minPerClass: Type.Optional(Type.Integer({ minimum: 0 })),
    horizonRows: Type.Optional(Type.Integer({ minimum: 1 })),
    referenceSampleRows: Type.Optional(Type.Integer({ minimum: 0 })),
    trainOn: Type.Optional(Type.Union([Type.Literal('best'), Type.Literal('since-drift'), Type.Literal('horizon')])),
    cooldownMs: Type.Optional(Type.Number({ minimum: 0 })),
    cooldownWindows: Type.Optional(Type.Integer({ minimum: 0 })),
    maxTrainingMs: Type.Optional(Type.Number({ minimum: 1 })),
    trainer: Type.Optional(TrainerSchema),
    promotion: Type.Optional(
      Type.Object(
        {
          metric: Type.Optional(
            Type.Union([
              Type.Literal('rocAuc'),
              Type.Literal('prAuc'),
              Type.Literal('accuracy'),
              Type.Literal('precision'),
              Type.Literal('recall'),
              Type.Literal('f1'),
              Type.Literal('logLoss'),
              Type.Literal('brier'),
            ]),
          ),
          margin: Type.Optional(Type.Number()),
          alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
          requireSignificantImprovement: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/**
 * Performance estimation of each monitoring window and impact-aware grading (issue 17; docs/configuration.md,
 * docs/estimation.md). Defaults: estimation on, metrics rocAuc and accuracy, impact awareness on, drop when the
 * estimate crosses its threshold.
 */
export const EstimationSettingsSchema = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    metrics: Type.Optional(
      Type.Array(
        Type.Union([
          Type.Literal('rocAuc'),
          Type.Literal('accuracy'),
          Type.Literal('precision'),
          Type.Literal('recall'),
          Type.Literal('f1'),
          Type.Literal('specificity'),
        ]),
        { minItems: 1, uniqueItems: true },
      ),
    ),
    impactAware: Type.Optional(Type.Boolean()),
    dropWhen: Type.Optional(Type.Union([Type.Literal('estimate'), Type.Literal('band')])),
  },
  { additionalProperties: false },
);

export const MonitoredModelDefinitionSchema = Type.Object(
  {
    name: ModelName,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    task: Type.Optional(
      Type.Union([Type.Literal('binary'), Type.Literal('regression'), Type.Literal('classification')], {
        description: '`binary` (a binary classifier) or `regression`; `classification` is the older name of `binary`',
      }),
    ),
    /**
     * Declared features with optional per-feature overrides. When present, logged rows must carry exactly these
     * features; when absent, the feature set comes from the reference profile.
     */
    features: Type.Optional(Type.Record(Type.String({ minLength: 1 }), FeatureOverrideSchema)),
    featureOrder: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        uniqueItems: true,
        description:
          "the features in the order the model reads them: the columns of one matrix input whose MLflow signature names none (e.g. an XGBoost booster's), and of the Parquet files a trainer is given; the same names as `features` when both are declared (an object's key order is not kept by every store)",
      }),
    ),
    serving: Type.Optional(ServingSchema),
    target: Type.Optional(Type.String({ minLength: 1 })),
    prediction: Type.Optional(Type.String({ minLength: 1 })),
    predictionScore: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "the reference's column of positive-class probabilities (what logged predictions send as `score`): with `target` and `prediction` it gives an uploaded reference the labelled scores performance estimation is fitted on, and the score's own drift test",
      }),
    ),
    drift: Type.Optional(DriftSettingsSchema),
    monitoring: Type.Optional(
      Type.Object(
        {
          evaluateEveryEvents: Type.Optional(Type.Integer({ minimum: 1 })),
          evaluateEverySeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
    retraining: Type.Optional(RetrainingSettingsSchema),
    estimation: Type.Optional(EstimationSettingsSchema),
  },
  { additionalProperties: false },
);

/** What users declare about a monitored model (API body, config file entry). */
export type MonitoredModelDefinition = Static<typeof MonitoredModelDefinitionSchema>;

/**
 * A definition read back from the store, checked against the schema it was validated with when written (a definition
 * written by an older driftguard, or edited by hand in the database, is refused here rather than misread).
 */
export function storedDefinition(name: string, definition: unknown): MonitoredModelDefinition {
  if (Value.Check(MonitoredModelDefinitionSchema, definition)) return definition;
  const first = [...Value.Errors(MonitoredModelDefinitionSchema, definition)][0];
  throw new Error(
    `the stored definition of model ${name} does not match the model schema: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim(),
  );
}

/** The definition's task in the drift engine's terms (`binary` and its older name `classification` are one task). */
export function profileTaskOf(definition: MonitoredModelDefinition): 'classification' | 'regression' | undefined {
  if (definition.task === undefined) return undefined;
  return definition.task === 'regression' ? 'regression' : 'classification';
}

/**
 * The features in the model's order: `featureOrder`, else the keys of `features` (kept in order by SQLite and the
 * config file, not by PostgreSQL's JSONB: where the order matters the definition must say `featureOrder`); null when
 * neither is declared.
 */
export function declaredFeatureOrder(definition: MonitoredModelDefinition): string[] | null {
  if (definition.featureOrder !== undefined) return [...definition.featureOrder];
  return definition.features === undefined ? null : Object.keys(definition.features);
}

/**
 * Rules of a definition one JSON schema cannot say, as [JSON path, reason] pairs (empty when it is valid):
 * `featureOrder` names exactly the declared features; an endpoint declaration follows its protocol's rules.
 */
export function servingProblems(definition: MonitoredModelDefinition): [string, string][] {
  const problems: [string, string][] = [];
  if (definition.featureOrder !== undefined && definition.features !== undefined) {
    const declared = Object.keys(definition.features);
    const missing = declared.filter((f) => !definition.featureOrder!.includes(f));
    const extra = definition.featureOrder.filter((f) => !declared.includes(f));
    if (missing.length > 0 || extra.length > 0)
      problems.push([
        '/featureOrder',
        `must name exactly the features of "features"${missing.length > 0 ? `; missing: ${missing.join(', ')}` : ''}${extra.length > 0 ? `; not in features: ${extra.join(', ')}` : ''}`,
      ]);
  }
  if (definition.serving?.type === 'endpoint') {
    for (const [field, reason] of endpointServingProblems(definition.serving))
      problems.push([`/${field.replace(/\./g, '/')}`, reason]);
    if (declaredFeatureOrder(definition) === null)
      problems.push([
        '/features',
        'an endpoint-served model sends these features: declare "features" (or "featureOrder")',
      ]);
  }
  return problems;
}
