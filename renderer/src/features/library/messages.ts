import type { Messages } from '../../i18n/i18n';

export type LibraryKey =
  | 'title'
  | 'search'
  | 'searchPlaceholder'
  | 'sourceFilter'
  | 'allSources'
  | 'sourceBundled'
  | 'sourceOfficial'
  | 'sourceImported'
  | 'sourceArchitecture'
  | 'cacheInfo'
  | 'cacheTitle'
  | 'clearCache'
  | 'noMatch'
  | 'colName'
  | 'colArchitecture'
  | 'colDataset'
  | 'colSize'
  | 'colParams'
  | 'colPublished'
  | 'publishedTitle'
  | 'accuracy'
  | 'accuracyTitle'
  | 'testError'
  | 'testErrorTitle'
  | 'colStatus'
  | 'colActions'
  | 'inUse'
  | 'statusReady'
  | 'statusNotDownloaded'
  | 'statusUntrained'
  | 'statusFinishing'
  | 'statusFailed'
  | 'downloadingPct'
  | 'downloadingUnknown'
  | 'downloadProgress'
  | 'verifying'
  | 'bytesOf'
  | 'timeLeft'
  | 'attempt'
  | 'use'
  | 'download'
  | 'cancel'
  | 'retry'
  | 'reveal'
  | 'delete'
  | 'deleteQuestion'
  | 'deleteYes'
  | 'deleteNo'
  | 'importTitle'
  | 'dropTitle'
  | 'dropFormats'
  | 'chooseFile'
  | 'reading'
  | 'queued'
  | 'importFailed'
  | 'importFailedNamed'
  | 'importRefused'
  | 'importTooLarge'
  | 'imported'
  | 'dismiss'
  | 'previewTitle'
  | 'previewFacts'
  | 'alreadyImported'
  | 'confirmImport'
  | 'confirmUpdate'
  | 'architecture'
  | 'noArchitecture'
  | 'customArchitecture'
  | 'details'
  | 'matchClean'
  | 'matchSummary'
  | 'missingKeys'
  | 'unexpectedKeys'
  | 'shapeMismatches'
  | 'pytorchMessage'
  | 'shapeLine'
  | 'onnxFacts'
  | 'onnxInputs'
  | 'onnxOutputs'
  | 'onnxModules'
  | 'onnxNoModules'
  | 'settings'
  | 'settingName'
  | 'settingHeight'
  | 'settingWidth'
  | 'settingResize'
  | 'settingResizeNone'
  | 'settingChannels'
  | 'settingScale'
  | 'scaleUnit'
  | 'scaleRaw'
  | 'settingMean'
  | 'settingStd'
  | 'settingLabels'
  | 'labelsImagenet'
  | 'labelsCifar'
  | 'labelsIndices'
  | 'required'
  | 'sizeRange'
  | 'resizeRange'
  | 'threeNumbers'
  | 'positive';

/** `t` as the library's components receive it. */
export type LibraryT = (key: LibraryKey, vars?: Record<string, string | number>) => string;

