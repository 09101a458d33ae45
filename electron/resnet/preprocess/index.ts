/**
 * Image preprocessing exactly as torchvision does it on PIL images (Resize with PIL's antialiased
 * bilinear filter, CenterCrop, ToTensor, Normalize), plus EXIF orientation. Pure TypeScript over typed
 * arrays: the renderer, the CLI and the tests share it, so every input tensor matches PyTorch's.
 */
export {
  IMAGENET_NORMALIZATION,
  channelsOf,
  toRgbImage,
  type Normalization,
  type PixelInput,
  type RgbImage,
} from './types';
export {
  PRECISION_BITS,
  bilinearFilter,
  fixedPointCoeffs,
  precomputeCoeffs,
  resizeBilinear,
  resizeBilinearFloat,
  type Coefficients,
} from './resize';
export {
  centerCrop,
  centerCropOffsets,
  preprocess,
  pythonRound,
  recipeImage,
  resizeShorterSide,
  shorterSideSize,
  toNormalizedTensor,
  type PreprocessResult,
  type Recipe,
} from './transforms';
export { applyOrientation, orientationFromTiff, readExifOrientation, type Orientation } from './exif';
