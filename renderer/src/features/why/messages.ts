import type { Messages } from '../../i18n/i18n';

type Key =
  | 'dropHere'
  | 'noModel'
  | 'running'
  | 'failed'
  | 'headLoading'
  | 'headMissing'
  | 'headNoIpc'
  | 'headFailed'
  | 'title'
  | 'titleTop'
  | 'opacity'
  | 'colormap'
  | 'normalization'
  | 'minmax'
  | 'positive'
  | 'classes'
  | 'topClass'
  | 'search'
  | 'noMatch'
  | 'more'
  | 'channels'
  | 'channelsHelp'
  | 'channel'
  | 'showInInspect'
  | 'identity'
  | 'legend'
  | 'exportCam'
  | 'exportCamNpy'
  | 'exportStage'
  | 'exportCsv'
  | 'exportJson';

export const whyMessages: Messages<Key> = {
  en: {
    dropHere: 'Drop an image to see where the model looks for each class.',
    noModel: 'Load a model first.',
    running: 'Running…',
    failed: 'Could not compute the map: {message}',
    headLoading: 'Reading the classifier weights…',
    headMissing: 'The class activation map needs the classifier weights of this model ({reason}).',
    headNoIpc: 'this build cannot read them yet: getHeadWeights is missing',
    headFailed: 'Could not read the classifier weights: {message}',
    title: 'Where the model sees “{label}”',
    titleTop: 'top class',
    opacity: 'Opacity',
    colormap: 'Colormap',
    normalization: 'Scale',
    minmax: 'min … max',
    positive: '0 … max',
    classes: 'Class',
    topClass: 'Follow the top class',
    search: 'Search classes',
    noMatch: 'No class matches “{query}”.',
    more: '{n} more: refine the search',
    channels: 'Channels that drive “{label}”',
    channelsHelp: 'w[c,k] × mean(A_k) of {stage}; click one to open it in Inspect.',
    channel: 'Channel {k}',
    showInInspect: 'Show channel {k} of {stage} in Inspect',
    identity: 'mean(CAM) + bias = {sum} = logit {logit}',
    legend: 'CAM value',
    exportCam: 'CAM overlay',
    exportCamNpy: 'CAM values ({h}×{w})',
    exportStage: '{stage} output ({shape})',
    exportCsv: 'Top-5 predictions',
    exportJson: 'Top-5 predictions',
  },
  ko: {
    dropHere: '이미지를 놓으면 모델이 각 클래스를 어디에서 보는지 표시합니다.',
    noModel: '먼저 모델을 불러오세요.',
    running: '실행 중…',
    failed: '맵을 계산하지 못했습니다: {message}',
    headLoading: '분류기 가중치를 읽는 중…',
    headMissing: '클래스 활성화 맵에는 이 모델의 분류기 가중치가 필요합니다 ({reason}).',
    headNoIpc: '이 빌드는 아직 읽을 수 없습니다: getHeadWeights가 없습니다',
    headFailed: '분류기 가중치를 읽지 못했습니다: {message}',
    title: '모델이 “{label}”을(를) 보는 곳',
    titleTop: '최상위 클래스',
    opacity: '불투명도',
    colormap: '색상표',
    normalization: '범위',
    minmax: '최소 … 최대',
    positive: '0 … 최대',
    classes: '클래스',
    topClass: '최상위 클래스 따라가기',
    search: '클래스 검색',
    noMatch: '“{query}”에 맞는 클래스가 없습니다.',
    more: '{n}개 더 있음: 검색어를 좁히세요',
    channels: '“{label}”을(를) 이끄는 채널',
    channelsHelp: '{stage}의 w[c,k] × mean(A_k); 누르면 살펴보기에서 엽니다.',
    channel: '채널 {k}',
    showInInspect: '{stage}의 채널 {k}을(를) 살펴보기에서 보기',
    identity: 'mean(CAM) + bias = {sum} = logit {logit}',
    legend: 'CAM 값',
    exportCam: 'CAM 오버레이',
    exportCamNpy: 'CAM 값 ({h}×{w})',
    exportStage: '{stage} 출력 ({shape})',
    exportCsv: '상위 5개 예측',
    exportJson: '상위 5개 예측',
  },
};
