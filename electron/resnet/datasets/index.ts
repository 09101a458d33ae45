/** Datasets and results, pure: CIFAR-10 binary batches, `.npy` files, classification metrics. */
export {
  CIFAR10_CLASSES,
  CIFAR_PIXELS,
  CIFAR_RECORD_BYTES,
  CIFAR_SIDE,
  cifarRecordImage,
  readCifar10Batch,
  type Cifar10Batch,
} from './cifar10-batch';
export { encodeNpy, npyHeader, parseNpyHeader, type NpyInfo } from './npy';
export {
  addToEvaluation,
  agreement,
  createEvaluation,
  evaluationReport,
  matchClassFolders,
  normalizeClassName,
  rankClasses,
  softmax,
  topK,
  type ClassResult,
  type Evaluation,
  type EvaluationReport,
  type Prediction,
} from './metrics';
