import type { Messages } from '../../i18n/i18n';

type Key =
  | 'summary'
  | 'printModel'
  | 'layer'
  | 'outputShape'
  | 'params'
  | 'multAdds'
  | 'depth'
  | 'all'
  | 'expand'
  | 'collapse'
  | 'totalParams'
  | 'totalMacs'
  | 'inputShape'
  | 'paramsSize'
  | 'downsample'
  | 'noTree'
  | 'noTreeOnnx'
  | 'noTreeCustom'
  | 'shapeError'
  | 'noModel'
  | 'exportSummary'
  | 'exportPrint'
  | 'reasonStrideHalves'
  | 'reasonStride'
  | 'reasonChannels'
  | 'reasonProjection'
  | 'reasonOptionA';

export const architectureMessages: Messages<Key> = {
  en: {
    summary: 'Summary',
    printModel: 'print(model)',
    layer: 'Layer (type:depth-idx)',
    outputShape: 'Output shape',
    params: 'Param #',
    multAdds: 'Mult-adds',
    depth: 'Depth',
    all: 'All',
    expand: 'Expand {name}',
    collapse: 'Collapse {name}',
    totalParams: 'Total params',
    totalMacs: 'Total mult-adds',
    inputShape: 'Input',
    paramsSize: 'Params size',
    downsample: 'downsample',
    noTree: 'No summary for this model: {reason}',
    noTreeOnnx:
      'it is an imported ONNX graph, not a ResNet the app builds; its module scopes are listed in print(model)',
    noTreeCustom: 'its architecture has no builder name, and the loaded model does not carry its spec',
    shapeError: 'This input size does not fit the model: {message}',
    noModel: 'Load a model to see its architecture.',
    exportSummary: 'Summary table (torchinfo text)',
    exportPrint: 'print(model) text',
    reasonStrideHalves: 'stride {stride} halves {inH}×{inW} to {outH}×{outW}',
    reasonStride: 'stride {stride} takes {inH}×{inW} to {outH}×{outW}',
    reasonChannels: 'channels {from} → {to}',
    reasonProjection: 'so the identity is projected by a 1×1 conv (stride {stride}) + BatchNorm',
    reasonOptionA:
      'so the identity takes every second pixel and is zero-padded with {pad} channels on each side (option A, no parameters)',
  },
  ko: {
    summary: '요약',
    printModel: 'print(model)',
    layer: '레이어 (타입:깊이-번호)',
    outputShape: '출력 형태',
    params: '파라미터 수',
    multAdds: '곱셈-덧셈',
    depth: '깊이',
    all: '전체',
    expand: '{name} 펼치기',
    collapse: '{name} 접기',
    totalParams: '전체 파라미터',
    totalMacs: '전체 곱셈-덧셈',
    inputShape: '입력',
    paramsSize: '파라미터 크기',
    downsample: '다운샘플',
    noTree: '이 모델은 요약할 수 없습니다: {reason}',
    noTreeOnnx: '앱이 만든 ResNet이 아닌 가져온 ONNX 그래프입니다. 모듈 범위는 print(model)에 나옵니다',
    noTreeCustom: '아키텍처에 빌더 이름이 없고, 불러온 모델에 사양이 들어 있지 않습니다',
    shapeError: '이 입력 크기는 모델에 맞지 않습니다: {message}',
    noModel: '모델을 불러오면 구조가 표시됩니다.',
    exportSummary: '요약 표 (torchinfo 텍스트)',
    exportPrint: 'print(model) 텍스트',
    reasonStrideHalves: 'stride {stride}로 {inH}×{inW}가 {outH}×{outW}로 절반이 됨',
    reasonStride: 'stride {stride}로 {inH}×{inW}가 {outH}×{outW}로 바뀜',
    reasonChannels: '채널 {from} → {to}',
    reasonProjection: '그래서 항등 경로를 1×1 conv(stride {stride}) + BatchNorm으로 투영',
    reasonOptionA:
      '그래서 항등 경로에서 한 칸씩 건너 픽셀을 취하고 양쪽에 {pad}개 채널을 0으로 채움 (옵션 A, 파라미터 없음)',
  },
};
