/**
 * The Library view's pure logic: formatting sizes, speeds and times, filtering and grouping the model
 * list, and telling when the download list changed enough to re-read the library.
 */
import type { DownloadProgress, ModelSource, ModelSummary } from '../../../../electron/ipc/contract';

/**
 * The file types the library imports (the contract's `IMPORT_EXTENSIONS`, repeated here so the renderer
 * bundle does not pull in zod with the contract's values; a unit test keeps the two equal).
 */
export const IMPORT_EXTENSIONS = ['.pth', '.pt', '.th', '.tar', '.safetensors', '.onnx'] as const;

/** The contract's `IMPORT_MAX_BYTES` (2 GiB), checked before a dropped file is read into memory. */
export const IMPORT_MAX_BYTES = 2 * 1024 ** 3;

/** The order of the groups, and the order of the source filter. */
export const SOURCES: readonly ModelSource[] = ['bundled', 'official', 'imported', 'architecture-only'];

export function isImportable(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return IMPORT_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** 1536 -> "1.5 KiB", 102_400_000 -> "97.7 MiB": binary units, as torchvision's published sizes are. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** 5.5 -> "6 s", 200 -> "3 min 20 s", 4000 -> "1 h 7 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** 269_722 -> "0.27 M", 25_557_032 -> "25.6 M"; 0 (unknown) -> "—". */
export function formatParams(n: number): string {
  if (n <= 0) return '—';
  return `${n < 1e6 ? (n / 1e6).toFixed(2) : (n / 1e6).toFixed(1)} M`;
}

/** What was published about a model: ImageNet top-1/top-5 accuracy, or the paper's CIFAR test error. */
export type Published =
  { kind: 'accuracy'; top1: string; top5: string } | { kind: 'error'; value: string } | null;

export function published(m: ModelSummary): Published {
  if (m.publishedAccuracy?.top5 != null) {
    return {
      kind: 'accuracy',
      top1: m.publishedAccuracy.top1.toFixed(2),
      top5: m.publishedAccuracy.top5.toFixed(2),
    };
  }
  if (m.publishedTestError !== null) return { kind: 'error', value: m.publishedTestError.toFixed(2) };
  return null;
}

/** Models whose name, architecture, dataset, weights tag or id contain every word of the query. */
export function filterModels(
  models: readonly ModelSummary[],
  query: string,
  source: ModelSource | 'all',
): ModelSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((m) => {
    if (source !== 'all' && m.source !== source) return false;
    const haystack = [m.name, m.architecture, m.dataset, m.weightsTag ?? '', m.id].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** Groups in the fixed source order; empty groups are left out. */
export function groupBySource(
  models: readonly ModelSummary[],
): { source: ModelSource; models: ModelSummary[] }[] {
  return SOURCES.map((source) => ({ source, models: models.filter((m) => m.source === source) })).filter(
    (g) => g.models.length > 0,
  );
}

export function isActive(p: DownloadProgress): boolean {
  return p.state === 'downloading' || p.state === 'verifying';
}

/**
 * Whether a poll brought a new download or a state change (not just more bytes): then the model list's
 * statuses (ready, failed) are out of date and are read again.
 */
export function downloadStatesChanged(
  before: readonly DownloadProgress[],
  after: readonly DownloadProgress[],
): boolean {
  const key = (list: readonly DownloadProgress[]) =>
    list
      .map((p) => `${p.id}:${p.state}`)
      .sort()
      .join('|');
  return key(before) !== key(after);
}

/**
 * The progress to show for a model: the latest poll when it has one, else what the list said. A list
 * read before the poll may still say 'downloading' after the poll says 'done'.
 */
export function progressOf(m: ModelSummary, polled: readonly DownloadProgress[]): DownloadProgress | null {
  const fromPoll = polled.find((p) => p.id === m.id);
  if (fromPoll) return fromPoll;
  return m.status.state === 'downloading' ? m.status.progress : null;
}
