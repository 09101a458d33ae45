import type { Messages } from '../../i18n/i18n';

type Key =
  | 'dropHere'
  | 'formats'
  | 'top5'
  | 'stages'
  | 'stem'
  | 'head'
  | 'downsample'
  | 'downsampleTitle'
  | 'shortcut'
  | 'shortcutTitle'
  | 'reluCall'
  | 'noModel'
  | 'input'
  | 'inputTitle'
  | 'sizeStandard'
  | 'sizeCustom'
  | 'sizeNative'
  | 'overlay'
  | 'overlayOff'
  | 'overlayMean'
  | 'overlayChannel'
  | 'opacity'
  | 'stageStats'
  | 'mean'
  | 'std'
  | 'min'
  | 'max'
  | 'zero'
  | 'values'
  | 'histogram'
  | 'histogramNote'
  | 'deadChannels'
  | 'deadNone'
  | 'deadSeen'
  | 'deadScan'
  | 'deadScanning'
  | 'deadNeedsImage'
  | 'waiting';

export const inspectMessages: Messages<Key> = {
  en: {
    dropHere: 'Drop images here',
    formats: 'JPEG, PNG, WebP, GIF or BMP — files or whole folders. Paste works too.',
    top5: 'Top-5',
    stages: 'Stages',
    stem: 'stem',
    head: 'head',
    downsample: 'downsample',
    downsampleTitle: 'This block has a downsample shortcut (1×1 conv + BN) because its shape changes',
    shortcut: 'shortcut A',
    shortcutTitle: 'Option-A shortcut: every second pixel, channels zero-padded (no parameters)',
    reluCall: 'call {n} of relu',
    noModel: 'Choose a model to see its stages.',
    input: 'Input',
    inputTitle: 'The tensor every stage below is computed from (the same one classification uses)',
    sizeStandard: 'standard preprocessing',
    sizeCustom: 'chosen size',
    sizeNative: 'the image’s own size',
    overlay: 'Overlay',
    overlayOff: 'off',
    overlayMean: 'stage mean',
    overlayChannel: 'channel {c}',
    opacity: 'Opacity',
    stageStats: 'Stage statistics',
    mean: 'mean',
    std: 'std',
    min: 'min',
    max: 'max',
    zero: '% zero',
    values: 'values',
    histogram: 'Histogram',
    histogramNote: '{bins} bins from {lo} to {hi}; bar heights are log-scaled counts',
    deadChannels: 'Dead channels',
    deadNone: 'None: every channel fired in some image.',
    deadSeen: 'Images seen with this stage: {n}. These channels were zero everywhere in all of them.',
    deadScan: 'Check all {n} images',
    deadScanning: 'Checking image {done} of {total}…',
    deadNeedsImage: 'Drop an image to start the finder.',
    waiting: 'Computing {stage}…',
  },
  ko: {
    dropHere: '여기에 이미지를 놓으세요',
    formats: 'JPEG, PNG, WebP, GIF, BMP — 파일이나 폴더 전체. 붙여넣기도 됩니다.',
    top5: '상위 5개',
    stages: '단계',
    stem: '스템',
    head: '헤드',
    downsample: '다운샘플',
    downsampleTitle: '출력 모양이 바뀌므로 이 블록의 숏컷에는 다운샘플(1×1 합성곱 + BN)이 있습니다',
    shortcut: '숏컷 A',
    shortcutTitle: '옵션 A 숏컷: 픽셀을 한 칸씩 건너뛰어 취하고 늘어난 채널은 0으로 채웁니다(매개변수 없음)',
    reluCall: 'relu의 {n}번째 호출',
    noModel: '모델을 선택하면 단계가 보입니다.',
    input: '입력',
    inputTitle: '아래 모든 단계를 계산하는 텐서(분류에 쓰는 것과 같은 텐서)',
    sizeStandard: '표준 전처리',
    sizeCustom: '선택한 크기',
    sizeNative: '이미지 원래 크기',
    overlay: '겹쳐 보기',
    overlayOff: '끄기',
    overlayMean: '단계 평균',
    overlayChannel: '채널 {c}',
    opacity: '불투명도',
    stageStats: '단계 통계',
    mean: '평균',
    std: '표준편차',
    min: '최솟값',
    max: '최댓값',
    zero: '0 비율',
    values: '값 개수',
    histogram: '히스토그램',
    histogramNote: '{lo}부터 {hi}까지 구간 {bins}개, 막대 높이는 개수의 로그 눈금',
    deadChannels: '죽은 채널',
    deadNone: '없음: 모든 채널이 어느 이미지에서든 활성화되었습니다.',
    deadSeen: '이 단계로 본 이미지: {n}장. 아래 채널은 모든 이미지에서 전부 0이었습니다.',
    deadScan: '이미지 {n}장 모두 검사',
    deadScanning: '이미지 {done}/{total} 검사 중…',
    deadNeedsImage: '이미지를 놓으면 찾기를 시작합니다.',
    waiting: '{stage} 계산 중…',
  },
};
