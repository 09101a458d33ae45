import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { ImportPreviewCard } from './ImportPreviewCard';
import { formatBytes, IMPORT_EXTENSIONS, IMPORT_MAX_BYTES } from './library-model';
import { libraryMessages } from './messages';
import type { ImportNote, Importer } from './useImport';

type Props = {
  importer: Importer;
  /** every builder the app has (the architecture select of a checkpoint's preview) */
  builders: string[];
  currentId: string | null;
  onUse: (id: string) => void;
};

/**
 * Where checkpoints and ONNX files come in: a drop zone (its drops never reach the window's image drop
 * target) and a file input, what happened to each file, and the preview of the one being imported.
 */
export function ImportPanel({ importer, builders, currentId, onUse }: Props) {
  const t = useT(libraryMessages);
  const [over, setOver] = useState(false);
  const stop = (e: React.DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <section className="lib-import" aria-label={t('importTitle')}>
      <div
        className={over ? 'lib-drop over' : 'lib-drop'}
        data-testid="library-drop"
        onDragEnter={(e) => {
          stop(e);
          setOver(true);
        }}
        onDragOver={(e) => {
          stop(e);
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          stop(e);
          setOver(false);
        }}
        onDrop={(e) => {
          stop(e);
          setOver(false);
          importer.addFiles(Array.from(e.dataTransfer.files));
        }}
      >
        <p className="lib-drop-title">{t('dropTitle')}</p>
        <p className="muted">
          {t('dropFormats', { exts: IMPORT_EXTENSIONS.join(' '), max: formatBytes(IMPORT_MAX_BYTES) })}
        </p>
        <label className="button">
          {t('chooseFile')}
          <input
            type="file"
            hidden
            multiple
            accept={IMPORT_EXTENSIONS.join(',')}
            data-testid="library-file-input"
            onChange={(e) => {
              importer.addFiles(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </label>
        {importer.reading && (
          <p className="muted" role="status" data-testid="import-reading">
            {t('reading', { name: importer.reading })}
          </p>
        )}
        {importer.queued > 0 && <p className="muted">{t('queued', { n: importer.queued })}</p>}
      </div>
      {importer.notes.length > 0 && (
        <ul className="lib-notes">
          {importer.notes.map((n) => (
            <Note key={n.key} note={n} currentId={currentId} onUse={onUse} onDismiss={importer.dismiss} />
          ))}
        </ul>
      )}
      {importer.current && (
        <ImportPreviewCard importer={importer} current={importer.current} builders={builders} />
      )}
    </section>
  );
}

function Note({
  note,
  currentId,
  onUse,
  onDismiss,
}: {
  note: ImportNote;
  currentId: string | null;
  onUse: (id: string) => void;
  onDismiss: (key: number) => void;
}) {
  const t = useT(libraryMessages);
  const text =
    note.kind === 'error'
      ? // main's messages usually name the file already: do not say it twice
        note.message.includes(note.fileName)
        ? t('importFailedNamed', { message: note.message })
        : t('importFailed', { name: note.fileName, message: note.message })
      : note.kind === 'refused'
        ? t('importRefused', { name: note.fileName, exts: IMPORT_EXTENSIONS.join(' ') })
        : note.kind === 'too-large'
          ? t('importTooLarge', {
              name: note.fileName,
              size: formatBytes(note.size),
              max: formatBytes(IMPORT_MAX_BYTES),
            })
          : t('imported', { name: note.model.name });
  const ok = note.kind === 'imported';
  return (
    <li
      className={ok ? 'lib-note ok' : 'lib-note error'}
      role={ok ? 'status' : 'alert'}
      data-testid={ok ? 'import-done' : 'import-error'}
    >
      <span>{text}</span>
      {note.kind === 'imported' && (
        <button
          type="button"
          className="primary"
          disabled={currentId === note.model.id}
          onClick={() => onUse(note.model.id)}
        >
          {t('use')}
        </button>
      )}
      <button type="button" className="link" aria-label={t('dismiss')} onClick={() => onDismiss(note.key)}>
        ×
      </button>
    </li>
  );
}
