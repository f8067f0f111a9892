import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

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
    scheduleEveryMs: Type.Optional(Type.Union([Type.Number({ minimum: 1 }), Type.Null()])),
    minLabeledRows: Type.Optional(Type.Integer({ minimum: 1 })),
    minPerClass: Type.Optional(Type.Integer({ minimum: 0 })),
    horizonRows: Type.Optional(Type.Integer({ minimum: 1 })),
    referenceSampleRows: Type.Optional(Type.Integer({ minimum: 0 })),
    trainOn: Type.Optional(Type.Union([Type.Literal('best'), Type.Literal('since-drift'), Type.Literal('horizon')])),
    cooldownMs: Type.Optional(Type.Number({ minimum: 0 })),
    cooldownWindows: Type.Optional(Type.Integer({ minimum: 0 })),
    maxTrainingMs: Type.Optional(Type.Number({ minimum: 1 })),
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

export const MonitoredModelDefinitionSchema = Type.Object(
  {
    name: ModelName,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    task: Type.Optional(Type.Union([Type.Literal('classification'), Type.Literal('regression')])),
    /**
     * Declared features with optional per-feature overrides. When present, logged rows must carry exactly these
     * features; when absent, the feature set comes from the reference profile.
     */
    features: Type.Optional(Type.Record(Type.String({ minLength: 1 }), FeatureOverrideSchema)),
    target: Type.Optional(Type.String({ minLength: 1 })),
    prediction: Type.Optional(Type.String({ minLength: 1 })),
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
