/**
 * IEEE 754 binary16 <-> binary32 at the worker boundary. Imported ONNX models may take or produce
 * float16 tensors; the app speaks float32 everywhere else, so conversion happens exactly once, here.
 * (Node 20, where the unit tests run, has no Float16Array, so this is done on the bits.)
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The binary16 bits nearest to `value` (round half to even; overflow to ±Infinity; NaN stays NaN). */
export function float32ToFloat16Bits(value: number): number {
  f32[0] = value;
  const f = u32[0]!;
  const sign = (f >>> 16) & 0x8000;
  const abs = f & 0x7fffffff;
  if (abs >= 0x47800000) {
    // Infinity, NaN (keep a quiet-NaN bit so it cannot turn into Infinity), or too large for binary16.
    if (abs > 0x7f800000) return sign | 0x7e00 | ((f >>> 13) & 0x3ff);
    return sign | 0x7c00;
  }
  if (abs < 0x38800000) {
    // A binary16 subnormal (or zero): value / 2^-24, rounded half to even. Exact in float64.
    if (abs < 0x33000000) return sign; // below half the smallest subnormal: rounds to zero
    f32[0] = Math.abs(value);
    const scaled = f32[0]! * 16777216; // 2^24
    const floor = Math.floor(scaled);
    const rest = scaled - floor;
    const rounded = rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
    return sign | rounded; // rounded may reach 0x400: the smallest normal, which is the right bits
  }
  // Normal: rebias the exponent, keep 10 mantissa bits, round half to even on the 13 dropped bits.
  const exponent = ((abs >>> 23) - 112) << 10;
  const mantissa = (abs >>> 13) & 0x3ff;
  const dropped = abs & 0x1fff;
  const roundUp = dropped > 0x1000 || (dropped === 0x1000 && (mantissa & 1) === 1);
  // A carry out of the mantissa correctly bumps the exponent (up to Infinity).
  return sign | (exponent + mantissa + (roundUp ? 1 : 0));
}

/** The float value of binary16 `bits`. */
export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Converts a float32 array to binary16 bits (what onnxruntime's 'float16' tensors hold). */
export function toFloat16Bits(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i]!);
  return out;
}

/** Converts binary16 bits (or a native Float16Array, which onnxruntime may hand back) to float32. */
export function fromFloat16(values: ArrayLike<number>): Float32Array {
  if (!(values instanceof Uint16Array)) return Float32Array.from(values); // a Float16Array holds numbers
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16BitsToFloat32(values[i]!);
  return out;
}
