import type { Messages } from '../../i18n/i18n';

type Key = 'export' | 'failed' | 'png' | 'npy' | 'csv' | 'json' | 'txt';

export const exportMessages: Messages<Key> = {
  en: {
    export: 'Export',
    failed: 'Export failed: {message}',
    png: 'PNG image',
    npy: 'NumPy array',
    csv: 'CSV table',
    json: 'JSON',
    txt: 'Text',
  },
  ko: {
    export: '내보내기',
    failed: '내보내기 실패: {message}',
    png: 'PNG 이미지',
    npy: 'NumPy 배열',
    csv: 'CSV 표',
    json: 'JSON',
    txt: '텍스트',
  },
};
