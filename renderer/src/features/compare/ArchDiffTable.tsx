import { useMemo } from 'react';
import { useT } from '../../i18n/i18n';
import { archDiff } from './arch-diff';
import { compareMessages } from './messages';

type Props = { columns: { title: string; architecture: string }[] };

/** Stage-by-stage architecture table of the compared builders; rows whose values differ are highlighted. */
export function ArchDiffTable({ columns }: Props) {
  const t = useT(compareMessages);
  // Keyed by the joined names so a new columns array with the same builders reuses the diff.
  const key = columns.map((c) => c.architecture).join(',');
  const diff = useMemo(() => archDiff(key.split(',')), [key]);
  return (
    <table className="arch-diff" data-testid="arch-diff">
      <thead>
        <tr>
          <th scope="col">{t('property')}</th>
          {columns.map((c, i) => (
            <th scope="col" key={i}>
              {c.title}
              <div className="muted">{c.architecture}</div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {diff.rows.map((r) => (
          <tr
            key={r.key}
            data-row={r.key}
            data-differs={r.differs}
            className={r.differs ? 'differs' : undefined}
          >
            <th scope="row">
              {r.key}
              {r.differs && <span className="sr-only"> ({t('differs')})</span>}
            </th>
            {r.values.map((v, i) => (
              <td key={i}>{v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
