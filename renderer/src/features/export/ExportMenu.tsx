import { useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { downloadBlob } from './download';
import type { ExportItem } from './export-items';
import { exportMessages } from './messages';
import './export.css';

type Props = { items: readonly ExportItem[]; label?: string };

/**
 * An "Export" drop-down: one button per item, each saving its file through a download link. Items are
 * made on click, so listing a 2048-channel stage costs nothing until it is saved.
 */
export function ExportMenu({ items, label }: Props) {
  const t = useT(exportMessages);
  const details = useRef<HTMLDetailsElement>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (item: ExportItem) => {
    setError(null);
    try {
      downloadBlob(await item.make(), item.fileName);
      if (details.current) details.current.open = false;
    } catch (err) {
      setError(t('failed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <details className="export-menu" ref={details} data-testid="export-menu">
      <summary>{label ?? t('export')}</summary>
      <ul role="menu">
        {items.map((item) => (
          <li key={item.id} role="none">
            <button
              role="menuitem"
              data-export={item.id}
              disabled={items.length === 0}
              onClick={() => void save(item)}
            >
              <span>{item.label}</span>
              <span className="kind">
                {t(item.kind)} · {item.fileName}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
