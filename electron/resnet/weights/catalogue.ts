/**
 * The official torchvision ImageNet weights of every ResNet builder, as torchvision's `resnet.py` lists
 * them (`ResNet50_Weights.IMAGENET1K_V1` ...): download address, the SHA-256 prefix carried by the file
 * name, published accuracies and the eval transform. Pure data: the download itself lives in main.
 */

/** Where torchvision's weights live (`Weights.url` minus the file name). */
export const OFFICIAL_BASE_URL = 'https://download.pytorch.org/models/';

/** torchvision's `ImageClassification` mean and std (on [0, 1] pixels). */
export const IMAGENET_MEAN: [number, number, number] = [0.485, 0.456, 0.406];
export const IMAGENET_STD: [number, number, number] = [0.229, 0.224, 0.225];

/** One `Weights` entry of torchvision's `resnet.py`. */
export type OfficialWeights = {
  /** app model id, e.g. `imagenet-resnet50-v2` */
  id: string;
  /** torchvision builder (`resnet50`), also an `archSpecFromName` name */
  builder: string;
  /** torchvision's enum member */
  tag: 'IMAGENET1K_V1' | 'IMAGENET1K_V2';
  /** whether it is the builder's `DEFAULT` */
  isDefault: boolean;
  /** file name on the server and in the cache: `<builder>-<first hex digits of its SHA-256>.pth` */
  fileName: string;
  /** the hex prefix of the file's SHA-256 (what `torch.hub` checks with `check_hash=True`) */
  sha256Prefix: string;
  /** `meta["num_params"]` */
  numParams: number;
  /** `meta["_metrics"]["ImageNet-1K"]`, percent */
  acc1: number;
  acc5: number;
  /** `meta["_ops"]`: GFLOPS at 224 */
  gflops: number;
  /** `meta["_file_size"]`: the file's size in MiB (torchvision divides by 1024 * 1024) */
  fileSizeMiB: number;
  /** `ImageClassification(crop_size=224, resize_size=...)`: 256 by default, 232 for the new recipes */
  resizeShorter: number;
  cropSize: number;
};

type Row = [
  builder: string,
  tag: OfficialWeights['tag'],
  hash: string,
  numParams: number,
  acc1: number,
  acc5: number,
  gflops: number,
  fileSizeMiB: number,
  resize: number,
];

/** Transcribed from torchvision `models/resnet.py` (0.13 and later); V1 rows use resize 256, V2 232. */
const ROWS: readonly Row[] = [
  ['resnet18', 'IMAGENET1K_V1', 'f37072fd', 11689512, 69.758, 89.078, 1.814, 44.661, 256],
  ['resnet34', 'IMAGENET1K_V1', 'b627a593', 21797672, 73.314, 91.42, 3.664, 83.275, 256],
  ['resnet50', 'IMAGENET1K_V1', '0676ba61', 25557032, 76.13, 92.862, 4.089, 97.781, 256],
  ['resnet50', 'IMAGENET1K_V2', '11ad3fa6', 25557032, 80.858, 95.434, 4.089, 97.79, 232],
  ['resnet101', 'IMAGENET1K_V1', '63fe2227', 44549160, 77.374, 93.546, 7.801, 170.511, 256],
  ['resnet101', 'IMAGENET1K_V2', 'cd907fc2', 44549160, 81.886, 95.78, 7.801, 170.53, 232],
  ['resnet152', 'IMAGENET1K_V1', '394f9c45', 60192808, 78.312, 94.046, 11.514, 230.434, 256],
  ['resnet152', 'IMAGENET1K_V2', 'f82ba261', 60192808, 82.284, 96.002, 11.514, 230.474, 232],
  ['resnext50_32x4d', 'IMAGENET1K_V1', '7cdf4587', 25028904, 77.618, 93.698, 4.23, 95.789, 256],
  ['resnext50_32x4d', 'IMAGENET1K_V2', '1a0047aa', 25028904, 81.198, 95.34, 4.23, 95.833, 232],
  ['resnext101_32x8d', 'IMAGENET1K_V1', '8ba56ff5', 88791336, 79.312, 94.526, 16.414, 339.586, 256],
  ['resnext101_32x8d', 'IMAGENET1K_V2', '110c445d', 88791336, 82.834, 96.228, 16.414, 339.673, 232],
  ['resnext101_64x4d', 'IMAGENET1K_V1', '173b62eb', 83455272, 83.246, 96.454, 15.46, 319.318, 232],
  ['wide_resnet50_2', 'IMAGENET1K_V1', '95faca4d', 68883240, 78.468, 94.086, 11.398, 131.82, 256],
  ['wide_resnet50_2', 'IMAGENET1K_V2', '9ba9bcbe', 68883240, 81.602, 95.758, 11.398, 263.124, 232],
  ['wide_resnet101_2', 'IMAGENET1K_V1', '32ee1156', 126886696, 78.848, 94.284, 22.753, 242.896, 256],
  ['wide_resnet101_2', 'IMAGENET1K_V2', 'd733dc28', 126886696, 82.51, 96.02, 22.753, 484.747, 232],
];

/** torchvision's `DEFAULT`: V2 where it exists, else V1. */
function isDefaultTag(builder: string, tag: OfficialWeights['tag']): boolean {
  return tag === 'IMAGENET1K_V2' || !ROWS.some((r) => r[0] === builder && r[1] === 'IMAGENET1K_V2');
}

/** Every official ImageNet weight file of the ten torchvision ResNet builders, V1 before V2. */
export const OFFICIAL_WEIGHTS: readonly OfficialWeights[] = ROWS.map(
  ([builder, tag, hash, numParams, acc1, acc5, gflops, fileSizeMiB, resize]) => ({
    id: `imagenet-${builder}-${tag === 'IMAGENET1K_V1' ? 'v1' : 'v2'}`,
    builder,
    tag,
    isDefault: isDefaultTag(builder, tag),
    fileName: `${builder}-${hash}.pth`,
    sha256Prefix: hash,
    numParams,
    acc1,
    acc5,
    gflops,
    fileSizeMiB,
    resizeShorter: resize,
    cropSize: 224,
  }),
);

/** The catalogue entry of a model id, or undefined. */
export function officialWeightsById(id: string): OfficialWeights | undefined {
  return OFFICIAL_WEIGHTS.find((w) => w.id === id);
}

/** The official download address of a weight file (`base` replaceable, e.g. by a mirror or a test server). */
export function officialUrl(w: Pick<OfficialWeights, 'fileName'>, base: string = OFFICIAL_BASE_URL): string {
  // String joining, not `URL`: the core has no DOM or Node globals.
  return `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(w.fileName)}`;
}

/**
 * The SHA-256 prefix a torch.hub-style file name carries (`resnet50-0676ba61.pth` -> `0676ba61`): the hex
 * digits after the last dash, as `torch.hub.download_url_to_file(check_hash=True)` reads them; null if none.
 */
export function hashPrefixFromFileName(fileName: string): string | null {
  const m = /-([a-f0-9]{6,64})\.[A-Za-z0-9]+$/.exec(fileName);
  return m ? m[1]! : null;
}
