/**
 * The parameters a module tree needs, checked against a state_dict, or generated for architecture-only
 * mode. Keys are PyTorch's (`layer1.0.conv1.weight`), so a torchvision state_dict maps by name.
 */
import type { ModuleNode } from '../arch/types';
import { CoreError, numel, type StateDict } from '../tensor';

/** One parameter or buffer a leaf needs, with the shape PyTorch gives it. */
export type ParamSpec = {
  key: string;
  shape: number[];
  /** how architecture-only mode fills it */
  init: 'he-fan-out' | 'linear-uniform' | 'linear-bias' | 'zeros' | 'ones';
  /** fan used by the random init (fan_out for convs, in_features for linears) */
  fan: number;
};

/** The parameters and buffers of one module (none for containers and parameter-free leaves). */
export function paramsOf(node: ModuleNode): ParamSpec[] {
  const m = node.module;
  const key = (suffix: string) => (node.path ? `${node.path}.${suffix}` : suffix);
  switch (m.type) {
    case 'Conv2d': {
      const [kh, kw] = m.kernelSize;
      const fanOut = m.outChannels * kh * kw;
      const specs: ParamSpec[] = [
        {
          key: key('weight'),
          shape: [m.outChannels, m.inChannels / m.groups, kh, kw],
          init: 'he-fan-out',
          fan: fanOut,
        },
      ];
      if (m.bias) specs.push({ key: key('bias'), shape: [m.outChannels], init: 'zeros', fan: fanOut });
      return specs;
    }
    case 'BatchNorm2d': {
      const c = [m.numFeatures];
      return [
        { key: key('weight'), shape: c, init: 'ones', fan: 0 },
        { key: key('bias'), shape: c, init: 'zeros', fan: 0 },
        { key: key('running_mean'), shape: c, init: 'zeros', fan: 0 },
        { key: key('running_var'), shape: c, init: 'ones', fan: 0 },
      ];
    }
    case 'Linear': {
      const specs: ParamSpec[] = [
        {
          key: key('weight'),
          shape: [m.outFeatures, m.inFeatures],
          init: 'linear-uniform',
          fan: m.inFeatures,
        },
      ];
      if (m.bias)
        specs.push({ key: key('bias'), shape: [m.outFeatures], init: 'linear-bias', fan: m.inFeatures });
      return specs;
    }
    default:
      return [];
  }
}

/** Every parameter of the tree, in registration order. */
export function collectParams(root: ModuleNode): ParamSpec[] {
  const out: ParamSpec[] = [];
  const visit = (n: ModuleNode) => {
    out.push(...paramsOf(n));
    if ('children' in n.module) n.module.children.forEach(visit);
  };
  visit(root);
  return out;
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** At most `limit` items of a list, with a count of the rest, for error messages people can read. */
function listSome(items: string[], limit = 12): string {
  const head = items.slice(0, limit).join(', ');
  return items.length > limit ? `${head}, ... (${items.length - limit} more)` : head;
}

/**
 * Float32 data for every parameter of the tree, taken from a state_dict.
 * @throws CoreError `weights-mismatch` naming every missing, non-float or misshaped key
 */
export function weightsFromStateDict(params: ParamSpec[], sd: StateDict): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  const missing: string[] = [];
  const wrong: string[] = [];
  for (const p of params) {
    const t = sd.get(p.key);
    if (!t) missing.push(p.key);
    else if (t.dtype !== 'float32') wrong.push(`${p.key} (dtype ${t.dtype}, expected float32)`);
    // A [C] tensor saved as [C,1,1] or similar would still be wrong for ONNX initializers: be strict.
    else if (!sameShape(t.shape, p.shape)) wrong.push(`${p.key} (shape [${t.shape}], expected [${p.shape}])`);
    else out.set(p.key, t.data);
  }
  if (missing.length || wrong.length) {
    const parts: string[] = [];
    if (missing.length) parts.push(`missing ${missing.length} key(s): ${listSome(missing)}`);
    if (wrong.length) parts.push(`${wrong.length} key(s) do not fit the architecture: ${listSome(wrong)}`);
    throw new CoreError(
      'weights-mismatch',
      `The weights do not match the architecture: ${parts.join('; ')}.`,
    );
  }
  return out;
}

/**
 * Fills `data` with uniform samples in [-bound, bound) from mulberry32, a tiny seeded PRNG, so
 * architecture-only models are the same on every run and platform. Inlined in one loop because it runs
 * once per parameter (127 M for wide_resnet101_2) and the app waits for it.
 */
function fillUniform(data: Float32Array, bound: number, state: { a: number }): void {
  let a = state.a;
  const scale = (2 * bound) / 4294967296;
  for (let i = 0; i < data.length; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    data[i] = ((t ^ (t >>> 14)) >>> 0) * scale - bound;
  }
  state.a = a;
}

/**
 * Deterministic weights for architecture-only mode, He-style like torchvision's init but uniform
 * (Kaiming-uniform: the same variance, 2 / fan_out for ReLU nets, and one PRNG draw per weight instead of a
 * Box-Muller pair), PyTorch's default uniform Linear, and BatchNorm at identity (gamma 1, beta 0, mean 0,
 * var 1) so activations keep a sensible scale through depth.
 */
export function randomWeights(params: ParamSpec[], seed = 0x5eed): Map<string, Float32Array> {
  const state = { a: seed | 0 };
  const out = new Map<string, Float32Array>();
  for (const p of params) {
    const data = new Float32Array(numel(p.shape));
    if (p.init === 'ones') data.fill(1);
    // uniform(-b, b) has variance b^2 / 3: b = sqrt(6 / fan) gives He's 2 / fan
    else if (p.init === 'he-fan-out') fillUniform(data, Math.sqrt(6 / p.fan), state);
    else if (p.init === 'linear-uniform' || p.init === 'linear-bias')
      fillUniform(data, 1 / Math.sqrt(p.fan), state);
    out.set(p.key, data);
  }
  return out;
}
