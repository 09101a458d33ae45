import { useState } from 'react';
import type { DownloadProgress, ModelSource, ModelSummary } from '../../../../electron/ipc/contract';
import { useT } from '../../i18n/i18n';
import { formatBytes, formatDuration, formatParams, isActive, progressOf, published } from './library-model';
import { libraryMessages, type LibraryT } from './messages';
import type { Library } from './useLibrary';

type T = LibraryT;

/** The message key of each source's name. */
export const sourceKey = {
  bundled: 'sourceBundled',
  official: 'sourceOfficial',
  imported: 'sourceImported',
  'architecture-only': 'sourceArchitecture',
} as const satisfies Record<ModelSource, string>;

type Props = {
  groups: { source: ModelSource; models: ModelSummary[] }[];
  library: Library;
  currentId: string | null;
  onUse: (id: string) => void;
};

/** Every model, grouped by where it comes from: what it is, what was published, its status, actions. */
export function ModelTable({ groups, library, currentId, onUse }: Props) {
  const t = useT(libraryMessages);
  if (groups.length === 0) return <p className="muted lib-empty">{t('noMatch')}</p>;
  return (
    <table className="lib-table" data-testid="model-table">
      <thead>
        <tr>
          <th scope="col">{t('colName')}</th>
          <th scope="col">{t('colArchitecture')}</th>
          <th scope="col">{t('colDataset')}</th>
          <th scope="col" className="num">
            {t('colSize')}
          </th>
          <th scope="col" className="num">
            {t('colParams')}
          </th>
          <th scope="col" className="num" title={t('publishedTitle')}>
            {t('colPublished')}
          </th>
          <th scope="col">{t('colStatus')}</th>
          <th scope="col">{t('colActions')}</th>
        </tr>
      </thead>
      {groups.map((g) => (
        <tbody key={g.source} data-source={g.source}>
          <tr className="lib-group">
            <th scope="rowgroup" colSpan={8}>
              {t(sourceKey[g.source])} <span className="muted">({g.models.length})</span>
            </th>
          </tr>
          {g.models.map((m) => (
            <ModelRow key={m.id} model={m} library={library} current={m.id === currentId} onUse={onUse} />
          ))}
        </tbody>
      ))}
    </table>
  );
}

function ModelRow({
  model: m,
  library,
  current,
  onUse,
}: {
  model: ModelSummary;
  library: Library;
  current: boolean;
  onUse: (id: string) => void;
}) {
  const t = useT(libraryMessages);
  const progress = progressOf(m, library.downloads);
  const downloading = progress !== null && isActive(progress);
  const error = library.rowErrors[m.id];
  const path = library.revealed[m.id];
  return (
    <tr
      data-testid="model-row"
      data-model-id={m.id}
      data-state={downloading ? 'downloading' : m.status.state}
      className={current ? 'current' : undefined}
    >
      <th scope="row">
        <span className="lib-name">{m.name}</span>
        {current && <span className="badge">{t('inUse')}</span>}
        {m.weightsTag && <span className="muted lib-tag">{m.weightsTag}</span>}
        {path && (
          <code className="lib-path" data-testid="revealed-path">
            {path}
          </code>
        )}
      </th>
      <td>
        <code>{m.architecture}</code>
      </td>
      <td>{m.dataset}</td>
      <td className="num">{m.sizeBytes > 0 ? formatBytes(m.sizeBytes) : '—'}</td>
      <td className="num">{formatParams(m.params)}</td>
      <td className="num">
        <PublishedCell m={m} t={t} />
      </td>
      <td className="lib-status">
        {downloading ? <Progress p={progress} t={t} /> : <Status m={m} t={t} />}
        {error && (
          <p className="error" role="alert" data-testid="row-error">
            {error}
          </p>
        )}
      </td>
      <td className="lib-actions">
        <Actions m={m} downloading={downloading} library={library} current={current} onUse={onUse} />
      </td>
    </tr>
  );
}

