import type { Messages } from '../../i18n/i18n';

type Key =
  | 'title'
  | 'noModel'
  | 'openBatch'
  | 'openFolder'
  | 'cancel'
  | 'cancelling'
  | 'exportCsv'
  | 'exportJson'
  | 'emptyTitle'
  | 'emptyCifar'
  | 'emptyFolders'
  | 'emptyTable'
  | 'loading'
  | 'reading'
  | 'progress'
  | 'timeLeft'
  | 'done'
  | 'cancelled'
  | 'failed'
  | 'unmatched'
  | 'unmatchedHint'
  | 'noFolder'
  | 'skipped'
  | 'ignored'
  | 'accuracy'
  | 'error'
  | 'top5'
  | 'throughput'
  | 'published'
  | 'timeSplit'
  | 'perClass'
  | 'class'
  | 'correct'
  | 'confusion'
  | 'confusionHint'
  | 'trueClass'
  | 'predicted'
  | 'misclassified'
  | 'misclassifiedHint'
  | 'filterAll'
  | 'filterCell'
  | 'showMore'
  | 'noneWrong'
  | 'thumbTitle';

export const evaluateMessages: Messages<Key> = {
  en: {
    title: 'Evaluate {model}',
    noModel: 'Choose a model in the toolbar first.',
    openBatch: 'Open CIFAR-10 batch…',
    openFolder: 'Open class folders…',
    cancel: 'Cancel',
    cancelling: 'Cancelling…',
    exportCsv: 'Export CSV',
    exportJson: 'Export JSON',
    emptyTitle: 'Drop a labelled set here',
    emptyCifar:
      'A CIFAR-10 binary batch: test_batch.bin (10,000 images) or data_batch_1.bin … data_batch_5.bin, 3,073 bytes an image.',
    emptyFolders:
      'Or a folder with one subfolder of images per class (cat/, dog/, …); folder names are matched to the model’s labels.',
    emptyTable:
      'The full test_batch.bin reproduces the published CIFAR-10 test errors: ResNet-20 8.27 %, 32 7.37 %, 44 6.90 %, 56 6.61 %.',
    loading: 'Loading {model}…',
    reading: 'Reading the set…',
    progress: '{done} / {total} images',
    timeLeft: '{seconds} s left',
    done: '{model} on {set}: {count} images in {seconds} s',
    cancelled: 'Cancelled after {count} of {total} images: the results below are for those.',
    failed: 'Evaluation failed: {message}',
    unmatched: '{count} folder(s) match none of the model’s {labels} labels and were left out: {list}.',
    unmatchedHint:
      'Folder names are compared ignoring case, “_” and “-”; a folder may also be a class index.',
    noFolder: '(images outside any folder)',
    skipped: '{count} image(s) could not be read and were left out: {list}',
    ignored: '{count} file(s) that are not CIFAR-10 batches were ignored.',
    accuracy: 'Accuracy',
    error: 'Error',
    top5: 'Top-5',
    throughput: 'Throughput',
    published: 'published test error {value} % (10,000 images)',
    timeSplit: 'preprocessing {pre} ms · inference {inf} ms · {backend}, batch {batch}',
    perClass: 'Per class',
    class: 'Class',
    correct: 'Correct',
    confusion: 'Confusion matrix',
    confusionHint: 'Rows: true class; columns: predicted. Click a cell to see those images.',
    trueClass: 'true',
    predicted: 'predicted',
    misclassified: 'Misclassified ({count})',
    misclassifiedHint: 'Click an image to open it in the inspector.',
    filterAll: 'Show all',
    filterCell: '{true} read as {predicted}',
    showMore: 'Show more',
    noneWrong: 'No misclassified images.',
    thumbTitle: '{name}: {predicted} {probability} %, true class {true}',
  },
  ko: {
    title: '{model} 평가',
    noModel: '먼저 도구 모음에서 모델을 고르세요.',
    openBatch: 'CIFAR-10 배치 열기…',
    openFolder: '클래스 폴더 열기…',
    cancel: '취소',
    cancelling: '취소하는 중…',
    exportCsv: 'CSV 내보내기',
    exportJson: 'JSON 내보내기',
    emptyTitle: '레이블이 있는 데이터를 여기에 놓으세요',
    emptyCifar:
      'CIFAR-10 바이너리 배치: test_batch.bin(10,000장) 또는 data_batch_1.bin … data_batch_5.bin, 이미지당 3,073바이트.',
    emptyFolders:
      '또는 클래스마다 하위 폴더가 있는 폴더(cat/, dog/, …): 폴더 이름을 모델의 레이블과 맞춥니다.',
    emptyTable:
      '전체 test_batch.bin으로 발표된 CIFAR-10 테스트 오류율을 재현할 수 있습니다: ResNet-20 8.27 %, 32 7.37 %, 44 6.90 %, 56 6.61 %.',
    loading: '{model} 불러오는 중…',
    reading: '데이터를 읽는 중…',
    progress: '{done} / {total}장',
    timeLeft: '{seconds}초 남음',
    done: '{set}에서 {model}: {count}장, {seconds}초',
    cancelled: '{total}장 중 {count}장에서 취소했습니다: 아래 결과는 그 이미지들에 대한 것입니다.',
    failed: '평가 실패: {message}',
    unmatched: '폴더 {count}개가 모델의 레이블 {labels}개 중 어느 것과도 맞지 않아 제외했습니다: {list}.',
    unmatchedHint: '폴더 이름은 대소문자, “_”, “-”를 무시하고 비교합니다. 클래스 번호로 된 폴더도 됩니다.',
    noFolder: '(폴더 밖의 이미지)',
    skipped: '이미지 {count}장을 읽을 수 없어 제외했습니다: {list}',
    ignored: 'CIFAR-10 배치가 아닌 파일 {count}개는 무시했습니다.',
    accuracy: '정확도',
    error: '오류율',
    top5: 'Top-5',
    throughput: '처리량',
    published: '발표된 테스트 오류율 {value} % (10,000장)',
    timeSplit: '전처리 {pre} ms · 추론 {inf} ms · {backend}, 배치 {batch}',
    perClass: '클래스별',
    class: '클래스',
    correct: '정답',
    confusion: '혼동 행렬',
    confusionHint: '행: 실제 클래스, 열: 예측. 칸을 누르면 그 이미지들을 봅니다.',
    trueClass: '실제',
    predicted: '예측',
    misclassified: '틀린 이미지 ({count})',
    misclassifiedHint: '이미지를 누르면 검사 화면에서 엽니다.',
    filterAll: '모두 보기',
    filterCell: '{true} → {predicted}',
    showMore: '더 보기',
    noneWrong: '틀린 이미지가 없습니다.',
    thumbTitle: '{name}: {predicted} {probability} %, 실제 클래스 {true}',
  },
};
