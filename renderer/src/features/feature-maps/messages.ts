import type { Messages } from '../../i18n/i18n';

type Key =
  | 'featureMaps'
  | 'channelCount'
  | 'colormap'
  | 'scale'
  | 'scaleShared'
  | 'scaleChannel'
  | 'sort'
  | 'sortIndex'
  | 'sortMean'
  | 'sortMax'
  | 'sortZero'
  | 'tileSize'
  | 'channel'
  | 'channelStats'
  | 'dead'
  | 'close'
  | 'previous'
  | 'next'
  | 'valueAt'
  | 'pointHint'
  | 'overlayThis'
  | 'mean'
  | 'min'
  | 'max'
  | 'zero'
  | 'legend';

export const featureMapMessages: Messages<Key> = {
  en: {
    featureMaps: 'Feature maps',
    channelCount: '{n} channels · {shape}',
    colormap: 'Colormap',
    scale: 'Scale',
    scaleShared: 'shared',
    scaleChannel: 'per channel',
    sort: 'Sort by',
    sortIndex: 'index',
    sortMean: 'mean',
    sortMax: 'max',
    sortZero: '% zero',
    tileSize: 'Tile size',
    channel: 'Channel {c}',
    channelStats: 'channel {c} · mean {mean} · max {max} · {zero}% zero',
    dead: 'dead',
    close: 'Close',
    previous: 'Previous channel',
    next: 'Next channel',
    valueAt: 'x {x}, y {y}: {v}',
    pointHint: 'Point at the map to read a value',
    overlayThis: 'Overlay on the input',
    mean: 'mean',
    min: 'min',
    max: 'max',
    zero: '% zero',
    legend: 'Colour scale from {lo} to {hi}',
  },
  ko: {
    featureMaps: '특성 맵',
    channelCount: '채널 {n}개 · {shape}',
    colormap: '컬러맵',
    scale: '스케일',
    scaleShared: '공통',
    scaleChannel: '채널별',
    sort: '정렬',
    sortIndex: '번호순',
    sortMean: '평균',
    sortMax: '최댓값',
    sortZero: '0 비율',
    tileSize: '타일 크기',
    channel: '채널 {c}',
    channelStats: '채널 {c} · 평균 {mean} · 최댓값 {max} · 0 비율 {zero}%',
    dead: '죽은 채널',
    close: '닫기',
    previous: '이전 채널',
    next: '다음 채널',
    valueAt: 'x {x}, y {y}: {v}',
    pointHint: '맵 위에 포인터를 올리면 값이 보입니다',
    overlayThis: '입력 이미지에 겹쳐 보기',
    mean: '평균',
    min: '최솟값',
    max: '최댓값',
    zero: '0 비율',
    legend: '{lo}부터 {hi}까지의 색상 눈금',
  },
};
