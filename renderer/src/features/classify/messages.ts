import type { Messages } from '../../i18n/i18n';

type Key = 'none' | 'running' | 'correct' | 'trueClass' | 'ranOn';

export const classifyMessages: Messages<Key> = {
  en: {
    none: 'Drop an image to classify it.',
    running: 'Running…',
    correct: '✓ correct',
    trueClass: '✗ true class: {label}',
    ranOn: '{ms} ms on {backend}',
  },
  ko: {
    none: '분류할 이미지를 놓으세요.',
    running: '실행 중…',
    correct: '✓ 정답',
    trueClass: '✗ 실제 클래스: {label}',
    ranOn: '{backend}에서 {ms} ms',
  },
};
