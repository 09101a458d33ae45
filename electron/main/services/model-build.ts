/**
 * Turning a library record into ONNX bytes: read and verify the weight file, read the checkpoint, build
 * the architecture, check every key, emit ONNX with the chosen outputs; or, for an imported ONNX graph,
 * expose its module outputs by graph surgery; or emit random weights for architecture-only models.
 */
import type { ModelOutput } from '../../ipc/contract';
import { ServiceError } from '../../ipc/dispatch';
import {
  buildModel,
  formatStateDictMatch,
  isCleanMatch,
  matchStateDict,
  printModel,
  type ArchSpec,
} from '../../resnet/arch';
import { readCheckpoint } from '../../resnet/formats';
import { emitOnnx, outputShapes } from '../../resnet/onnx';
import type { StateDict } from '../../resnet/tensor';
import { asServiceError } from './import-analysis';
import { readFileBytes, sha256Hex } from './file-hash';
import type { ModelRecord, WeightsSource } from './library-records';
import { prepareImportedOnnx } from './onnx-import';

export type OutputsOption = 'logits' | 'stages' | 'blocks' | 'all';
export type Built = { bytes: Uint8Array; outputs: ModelOutput[]; printText: string };

/** Reads a weight file and checks it is the one expected (full SHA-256, or the prefix its name carries). */
export function readVerified(w: Exclude<WeightsSource, { kind: 'random' }>): Uint8Array {
  if (!w.path) throw new ServiceError('not-downloaded', `${w.fileName} is not downloaded yet`);
  let bytes: Uint8Array;
  try {
    bytes = readFileBytes(w.path);
  } catch {
    throw new ServiceError('file-missing', `${w.fileName} is missing from the library (${w.path})`);
  }
  const digest = sha256Hex(bytes);
  const expected = w.sha256 ?? ('sha256Prefix' in w ? w.sha256Prefix : undefined) ?? '';
  if (!digest.startsWith(expected)) {
    throw new ServiceError(
      'hash-mismatch',
      `${w.fileName}: its SHA-256 (${digest.slice(0, 16)}...) is not the expected ${expected.slice(0, 16)}...: the file is damaged`,
    );
  }
  return bytes;
}

function emit(
  spec: ArchSpec,
  weights: StateDict | 'random',
  outputs: OutputsOption,
  size: [number, number],
): Built {
  const root = buildModel(spec);
  if (weights !== 'random') {
    const m = matchStateDict(root, weights);
    if (!isCleanMatch(m)) throw new ServiceError('weights-mismatch', formatStateDictMatch(m, root));
  }
  let emitted;
  try {
    emitted = emitOnnx(root, weights, { outputs });
  } catch (e) {
    return asServiceError(e);
  }
  let shapes: Map<string, number[]>;
  try {
    shapes = outputShapes(root, emitted.outputs, [1, 3, size[0], size[1]]);
  } catch (e) {
    return asServiceError(e);
  }
  return {
    bytes: emitted.bytes,
    outputs: emitted.outputs.map((o) => ({
      name: o.name,
      moduleType: o.moduleType,
      shape: shapes.get(o.name) ?? [],
    })),
    printText: printModel(root),
  };
}

/** Builds the ONNX of a record (no cache here). Throws ServiceError for anything the user can act on. */
export function buildRecord(rec: ModelRecord, outputs: OutputsOption): Built {
  const size: [number, number] = [rec.preprocessing.height, rec.preprocessing.width];
  const w = rec.weights;
  if (w.kind === 'random') return emit(rec.archSpec!, 'random', outputs, size);
  const bytes = readVerified(w);
  if (w.kind === 'onnx') {
    try {
      return prepareImportedOnnx(bytes, outputs);
    } catch (e) {
      return asServiceError(e);
    }
  }
  let stateDict: StateDict;
  try {
    stateDict = readCheckpoint(bytes, w.fileName).stateDict;
  } catch (e) {
    return asServiceError(e);
  }
  return emit(rec.archSpec!, stateDict, outputs, size);
}
