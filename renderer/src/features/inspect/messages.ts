import type { Messages } from '../../i18n/i18n';

type Key = 'dropHere' | 'formats' | 'top5';

export const inspectMessages: Messages<Key> = {
  en: {
    dropHere: 'Drop images here',
    formats: 'JPEG, PNG, WebP, GIF or BMP — files or whole folders. Paste works too.',
    top5: 'Top-5',
  },
  ko: {
    dropHere: '여기에 이미지를 놓으세요',
    formats: 'JPEG, PNG, WebP, GIF, BMP — 파일이나 폴더 전체. 붙여넣기도 됩니다.',
    top5: '상위 5개',
  },
};