export const libraryMessages: Messages<LibraryKey> = {
  en: {
    title: 'Model library',
    search: 'Search models',
    searchPlaceholder: 'Search name, architecture, dataset…',
    sourceFilter: 'Source',
    allSources: 'All sources ({n})',
    sourceBundled: 'Bundled',
    sourceOfficial: 'Official (download)',
    sourceImported: 'Imported',
    sourceArchitecture: 'Architecture only',
    cacheInfo: 'Build cache: {size} of {max} ({n} built)',
    cacheTitle: 'ONNX files built from the weights; rebuilt when a model is used again',
    clearCache: 'Clear build cache',
    noMatch: 'No model matches the search.',
    colName: 'Name',
    colArchitecture: 'Architecture',
    colDataset: 'Dataset',
    colSize: 'Size',
    colParams: 'Params',
    colPublished: 'Published',
    publishedTitle: 'ImageNet: top-1 / top-5 accuracy; CIFAR-10: test error from the paper',
    accuracy: 'acc {top1}% / {top5}%',
    accuracyTitle: 'Published ImageNet accuracy: top-1 / top-5',
    testError: 'err {value}%',
    testErrorTitle: 'Published CIFAR-10 test error (top-1)',
    colStatus: 'Status',
    colActions: 'Actions',
    inUse: 'in use',
    statusReady: 'Ready',
    statusNotDownloaded: 'Not downloaded',
    statusUntrained: 'Untrained (random weights)',
    statusFinishing: 'Finishing…',
    statusFailed: 'Failed: {message}',
    downloadingPct: 'Downloading {pct}%',
    downloadingUnknown: 'Downloading…',
    downloadProgress: 'Download progress',
    verifying: 'Verifying SHA-256…',
    bytesOf: '{got} of {total}',
    timeLeft: '{time} left',
    attempt: 'attempt {n}',
    use: 'Use',
    download: 'Download',
    cancel: 'Cancel',
    retry: 'Retry',
    reveal: 'Show file',
    delete: 'Delete',
    deleteQuestion: 'Delete the file?',
    deleteYes: 'Delete',
    deleteNo: 'Keep',
    importTitle: 'Import a model',
    dropTitle: 'Drop a checkpoint or ONNX file here',
    dropFormats: '{exts} · up to {max} · nothing is added before you confirm',
    chooseFile: 'Choose a file…',
    reading: 'Reading {name}…',
    queued: '{n} more waiting',
    importFailed: '{name} could not be imported: {message}',
    importFailedNamed: 'Could not import: {message}',
    importRefused: '{name} is not a model file the app opens ({exts})',
    importTooLarge: '{name} is {size}, more than the limit of {max}',
    imported: 'Imported {name}',
    dismiss: 'Dismiss',
    previewTitle: 'Import {name}',
    previewFacts: '{format} · {size} · SHA-256 {sha}…',
    alreadyImported: 'Already in the library: confirming updates its settings.',
    confirmImport: 'Confirm import',
    confirmUpdate: 'Update settings',
    architecture: 'Architecture',
    noArchitecture: '— not recognised: choose one —',
    customArchitecture: 'custom (as inferred)',
    details:
      '{block} × {layers}, groups {groups}, width per group {width}, {classes} classes · {params} params',
    matchClean: '✓ Every key matches: load_state_dict(strict=True) would succeed.',
    matchSummary:
      '✗ load_state_dict(strict=True) would fail: {missing} missing, {unexpected} unexpected, {shapes} shape mismatches',
    missingKeys: 'Missing keys',
    unexpectedKeys: 'Unexpected keys',
    shapeMismatches: 'Shape mismatches ({n})',
    pytorchMessage: 'PyTorch’s error message',
    shapeLine: 'the model has {expected}, the file {got}',
    onnxFacts: 'ONNX graph from {producer}, opset {opset}, {nodes} nodes',
    onnxInputs: 'Inputs',
    onnxOutputs: 'outputs',
    onnxModules: '{n} PyTorch module scopes found; stages: {stages}',
    onnxNoModules: 'No PyTorch module scopes in node names: only the outputs can be shown.',
    settings: 'Input and labels',
    settingName: 'Name',
    settingHeight: 'Input height',
    settingWidth: 'Input width',
    settingResize: 'Resize shorter side to',
    settingResizeNone: 'none',
    settingChannels: 'Channel order',
    settingScale: 'Pixel scale',
    scaleUnit: '0–1 (÷255, like ToTensor)',
    scaleRaw: '0–255 (raw)',
    settingMean: 'Mean (3 values)',
    settingStd: 'Std (3 values)',
    settingLabels: 'Labels',
    labelsImagenet: 'ImageNet (1000)',
    labelsCifar: 'CIFAR-10',
    labelsIndices: 'Class numbers',
    required: 'Required',
    sizeRange: 'A whole number from 8 to 4096',
    resizeRange: 'Empty, or a whole number from 8 to 8192',
    threeNumbers: 'Three numbers, e.g. 0.485, 0.456, 0.406',
    positive: 'Every value must be above 0',
  },
  ko: {
    title: '모델 라이브러리',
    search: '모델 검색',
    searchPlaceholder: '이름, 구조, 데이터셋 검색…',
    sourceFilter: '출처',
    allSources: '모든 출처 ({n})',
    sourceBundled: '기본 제공',
    sourceOfficial: '공식 (다운로드)',
    sourceImported: '가져온 모델',
    sourceArchitecture: '구조만',
    cacheInfo: '빌드 캐시: {size} / {max} ({n}개 빌드됨)',
    cacheTitle: '가중치로 만든 ONNX 파일; 모델을 다시 쓸 때 새로 만듭니다',
    clearCache: '빌드 캐시 비우기',
    noMatch: '검색과 일치하는 모델이 없습니다.',
    colName: '이름',
    colArchitecture: '구조',
    colDataset: '데이터셋',
    colSize: '크기',
    colParams: '파라미터',
    colPublished: '공개 성능',
    publishedTitle: 'ImageNet: top-1 / top-5 정확도, CIFAR-10: 논문의 테스트 오류율',
    accuracy: '정확도 {top1}% / {top5}%',
    accuracyTitle: '공개된 ImageNet 정확도: top-1 / top-5',
    testError: '오류율 {value}%',
    testErrorTitle: '공개된 CIFAR-10 테스트 오류율 (top-1)',
    colStatus: '상태',
    colActions: '작업',
    inUse: '사용 중',
    statusReady: '사용 가능',
    statusNotDownloaded: '다운로드 안 됨',
    statusUntrained: '학습 안 됨 (무작위 가중치)',
    statusFinishing: '마무리 중…',
    statusFailed: '실패: {message}',
    downloadingPct: '다운로드 중 {pct}%',
    downloadingUnknown: '다운로드 중…',
    downloadProgress: '다운로드 진행률',
    verifying: 'SHA-256 확인 중…',
    bytesOf: '{got} / {total}',
    timeLeft: '{time} 남음',
    attempt: '{n}번째 시도',
    use: '사용',
    download: '다운로드',
    cancel: '취소',
    retry: '다시 시도',
    reveal: '파일 보기',
    delete: '삭제',
    deleteQuestion: '파일을 삭제할까요?',
    deleteYes: '삭제',
    deleteNo: '유지',
    importTitle: '모델 가져오기',
    dropTitle: '체크포인트나 ONNX 파일을 여기에 놓으세요',
    dropFormats: '{exts} · 최대 {max} · 확인하기 전에는 아무것도 추가되지 않습니다',
    chooseFile: '파일 선택…',
    reading: '{name} 읽는 중…',
    queued: '{n}개 대기 중',
    importFailed: '{name}을(를) 가져오지 못했습니다: {message}',
    importFailedNamed: '가져오지 못했습니다: {message}',
    importRefused: '{name}은(는) 앱이 여는 모델 파일이 아닙니다 ({exts})',
    importTooLarge: '{name}은(는) {size}로, 한도 {max}보다 큽니다',
    imported: '{name}을(를) 가져왔습니다',
    dismiss: '닫기',
    previewTitle: '{name} 가져오기',
    previewFacts: '{format} · {size} · SHA-256 {sha}…',
    alreadyImported: '이미 라이브러리에 있습니다: 확인하면 설정이 바뀝니다.',
    confirmImport: '가져오기 확인',
    confirmUpdate: '설정 바꾸기',
    architecture: '구조',
    noArchitecture: '— 알 수 없음: 구조를 고르세요 —',
    customArchitecture: '사용자 정의 (추론한 대로)',
    details: '{block} × {layers}, 그룹 {groups}, 그룹당 너비 {width}, 클래스 {classes}개 · 파라미터 {params}',
    matchClean: '✓ 모든 키가 일치합니다: load_state_dict(strict=True)가 성공합니다.',
    matchSummary:
      '✗ load_state_dict(strict=True)가 실패합니다: 누락 {missing}, 예상 밖 {unexpected}, 모양 불일치 {shapes}',
    missingKeys: '누락된 키',
    unexpectedKeys: '예상 밖의 키',
    shapeMismatches: '모양 불일치 ({n})',
    pytorchMessage: 'PyTorch 오류 메시지',
    shapeLine: '모델은 {expected}, 파일은 {got}',
    onnxFacts: '{producer}에서 만든 ONNX 그래프, opset {opset}, 노드 {nodes}개',
    onnxInputs: '입력',
    onnxOutputs: '출력',
    onnxModules: 'PyTorch 모듈 범위 {n}개; 단계: {stages}',
    onnxNoModules: '노드 이름에 PyTorch 모듈 범위가 없습니다: 출력만 볼 수 있습니다.',
    settings: '입력과 레이블',
    settingName: '이름',
    settingHeight: '입력 높이',
    settingWidth: '입력 너비',
    settingResize: '짧은 변 크기 조정',
    settingResizeNone: '없음',
    settingChannels: '채널 순서',
    settingScale: '픽셀 범위',
    scaleUnit: '0–1 (÷255, ToTensor처럼)',
    scaleRaw: '0–255 (원래 값)',
    settingMean: '평균 (값 3개)',
    settingStd: '표준편차 (값 3개)',
    settingLabels: '레이블',
    labelsImagenet: 'ImageNet (1000)',
    labelsCifar: 'CIFAR-10',
    labelsIndices: '클래스 번호',
    required: '필수 항목입니다',
    sizeRange: '8에서 4096 사이의 정수',
    resizeRange: '비우거나 8에서 8192 사이의 정수',
    threeNumbers: '숫자 3개, 예: 0.485, 0.456, 0.406',
    positive: '모든 값이 0보다 커야 합니다',
  },
};
