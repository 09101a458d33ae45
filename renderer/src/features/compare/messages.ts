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
  | 'ckaCaption'
  | 'alignedStage'
  | 'stage'
  | 'noSharedStage'
  | 'shape_same'
  | 'shape_channels'
  | 'shape_spatial'
  | 'shape_both'
  | 'stageShape'
  | 'cams'
  | 'camClass'
  | 'camTop'
  | 'camNoHead'
  | 'camCaption'
  | 'overSet'
  | 'setGallery'
  | 'setBatch'
  | 'cancel'
  | 'setAgreement'
  | 'setCancelled'
  | 'model'
  | 'accuracy'
  | 'noLabels'
  | 'disagreements'
  | 'truth'
  | 'more';

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
    alignedStage: 'The same stage, side by side',
    stage: 'Stage',
    noSharedStage: 'These models share no stage name, so no stage can be aligned.',
    shape_same: 'same shape in every model',
    shape_channels: 'same spatial size, different channel counts',
    shape_spatial: 'same channel count, different spatial size',
    shape_both: 'channel counts and spatial sizes differ',
    stageShape: '{n} channels · {shape}',
    cams: 'Class activation maps for one class',
    camClass: 'Class',
    camTop: 'top-1 of the first model ({label})',
    camNoHead: 'no CAM: {reason}',
    camCaption: '“{label}” from {stage}; logit {logit}',
    overSet: 'Over a set of images',
    setGallery: 'Run over the {n} gallery images',
    setBatch: 'Run over a CIFAR-10 batch (.bin)…',
    cancel: 'Cancel',
    setAgreement: 'All models agree on {agreed} of {n} images ({rate})',
    setCancelled: 'Cancelled: the numbers cover the first {n} images.',
    model: 'Model',
    accuracy: 'Accuracy ({n} labelled)',
    noLabels: 'no labels known',
    disagreements: 'Images where they disagree ({n})',
    truth: 'true: {label}',
    more: 'and {n} more',
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
    alignedStage: '같은 단계를 나란히',
    stage: '단계',
    noSharedStage: '이 모델들은 이름이 같은 단계가 없어 단계를 맞춰 볼 수 없습니다.',
    shape_same: '모든 모델에서 모양이 같음',
    shape_channels: '공간 크기는 같고 채널 수가 다름',
    shape_spatial: '채널 수는 같고 공간 크기가 다름',
    shape_both: '채널 수와 공간 크기가 모두 다름',
    stageShape: '채널 {n}개 · {shape}',
    cams: '한 클래스의 클래스 활성화 맵',
    camClass: '클래스',
    camTop: '첫 모델의 top-1 ({label})',
    camNoHead: 'CAM 없음: {reason}',
    camCaption: '{stage}에서 본 “{label}”; 로짓 {logit}',
    overSet: '이미지 집합 전체에서',
    setGallery: '갤러리 이미지 {n}장으로 실행',
    setBatch: 'CIFAR-10 배치(.bin)로 실행…',
    cancel: '취소',
    setAgreement: '{n}장 중 {agreed}장에서 모든 모델 일치 ({rate})',
    setCancelled: '취소됨: 처음 {n}장에 대한 수치입니다.',
    model: '모델',
    accuracy: '정확도 (레이블 {n}장)',
    noLabels: '알려진 레이블 없음',
    disagreements: '모델이 엇갈린 이미지 ({n})',
    truth: '정답: {label}',
    more: '외 {n}장',
  },
};
