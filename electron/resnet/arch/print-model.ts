import type { ContainerType, Leaf, ModuleNode, Pair } from './types';
import { isContainer } from './tree';

/**
 * The Python class name PyTorch prints for a node. The CIFAR classes are akamaster's `ResNet` and
 * `BasicBlock` (our type names only keep them apart from torchvision's).
 */
export function pythonClassName(type: Leaf['type'] | ContainerType): string {
  if (type === 'CifarResNet') return 'ResNet';
  if (type === 'CifarBasicBlock') return 'BasicBlock';
  return type;
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pyFloat(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const [mantissa = '0', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  if (x !== 0 && (exp < -4 || exp >= 16)) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const fixed = String(x);
  return Number.isInteger(x) ? `${fixed}.0` : fixed;
}

const pyBool = (b: boolean): string => (b ? 'True' : 'False');
const pyTuple = (p: Pair): string => `(${p[0]}, ${p[1]})`;

/** The module's `extra_repr()`, as each PyTorch class writes it. */
export function extraRepr(m: Leaf): string {
  switch (m.type) {
    case 'Conv2d': {
      // torch.nn.modules.conv._ConvNd.extra_repr: only non-default padding/dilation/groups are shown.
      let s = `${m.inChannels}, ${m.outChannels}, kernel_size=${pyTuple(m.kernelSize)}, stride=${pyTuple(m.stride)}`;
      if (m.padding[0] !== 0 || m.padding[1] !== 0) s += `, padding=${pyTuple(m.padding)}`;
      if (m.dilation[0] !== 1 || m.dilation[1] !== 1) s += `, dilation=${pyTuple(m.dilation)}`;
      if (m.groups !== 1) s += `, groups=${m.groups}`;
      if (!m.bias) s += ', bias=False';
      return s;
    }
    case 'BatchNorm2d':
      return `${m.numFeatures}, eps=${pyFloat(m.eps)}, momentum=${pyFloat(m.momentum)}, affine=True, track_running_stats=True`;
    case 'ReLU':
      return m.inplace ? 'inplace=True' : '';
    case 'MaxPool2d':
      return (
        `kernel_size=${m.kernelSize}, stride=${m.stride}, padding=${m.padding}, ` +
        `dilation=${m.dilation}, ceil_mode=${pyBool(m.ceilMode)}`
      );
    case 'AdaptiveAvgPool2d':
      return `output_size=${pyTuple(m.outputSize)}`;
    case 'Linear':
      return `in_features=${m.inFeatures}, out_features=${m.outFeatures}, bias=${pyBool(m.bias)}`;
    case 'LambdaLayer':
      return '';
  }
}

/** torch.nn.modules.module._addindent: indent every line but the first. */
function addIndent(s: string, spaces: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  const pad = ' '.repeat(spaces);
  return [lines[0], ...lines.slice(1).map((l) => pad + l)].join('\n');
}

/** `nn.Module.__repr__` for one node, recursively. */
function moduleRepr(node: ModuleNode): string {
  const m = node.module;
  const extra = isContainer(m) ? '' : extraRepr(m);
  const extraLines = extra ? extra.split('\n') : [];
  const childLines = isContainer(m)
    ? m.children.map((c) => `(${c.name}): ${addIndent(moduleRepr(c), 2)}`)
    : [];
  const lines = [...extraLines, ...childLines];
  let s = `${pythonClassName(m.type)}(`;
  if (lines.length > 0) {
    s += extraLines.length === 1 && childLines.length === 0 ? extraLines[0] : `\n  ${lines.join('\n  ')}\n`;
  }
  return `${s})`;
}

/**
 * `print(model)` of the tree, text-identical to PyTorch's `repr(model)`, with the trailing newline that
 * `print` adds.
 */
export function printModel(root: ModuleNode): string {
  return `${moduleRepr(root)}\n`;
}
