import { hasExtension, type MatchResult } from './types';

/**
 * Recognises an ONNX model (a protobuf ModelProto) so the registry can say "open it as a model" instead of
 * failing as an unknown checkpoint. The ONNX reader itself lives elsewhere.
 * A ModelProto starts with field 1 (ir_version, varint, tag 0x08) set to a small version, followed by
 * another field of the message (opset_import, producer_name, ..., graph).
 */
export function matchOnnx(bytes: Uint8Array, fileName: string): MatchResult {
  const irVersion = bytes[1] ?? 0;
  const nextTag = bytes[2] ?? 0;
  const nextField = nextTag >> 3;
  const wireType = nextTag & 7;
  if (
    bytes[0] === 0x08 &&
    irVersion >= 1 &&
    irVersion <= 20 &&
    nextField >= 2 &&
    nextField <= 20 &&
    wireType === 2
  ) {
    return 'magic';
  }
  return hasExtension(fileName, ['.onnx']) ? 'extension' : null;
}
