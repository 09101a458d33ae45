/**
 * The classifier head of a library model (the Linear after global average pooling), for class activation
 * maps in the renderer: CAM_c = sum_k w[c,k] A_k needs `w`, which the renderer never sees otherwise (it only
 * fetches the ONNX bytes into its inference worker).
 */
import type { HeadWeights } from '../../ipc/contract';
import { ServiceError } from '../../ipc/dispatch';
import { buildModel, childrenOf } from '../../resnet/arch';
import { readCheckpoint } from '../../resnet/formats';
import { collectParams, randomWeights, weightsFromStateDict } from '../../resnet/onnx/weights';
import { asServiceError } from './import-analysis';
import type { ModelRecord } from './library-records';
import { readVerified } from './model-build';

/** The head of a record: from its checkpoint, or the same deterministic random weights the emitter uses. */
export function headWeightsOf(rec: ModelRecord): HeadWeights {
  if (!rec.archSpec || rec.weights.kind === 'onnx') {
    throw new ServiceError(
      'no-head',
      `${rec.name} is an imported ONNX graph: its classifier is not known by name`,
    );
  }
  const root = buildModel(rec.archSpec);
  const top = childrenOf(root);
  const fc = top.find((c) => c.module.type === 'Linear');
  const stage = top.filter((c) => /^layer\d+$/.test(c.name)).at(-1);
  if (!fc || fc.module.type !== 'Linear' || !stage) {
    throw new ServiceError('no-head', `${rec.name} has no global-average-pool -> Linear head`);
  }
  const params = collectParams(root);
  let tensors: Map<string, Float32Array>;
  try {
    if (rec.weights.kind === 'random')
      tensors = randomWeights(params); // all params: same PRNG sequence as the ONNX
    else {
      const sd = readCheckpoint(readVerified(rec.weights), rec.weights.fileName).stateDict;
      tensors = weightsFromStateDict(
        params.filter((p) => p.key.startsWith(`${fc.path}.`)),
        sd,
      );
    }
  } catch (e) {
    return asServiceError(e);
  }
  const weight = tensors.get(`${fc.path}.weight`)!;
  const bias = tensors.get(`${fc.path}.bias`) ?? new Float32Array(fc.module.outFeatures);
  return {
    module: fc.path,
    features: stage.path,
    classes: fc.module.outFeatures,
    channels: fc.module.inFeatures,
    // float32 little-endian (every platform Electron ships on is little-endian)
    weight: Buffer.from(weight.buffer, weight.byteOffset, weight.byteLength).toString('base64'),
    bias: Array.from(bias),
  };
}