function PublishedCell({ m, t }: { m: ModelSummary; t: T }) {
  const p = published(m);
  if (!p) return <>—</>;
  if (p.kind === 'error')
    return <span title={t('testErrorTitle')}>{t('testError', { value: p.value })}</span>;
  return <span title={t('accuracyTitle')}>{t('accuracy', { top1: p.top1, top5: p.top5 })}</span>;
}

function Status({ m, t }: { m: ModelSummary; t: T }) {
  const s = m.status;
  const text = {
    bundled: t('statusReady'),
    downloaded: t('statusReady'),
    imported: t('statusReady'),
    'not-downloaded': t('statusNotDownloaded'),
    'architecture-only': t('statusUntrained'),
    downloading: t('statusFinishing'),
    failed: '',
  }[s.state];
  if (s.state === 'failed') {
    return (
      <span className="lib-failed" data-testid="model-status-text" title={s.error.code}>
        {t('statusFailed', { message: s.error.message })}
      </span>
    );
  }
  return (
    <span className={`lib-state ${m.loadable ? 'ready' : ''}`} data-testid="model-status-text">
      {text}
    </span>
  );
}

function Progress({ p, t }: { p: DownloadProgress; t: T }) {
  const pct = p.fraction === null ? null : Math.floor(p.fraction * 100);
  const parts = [
    p.totalBytes === null
      ? formatBytes(p.receivedBytes)
      : t('bytesOf', { got: formatBytes(p.receivedBytes), total: formatBytes(p.totalBytes) }),
  ];
  if (p.bytesPerSecond > 0) parts.push(`${formatBytes(p.bytesPerSecond)}/s`);
  if (p.etaSeconds !== null) parts.push(t('timeLeft', { time: formatDuration(p.etaSeconds) }));
  if (p.attempt > 1) parts.push(t('attempt', { n: p.attempt }));
  return (
    <div className="lib-progress" data-testid="download-progress" data-percent={pct ?? ''}>
      <span>
        {p.state === 'verifying'
          ? t('verifying')
          : pct === null
            ? t('downloadingUnknown')
            : t('downloadingPct', { pct })}
      </span>
      <progress max={1} value={p.fraction ?? undefined} aria-label={t('downloadProgress')} />
      <span className="muted lib-progress-detail">{parts.join(' · ')}</span>
    </div>
  );
}

function Actions({
  m,
  downloading,
  library,
  current,
  onUse,
}: {
  m: ModelSummary;
  downloading: boolean;
  library: Library;
  current: boolean;
  onUse: (id: string) => void;
}) {
  const t = useT(libraryMessages);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const state = m.status.state;
  const deletable = (m.source === 'official' && state === 'downloaded') || m.source === 'imported';
  const hasFile = m.loadable && m.source !== 'architecture-only';
  if (confirmDelete) {
    return (
      <span className="lib-confirm">
        {t('deleteQuestion')}{' '}
        <button
          type="button"
          className="danger"
          onClick={() => {
            setConfirmDelete(false);
            void library.remove(m.id);
          }}
        >
          {t('deleteYes')}
        </button>
        <button type="button" onClick={() => setConfirmDelete(false)}>
          {t('deleteNo')}
        </button>
      </span>
    );
  }
  return (
    <>
      {m.loadable && !downloading && (
        <button type="button" className="primary" disabled={current} onClick={() => onUse(m.id)}>
          {t('use')}
        </button>
      )}
      {downloading && (
        <button type="button" onClick={() => void library.cancel(m.id)}>
          {t('cancel')}
        </button>
      )}
      {!downloading && state === 'not-downloaded' && (
        <button type="button" onClick={() => void library.download(m.id)}>
          {t('download')}
        </button>
      )}
      {!downloading && state === 'failed' && (
        <button type="button" onClick={() => void library.download(m.id)}>
          {t('retry')}
        </button>
      )}
      {hasFile && (
        <button type="button" onClick={() => void library.reveal(m.id)}>
          {t('reveal')}
        </button>
      )}
      {deletable && !downloading && (
        <button type="button" onClick={() => setConfirmDelete(true)}>
          {t('delete')}
        </button>
      )}
    </>
  );
}
