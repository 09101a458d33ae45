import type { Messages } from '../../i18n/i18n';

type Key =
  | 'images'
  | 'trySample'
  | 'sampleHint'
  | 'samplesPhotos'
  | 'samplesCifar'
  | 'samplesFailed'
  | 'adding'
  | 'addingLabel'
  | 'failedCount'
  | 'cancel';

export const galleryMessages: Messages<Key> = {
  en: {
    images: 'Images',
    trySample: 'Try a sample',
    sampleHint: 'Or drop images anywhere, paste them, or press {shortcut}.',
    samplesPhotos: 'Photos',
    samplesCifar: 'CIFAR-10 test images',
    samplesFailed: 'The sample images could not be loaded: {message}',
    adding: 'Adding {done} / {total}…',
    addingLabel: 'Adding images',
    failedCount: '{n} could not be read',
    cancel: 'Cancel',
  },
  ko: {
    images: '이미지',
    trySample: '예시 이미지로 해 보기',
    sampleHint: '이미지를 아무 곳에나 끌어다 놓거나, 붙여넣거나, {shortcut}를 누르세요.',
    samplesPhotos: '사진',
    samplesCifar: 'CIFAR-10 테스트 이미지',
    samplesFailed: '예시 이미지를 불러오지 못했습니다: {message}',
    adding: '이미지 추가 중 {done} / {total}…',
    addingLabel: '이미지 추가',
    failedCount: '{n}개는 읽지 못함',
    cancel: '취소',
  },
};
