/** The official weight catalogue: pure data about torchvision's ImageNet weights. */
export {
  hashPrefixFromFileName,
  IMAGENET_MEAN,
  IMAGENET_STD,
  OFFICIAL_BASE_URL,
  OFFICIAL_WEIGHTS,
  officialUrl,
  officialWeightsById,
  type OfficialWeights,
} from './catalogue';
export { architectureDisplayName } from './names';
