/**
 * The module tree of a ResNet, mirroring PyTorch's `nn.Module` tree: every node has PyTorch's local name
 * (`conv1`, `layer2`, `0`, `downsample`) and its dotted path (`layer2.0.downsample.0`), so a torchvision
 * `state_dict` maps onto it by name. Leaves carry their hyper-parameters; containers carry children in
 * registration order (the order `print(model)` and `named_modules()` use).
 *
 * Forward semantics are fixed by the container type (see ARCHITECTURE in the builder):
 * - `ResNet`: conv1 -> bn1 -> relu -> maxpool -> layer1..layer4 -> avgpool -> flatten -> fc
 * - `CifarResNet`: conv1 -> bn1 -> relu (functional) -> layer1..layer3 -> global avg pool -> flatten -> linear
 * - `BasicBlock`: relu(bn2(conv2(relu(bn1(conv1 x)))) + shortcut(x))
 * - `Bottleneck`: relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1 x))))))) + shortcut(x))
 *   where shortcut is `downsample` (Sequential(conv1x1, BN)) when present, else identity
 * - `CifarBasicBlock`: relu(bn2(conv2(relu(bn1(conv1 x)))) + shortcut(x)), shortcut an `OptionAShortcut`
 *   (x[:, :, ::2, ::2] zero-padded by `pad` channels on each side) or an empty Sequential (identity)
 * - `Sequential`: children in order
 */

export type Pair = [number, number];

export type Conv2d = {
  type: 'Conv2d';
  inChannels: number;
  outChannels: number;
  kernelSize: Pair;
  stride: Pair;
  padding: Pair;
  dilation: Pair;
  groups: number;
  bias: boolean;
};
export type BatchNorm2d = { type: 'BatchNorm2d'; numFeatures: number; eps: number; momentum: number };
export type ReLU = { type: 'ReLU'; inplace: boolean };
export type MaxPool2d = {
  type: 'MaxPool2d';
  kernelSize: number;
  stride: number;
  padding: number;
  dilation: number;
  ceilMode: boolean;
};
export type AdaptiveAvgPool2d = { type: 'AdaptiveAvgPool2d'; outputSize: Pair };
export type Linear = { type: 'Linear'; inFeatures: number; outFeatures: number; bias: boolean };
/** The CIFAR paper's option-A shortcut (akamaster's `LambdaLayer`): subsample by 2, zero-pad channels. */
export type OptionAShortcut = { type: 'LambdaLayer'; pad: number };

export type Leaf = Conv2d | BatchNorm2d | ReLU | MaxPool2d | AdaptiveAvgPool2d | Linear | OptionAShortcut;
export type ContainerType =
  'ResNet' | 'CifarResNet' | 'Sequential' | 'BasicBlock' | 'Bottleneck' | 'CifarBasicBlock';
export type Container = { type: ContainerType; children: ModuleNode[] };

/** One node of the tree: PyTorch's local name, the full dotted path ('' for the root), the module. */
export type ModuleNode = { name: string; path: string; module: Leaf | Container };

export type BlockType = 'BasicBlock' | 'Bottleneck';

/** torchvision's `ResNet(block, layers, ...)` arguments, or the CIFAR paper's depth. */
export type ArchSpec =
  | {
      family: 'torchvision';
      /** builder name when it came from one (`resnet50`), else 'custom' */
      name: string;
      block: BlockType;
      layers: [number, number, number, number];
      numClasses: number;
      groups: number;
      widthPerGroup: number;
      replaceStrideWithDilation: [boolean, boolean, boolean];
    }
  | {
      family: 'cifar';
      /** `cifar_resnet20` etc. */
      name: string;
      /** 6n + 2 */
      depth: number;
      numClasses: number;
    };
