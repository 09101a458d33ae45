import { useT } from '../../i18n/i18n';
import { classifyMessages } from './messages';
import type { Classification } from './useClassification';

type Props = { result: Classification; trueClass: number | null; labels: readonly string[] };

/** Top-5 as labelled bars, with latency, backend and, when the file name knows the class, right or wrong. */
export function Predictions({ result, trueClass, labels }: Props) {
  const t = useT(classifyMessages);
  if (result.status === 'none') return <p className="muted">{t('none')}</p>;
  if (result.status === 'running') return <p className="muted">{t('running')}</p>;
  if (result.status === 'failed')
    return (
      <p className="error" role="alert">
        {result.message}
      </p>
    );
  const top1 = result.top[0];
  return (
    <section className="predictions" aria-label="Predictions">
      {trueClass !== null && top1 && (
        <p className={top1.index === trueClass ? 'verdict right' : 'verdict wrong'} data-testid="verdict">
          {top1.index === trueClass
            ? t('correct')
            : t('trueClass', { label: labels[trueClass] ?? trueClass })}
        </p>
      )}
      <ol className="top5" data-testid="top5">
        {result.top.map((p) => (
          <li key={p.index} data-label={p.label} data-probability={p.probability.toFixed(6)}>
            <span className="label">{p.label}</span>
            <span className="bar">
              <span className="fill" style={{ width: `${(p.probability * 100).toFixed(1)}%` }} />
            </span>
            <span className="prob">{(p.probability * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ol>
      <p className="meta" data-testid="run-meta">
        {t('ranOn', { ms: result.ms.toFixed(1), backend: result.backend === 'webgpu' ? 'WebGPU' : 'WASM' })}
      </p>
    </section>
  );
}
