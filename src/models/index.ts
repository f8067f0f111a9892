// Public entry point of the model layer: re-exports only.
export { encodeTarget, resolveClassLabels } from './encode-target.js';
export * from './evaluation/index.js';
export { DEFAULT_GBDT_PARAMS, gbdtTrainer } from './gbdt-trainer.js';
export { inferModelFeatures } from './infer-model-features.js';
export { checkSerializedModel, loadModel } from './load-model.js';
export { DEFAULT_LOGISTIC_PARAMS, logisticTrainer } from './logistic-trainer.js';
export * from './metrics/index.js';
export { ModelError } from './model-error.js';
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
export { DEFAULT_ESTIMATOR, MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model-types.js';
export type { OnnxExportOptions } from './onnx/export-onnx.js';
export { ONNX_IR_VERSION, ONNX_ML_OPSET, ONNX_OPSET, onnxModelProtoOf } from './onnx/export-onnx.js';
export type { OnnxFeed } from './onnx/onnx-feeds.js';
export { onnxFeeds } from './onnx/onnx-feeds.js';
export { DEFAULT_DECISION_THRESHOLD, predictedClass } from './predicted-class.js';
export type { RowEncoder } from './preprocessing.js';
export {
  createRowEncoder,
  DEFAULT_PREPROCESSING_OPTIONS,
  fitPreprocessing,
  MISSING_BUCKET,
  OTHER_BUCKET,
} from './preprocessing.js';
export type { TrainedModel } from './trained-model.js';
export { getTrainer } from './trainers.js';
