import type { Messages } from '../i18n/i18n';

type Key =
  | 'model'
  | 'backend'
  | 'auto'
  | 'loadingModel'
  | 'modelFailed'
  | 'openImages'
  | 'theme'
  | 'dark'
  | 'light'
  | 'language'
  | 'viewInspect'
  | 'viewArchitecture'
  | 'viewWhy'
  | 'viewCompare'
  | 'viewEvaluate'
  | 'viewLibrary'
  | 'params'
  | 'fallback'
  | 'untrained'
  | 'noticeRestarted'
  | 'noticeSessionLost'
  | 'noticeStopped'
  | 'dismiss';

export const shellMessages: Messages<Key> = {
  en: {
    model: 'Model',
    backend: 'Backend',
    auto: 'Auto',
    loadingModel: 'Loading model…',
    modelFailed: 'Model failed: {message}',
    openImages: 'Open images…',
    theme: 'Theme',
    dark: 'Dark',
    light: 'Light',
    language: 'Language',
    viewInspect: 'Inspect',
    viewArchitecture: 'Architecture',
    viewWhy: 'Why this class',
    viewCompare: 'Compare',
    viewEvaluate: 'Evaluate',
    viewLibrary: 'Library',
    params: 'M params',
    fallback: 'Notice: {reason}',
    untrained: 'untrained (random weights)',
    noticeRestarted: 'Recovered: {reason}',
    noticeSessionLost: 'The model could not be reloaded: {reason}',
    noticeStopped: 'Inference stopped: {reason}. Restart the app to continue.',
    dismiss: 'Dismiss',
  },
  ko: {
    model: '모델',
    backend: '백엔드',
    auto: '자동',
    loadingModel: '모델 불러오는 중…',
    modelFailed: '모델 오류: {message}',
    openImages: '이미지 열기…',
    theme: '테마',
    dark: '어둡게',
    light: '밝게',
    language: '언어',
    viewInspect: '살펴보기',
    viewArchitecture: '구조',
    viewWhy: '판단 근거',
    viewCompare: '비교',
    viewEvaluate: '평가',
    viewLibrary: '모델 라이브러리',
    params: 'M 파라미터',
    fallback: '알림: {reason}',
    untrained: '학습 안 됨 (무작위 가중치)',
    noticeRestarted: '복구됨: {reason}',
    noticeSessionLost: '모델을 다시 불러오지 못했습니다: {reason}',
    noticeStopped: '추론이 멈췄습니다: {reason}. 앱을 다시 시작하세요.',
    dismiss: '닫기',
  },
};
