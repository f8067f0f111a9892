import { Type } from 'typebox';

/** The RetrainingJob JSON (camelCase; docs/retraining.md, "Job states"), for responses, OpenAPI and SSE consumers. */
const JobStatus = Type.Union(
  [
    Type.Literal('deferred'),
    Type.Literal('queued'),
    Type.Literal('training'),
    Type.Literal('evaluating'),
    Type.Literal('tracking'),
    Type.Literal('promoted'),
    Type.Literal('rejected'),
    Type.Literal('failed'),
  ],
  { description: 'deferred → queued → training → evaluating → tracking → promoted | rejected; failed from any step' },
);

const Metrics = Type.Object(
  {},
  { additionalProperties: true, description: 'accuracy, rocAuc, logLoss, f1 … (null when undefined)' },
);
const Nullable = <T extends ReturnType<typeof Type.Object>>(schema: T) => Type.Union([schema, Type.Null()]);

export const RetrainingJobSchema = Type.Object(
  {
    id: Type.String(),
    model: Type.String(),
    status: JobStatus,
    trigger: Type.Object({
      kind: Type.Union([Type.Literal('drift'), Type.Literal('manual'), Type.Literal('schedule')]),
      reason: Type.String(),
      driftReportId: Type.Optional(Type.Integer()),
      severity: Type.Optional(Type.String()),
      driftShare: Type.Optional(Type.Number()),
    }),
    createdAtMs: Type.Number(),
    updatedAtMs: Type.Number(),
    finishedAtMs: Type.Optional(Type.Number()),
    deferral: Type.Optional(
      Type.Object({
        reason: Type.String({
          description: 'only the unmet parts, e.g. "412 of 1,000 labelled rows; class 1 has 17 of 50"',
        }),
        labeledRows: Type.Integer(),
        minLabeledRows: Type.Integer(),
        perClass: Type.Record(Type.String(), Type.Integer()),
        minPerClass: Type.Integer(),
        labelCoverage: Type.Number(),
      }),
    ),
    steps: Type.Array(Type.Object({ status: JobStatus, atMs: Type.Number(), message: Type.String() }), {
      description: 'the story, oldest first',
    }),
    data: Type.Optional(
      Type.Object({
        trainRows: Type.Integer(),
        validationRows: Type.Integer(),
        testRows: Type.Integer(),
        fromMs: Type.Number(),
        toMs: Type.Number(),
        referenceRows: Type.Integer(),
      }),
    ),
    metrics: Type.Optional(
      Type.Object({
        challenger: Type.Object({ validation: Type.Union([Metrics, Type.Null()]), test: Metrics }),
        champion: Nullable(Type.Object({ test: Metrics })),
        referenceHoldout: Type.Optional(
          Type.Object({ challenger: Metrics, champion: Type.Union([Metrics, Type.Null()]) }),
        ),
      }),
    ),
    decision: Type.Optional(Type.Object({ promote: Type.Boolean(), reason: Type.String() })),
    tracking: Type.Optional(
      Type.Object({
        runId: Type.String(),
        runUrl: Type.Optional(Type.String()),
        registeredVersion: Type.Optional(Type.String()),
        experimentId: Type.Optional(Type.String()),
      }),
    ),
    error: Type.Optional(Type.String()),
  },
  { description: 'A retraining job: trigger, deferral, steps, data window, metrics, decision, tracking run.' },
);
