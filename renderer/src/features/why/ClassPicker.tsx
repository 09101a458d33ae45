import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { searchClasses } from './class-search';
import { whyMessages } from './messages';

type Props = {
  labels: readonly string[];
  /** softmax probabilities of every class */
  probs: Float32Array;
  /** classes by probability, highest first */
  ranked: readonly number[];
  selected: number;
  /** whether the selection follows the top class (no explicit choice) */
  following: boolean;
  onSelect: (cls: number | null) => void;
};

const SHOWN = 40;

/** The class the map is for: the top-5, or any class found by name or number. */
export function ClassPicker({ labels, probs, ranked, selected, following, onSelect }: Props) {
  const t = useT(whyMessages);
  const [query, setQuery] = useState('');
  const hits = query.trim() ? searchClasses(labels, probs, query) : ranked.slice(0, 5);
  return (
    <section className="class-picker" aria-label={t('classes')}>
      <div className="picker-head">
        <input
          type="search"
          aria-label={t('search')}
          placeholder={t('search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button
          className={following ? 'follow on' : 'follow'}
          aria-pressed={following}
          onClick={() => onSelect(null)}
        >
          {t('topClass')}
        </button>
      </div>
      <ol className="class-list" data-testid="class-list">
        {hits.slice(0, SHOWN).map((c) => (
          <li key={c}>
            <button
              aria-pressed={c === selected}
              data-class={c}
              className={c === selected ? 'selected' : undefined}
              onClick={() => onSelect(c)}
            >
              <span className="label">{labels[c] ?? `class ${c}`}</span>
              <span className="bar">
                <span className="fill" style={{ width: `${((probs[c] ?? 0) * 100).toFixed(1)}%` }} />
              </span>
              <span className="prob">{((probs[c] ?? 0) * 100).toFixed(1)}%</span>
            </button>
          </li>
        ))}
      </ol>
      {query.trim() && hits.length === 0 && <p className="muted">{t('noMatch', { query })}</p>}
      {hits.length > SHOWN && <p className="muted">{t('more', { n: hits.length - SHOWN })}</p>}
    </section>
  );
}
