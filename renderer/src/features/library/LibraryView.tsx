import { useCallback, useMemo, useState } from 'react';
import type { BuildCacheInfo, ModelSource, ModelSummary } from '../../../../electron/ipc/contract';
import { useSession, type Session } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { ImportPanel } from './ImportPanel';
import { filterModels, formatBytes, groupBySource, SOURCES } from './library-model';
import { libraryMessages } from './messages';
import { ModelTable, sourceKey } from './ModelTable';
import { useImport } from './useImport';
import { useLibrary } from './useLibrary';
import './library.css';

/**
 * The toolbar's model list is read once by the session; after a download, import or delete it must be
 * read again. Until the session offers `model.refresh`, this is a no-op (see the report for the lead).
 */
function refreshSessionModels(model: Session['model']): void {
  void model.refresh();
}

/**
 * The model library: every bundled, official, imported and architecture-only model with its status and
 * actions (download with progress, cancel, retry, delete, reveal, use), imports by drop or file input
 * with a preview to confirm, and the build cache.
 */
export function LibraryView() {
  const t = useT(libraryMessages);
  const { model: sessionModel } = useSession();
  const onChanged = useCallback(() => refreshSessionModels(sessionModel), [sessionModel]);
  const library = useLibrary(onChanged);
  const { refresh } = library;
  const importer = useImport(useCallback(() => void refresh(), [refresh]));
  const [query, setQuery] = useState('');
  const [source, setSource] = useState<ModelSource | 'all'>('all');
  const groups = useMemo(
    () => groupBySource(filterModels(library.models, query, source)),
    [library.models, query, source],
  );
  const builders = useMemo(
    () => library.models.filter((m) => m.source === 'architecture-only').map((m) => m.architecture),
    [library.models],
  );
  const use = (id: string) => sessionModel.setSelectedId(id);
  const currentId = sessionModel.selectedId;
  // Deleting the model in use: the session moves to the first bundled one rather than keep a model whose
  // file is gone (its next load, e.g. on a backend switch, would fail).
  const remove = (id: string) => {
    const fallback = library.models.find((m) => m.source === 'bundled' && m.id !== id);
    if (id === currentId && fallback) sessionModel.setSelectedId(fallback.id);
    return library.remove(id);
  };
  const actions = { ...library, remove };
  return (
    <main className="workspace single library" data-testid="library">
      <header className="lib-bar">
        <h2>{t('title')}</h2>
        <input
          type="search"
          className="lib-search"
          placeholder={t('searchPlaceholder')}
          aria-label={t('search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <select
          aria-label={t('sourceFilter')}
          value={source}
          onChange={(e) => setSource(e.target.value as ModelSource | 'all')}
        >
          <option value="all">{t('allSources', { n: library.models.length })}</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(sourceKey[s])} ({count(library.models, s)})
            </option>
          ))}
        </select>
        <CacheControl info={library.cache} onClear={() => void library.clearCache()} />
      </header>
      <ImportPanel importer={importer} builders={builders} currentId={currentId} onUse={use} />
      {library.error && (
        <p className="error" role="alert">
          {library.error}
        </p>
      )}
      <ModelTable groups={groups} library={actions} currentId={currentId} onUse={use} />
    </main>
  );
}

const count = (models: ModelSummary[], s: ModelSource) => models.filter((m) => m.source === s).length;

/** The build cache's size, and the button that empties it (models are rebuilt on their next use). */
function CacheControl({ info, onClear }: { info: BuildCacheInfo | null; onClear: () => void }) {
  const t = useT(libraryMessages);
  if (!info) return null;
  return (
    <span
      className="lib-cache"
      data-testid="build-cache"
      data-entries={info.entries}
      data-bytes={info.totalBytes}
    >
      <span className="muted" title={t('cacheTitle')}>
        {t('cacheInfo', {
          n: info.entries,
          size: formatBytes(info.totalBytes),
          max: formatBytes(info.maxBytes),
        })}
      </span>
      <button type="button" onClick={onClear} disabled={info.entries === 0}>
        {t('clearCache')}
      </button>
    </span>
  );
}
