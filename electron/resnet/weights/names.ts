/**
 * How the app names architectures for people: `resnet50` -> "ResNet-50", `resnext101_32x8d` ->
 * "ResNeXt-101 32x8d", `wide_resnet50_2` -> "Wide ResNet-50-2", `cifar_resnet20` -> "CIFAR ResNet-20".
 * Unknown names come back unchanged.
 */
export function architectureDisplayName(builder: string): string {
  let m = /^resnet(\d+)$/.exec(builder);
  if (m) return `ResNet-${m[1]}`;
  m = /^resnext(\d+)_(\d+x\d+d)$/.exec(builder);
  if (m) return `ResNeXt-${m[1]} ${m[2]}`;
  m = /^wide_resnet(\d+)_(\d+)$/.exec(builder);
  if (m) return `Wide ResNet-${m[1]}-${m[2]}`;
  m = /^cifar_resnet(\d+)$/.exec(builder);
  if (m) return `CIFAR ResNet-${m[1]}`;
  return builder;
}
