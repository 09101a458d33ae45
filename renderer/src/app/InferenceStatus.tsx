import { useT } from '../i18n/i18n';
import type { InferenceNotice } from '../inference/useInferenceStatus';
import { useInferenceStatus } from '../inference/useInferenceStatus';
import { MAIN_SESSION } from '../features/classify/useModel';
import { shellMessages } from './messages';
import { useSession } from './session';

const noticeKey = {
  restarted: 'noticeRestarted',
  fallback: 'fallback',
  'session-lost': 'noticeSessionLost',
  stopped: 'noticeStopped',
} as const satisfies Record<InferenceNotice['kind'], string>;

/**
 * The model line of the toolbar (architecture, params, the backend it runs on *now*) and the notices about
 * the inference worker. The backend is read live from the worker client, not from the load result, because
 * it changes after a WebGPU device loss (falls back to WASM) or a worker restart.
 */
export function InferenceStatus() {
  const t = useT(shellMessages);
  const { client, model } = useSession();
  const { info, notices, dismiss } = useInferenceStatus(client, MAIN_SESSION);
  const { state } = model;
  const session = state.status === 'ready' ? (info ?? state.session) : null;
  const backend = session && (session.backend === 'webgpu' ? 'WebGPU' : `WASM ×${session.threads}`);
  // The load-time fallback (WebGPU asked for, not available) has no event of its own: show it from the load.
  const loadFallback = state.status === 'ready' && notices.length === 0 ? session?.fallbackReason : null;
  const text =
    state.status === 'ready'
      ? `${state.model.summary.architecture} · ${(state.model.summary.params / 1e6).toFixed(2)} ${t('params')} · ${backend}`
      : state.status === 'loading'
        ? t('loadingModel')
        : state.status === 'failed'
          ? t('modelFailed', { message: state.message })
          : '';
  return (
    <>
      <span
        className="status"
        title={text}
        data-testid="model-status"
        data-status={state.status}
        data-backend={session?.backend}
      >
        {text}
      </span>
      {loadFallback && (
        <span className="notice" role="status" data-testid="backend-notice">
          {t('fallback', { reason: loadFallback })}
        </span>
      )}
      {notices.map((n) => (
        <span key={n.id} className="notice" role="status" data-testid="inference-notice" data-kind={n.kind}>
          {t(noticeKey[n.kind], { reason: n.text })}
          <button className="dismiss" aria-label={t('dismiss')} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </span>
      ))}
    </>
  );
}
