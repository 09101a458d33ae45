import type { Messages } from '../../i18n/i18n';

type Key =
  | 'title'
  | 'slot'
  | 'add'
  | 'remove'
  | 'untrained'
  | 'archDiff'
  | 'property'
  | 'noArch'
  | 'differs'
  | 'perImage'
  | 'dropImage'
  | 'labelsDiffer'
  | 'inputsDiffer'
  | 'agree'
  | 'disagree'
  | 'loading'
  | 'running'
  | 'latency'
  | 'params'
  | 'macs'
  | 'depth'
  | 'input'
  | 'top5'
  | 'failed'
  | 'needTwo'
  | 'cka'
  | 'ckaRun'
  | 'ckaNeed'
  | 'ckaAgreement'
  | 'ckaCaption';

export const compareMessages: Messages<Key> = {
  en: {
    title: 'Compare models',
    slot: 'Compare {n}',
    add: 'Add model',
    remove: 'Remove',
    untrained: 'untrained: predictions are random',
    archDiff: 'Architecture diff',
    property: 'Property',
    noArch: '{name} is not a known ResNet builder, so it has no architecture column.',
    differs: 'differs',
    perImage: 'On the selected image',
    dropImage: 'Drop an image to compare predictions.',
    labelsDiffer:
      'These models cannot be compared per image: their label sets differ ({sets}). The architecture diff still applies.',
    inputsDiffer: 'Input sizes differ ({sizes}): each model sees the image at its own size.',
    agree: 'Agree: all pick “{label}”',
    disagree: 'Disagree on top-1',
    loading: 'Loading…',
    running: 'Running…',
    latency: 'Latency',
    params: 'Params',
    macs: 'MACs',
    depth: 'Depth',
    input: 'Input',
    top5: 'Top-5',
    failed: 'Failed: {message}',
    needTwo: 'Pick at least two models.',
    cka: 'Representation similarity (linear CKA)',
    ckaRun: 'Compute over {n} gallery images',
    ckaNeed: 'needs at least {n} images',
    ckaAgreement: 'Top-1 agreement: {agreed} of {n} images',
    ckaCaption: 'rows: {a}, columns: {b}; stage outputs average-pooled per image',
  },
  ko: {
    title: '모델 비교',
    slot: '비교 {n}',
    add: '모델 추가',
    remove: '제거',
    untrained: '학습되지 않음: 예측은 무작위입니다',
    archDiff: '구조 비교',
    property: '항목',
    noArch: '{name}은(는) 알려진 ResNet 빌더가 아니어서 구조 열이 없습니다.',
    differs: '다름',
    perImage: '선택한 이미지에서',
    dropImage: '예측을 비교하려면 이미지를 놓으세요.',
    labelsDiffer:
      '레이블 집합이 달라 이미지별로 비교할 수 없습니다({sets}). 구조 비교는 그대로 볼 수 있습니다.',
    inputsDiffer: '입력 크기가 다릅니다({sizes}): 각 모델은 자기 크기로 이미지를 봅니다.',
    agree: '일치: 모두 “{label}”',
    disagree: 'top-1 불일치',
    loading: '불러오는 중…',
    running: '실행 중…',
    latency: '지연 시간',
    params: '파라미터',
    macs: 'MAC',
    depth: '깊이',
    input: '입력',
    top5: 'Top-5',
    failed: '실패: {message}',
    needTwo: '모델을 두 개 이상 고르세요.',
    cka: '표현 유사도 (선형 CKA)',
    ckaRun: '갤러리 이미지 {n}장으로 계산',
    ckaNeed: '이미지가 {n}장 이상 필요합니다',
    ckaAgreement: 'top-1 일치: {n}장 중 {agreed}장',
    ckaCaption: '행: {a}, 열: {b}; 각 단계 출력을 이미지별로 평균 풀링',
  },
};
