// Public entry point of the model layer: re-exports only.
// Functions added as they land (names fixed now so callers can plan):
//   getTrainer(kind: EstimatorKind): Trainer<LogisticParams> | Trainer<GbdtParams>   (logistic-trainer.ts, gbdt-trainer.ts)
//   loadModel(json: unknown): FittedModel            (load-model.ts; ModelError on unknown / newer formatVersion)
//   encodeTarget(table, schema): Float64Array         (0/1 for binary via schema.classLabels, values for regression)
//   exportOnnx(model: FittedModel): Uint8Array        (onnx/export-onnx.ts; ONNX ModelProto bytes)
export { ModelError } from './model-error.js';
export { MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model-types.js';
export type {
  BooleanTransform,
  CategoricalEncoding,
  CategoricalTransform,
  ClassWeight,
  EstimatorKind,
  EstimatorSpec,
  FeatureRow,
  FeatureTransform,
  FitResult,
  FittedModel,
  GbdtEstimatorSpec,
  GbdtParams,
  HyperParamValue,
  LogisticEstimatorSpec,
  LogisticParams,
  ModelFeature,
  ModelSchema,
  ModelTask,
  NumericTransform,
  PreprocessingOptions,
  PreprocessingSpec,
  SerializedModel,
  Trainer,
  TrainingData,
  TrainingIteration,
  TrainingLog,
  TrainingMetadata,
  TreeSpec,
} from './model-types.js';
export * from './metrics/index.js';
export * from './evaluation/index.js';
