import type { Messages } from '../../i18n/i18n';

type Key = 'inputSize' | 'standard' | 'native' | 'nativeOf' | 'custom' | 'height' | 'width' | 'apply';

export const inputSizeMessages: Messages<Key> = {
  en: {
    inputSize: 'Input size',
    standard: 'Standard ({h}×{w})',
    native: 'Image size',
    nativeOf: 'Image size ({h}×{w})',
    custom: 'Custom…',
    height: 'Height',
    width: 'Width',
    apply: 'Apply',
  },
  ko: {
    inputSize: '입력 크기',
    standard: '기본 ({h}×{w})',
    native: '이미지 크기',
    nativeOf: '이미지 크기 ({h}×{w})',
    custom: '직접 지정…',
    height: '높이',
    width: '너비',
    apply: '적용',
  },
};
