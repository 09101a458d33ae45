import type { LoadedModel } from '../../../../electron/ipc/contract';
import { useSession } from '../../app/session';
import { useT } from '../../i18n/i18n';
import { colormapColor } from '../../lib/colormap';
import { compareMessages } from './messages';
import { useCka, type CkaResult } from './useCka';

/** Minimum images for a CKA worth showing: with two, centred features are rank one and CKA is 0 or 1. */
const MIN_IMAGES = 3;

/** On demand, stage-by-stage linear CKA of the first two compared models over the gallery. */
export function CkaPanel({ a, b }: { a: LoadedModel; b: LoadedModel }) {
  const t = useT(compareMessages);
  const { client, gallery } = useSession();
  const { state, compute } = useCka(client);
  const n = gallery.images.length;
  return (
    <div data-testid="cka-panel">
      <button
        disabled={n < MIN_IMAGES || state.status === 'running'}
        onClick={() => void compute(a, b, gallery.images)}
      >
        {t('ckaRun', { n })}
      </button>
      {n < MIN_IMAGES && <span className="muted"> {t('ckaNeed', { n: MIN_IMAGES })}</span>}
      {state.status === 'running' && (
        <span className="muted">
          {' '}
          {state.done}/{state.total}
        </span>
      )}
      {state.status === 'failed' && <p className="error">{t('failed', { message: state.message })}</p>}
      {state.status === 'done' && <CkaGrid result={state.result} a={a} b={b} />}
    </div>
  );
}

function CkaGrid({ result, a, b }: { result: CkaResult; a: LoadedModel; b: LoadedModel }) {
  const t = useT(compareMessages);
  return (
    <>
      <p data-testid="cka-agreement">{t('ckaAgreement', { agreed: result.agreed, n: result.images })}</p>
      <table className="cka-grid" data-testid="cka-grid">
        <caption className="muted">{t('ckaCaption', { a: a.summary.name, b: b.summary.name })}</caption>
        <thead>
          <tr>
            <th />
            {result.stagesB.map((s) => (
              <th key={s} scope="col">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.matrix.map((row, i) => (
            <tr key={result.stagesA[i]}>
              <th scope="row">{result.stagesA[i]}</th>
              {row.map((v, j) => {
                const [r, g, bl] = colormapColor('viridis', Number.isFinite(v) ? v : 0);
                return (
                  <td
                    key={j}
                    data-cka={v} // viridis is light at the top: dark text there, light text below.
                    style={{ background: `rgb(${r}, ${g}, ${bl})`, color: v > 0.6 ? '#000' : '#fff' }}
                  >
                    {Number.isFinite(v) ? v.toFixed(2) : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
