/** The ONNX side of the core: emit a ResNet as ONNX, read and extend imported ONNX models. */
export { emitOnnx, type EmitOptions, type EmittedOnnx, type OutputInfo, type OutputSelection } from './emit';
export {
  addOutputs,
  decodeOnnx,
  DEFAULT_ONNX_LIMITS,
  readOnnx,
  type OnnxGraphInfo,
  type OnnxNode,
  type OnnxReadLimits,
  type OnnxValue,
} from './read-onnx';
export type { Dim } from './proto';
export type { Level } from './graph';
export { outputShapes, shapeKeyOf } from './output-shapes';
