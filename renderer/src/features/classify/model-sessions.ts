/**
 * The selected model lives in two worker sessions. The main session exposes the stage and block outputs
 * (`blocks`): classification, the stage view and CAM run there. Every graph output stops onnxruntime from
 * fusing its node with the next (Conv+BN+ReLU), so the module outputs inside the blocks (`all`: each conv,
 * bn, relu, downsample, add) live in a second, detail session, loaded only when one of them is asked for.
 */
import type { LoadedModel } from '../../../../electron/ipc/contract';
import type { InferenceClient } from '../../inference/client';
import type { BackendPreference, RunInfo, TensorData } from '../../inference/messages';

/** The worker session of the model selected in the toolbar (other views load their own keys). */
export const MAIN_SESSION = 'main';
/** The same model with every module's output, loaded on first need. */
export const DETAIL_SESSION = 'main:detail';

/** What the router needs of the selected model: the detail build's URL and the main session's outputs. */
export type SelectedModel = { detail: LoadedModel; mainOutputs: readonly string[] };

/**
 * Sends each run to the session that has its outputs, loading the detail session the first time.
 * `select` is called when a model is ready in the main session (and with null while another loads), so
 * a run always goes to the model the main session holds now.
 */
export class ModelRouter {
  private selected: { model: SelectedModel; backend: BackendPreference } | null = null;
  private detail: { url: string; backend: BackendPreference; ready: Promise<unknown> } | null = null;

  constructor(private readonly client: InferenceClient) {
    // After a worker restart the client reloads the detail session itself; if that fails, forget it so
    // the next request loads it again instead of running on a session that is gone.
    client.subscribe((event) => {
      if (event.type === 'session-lost' && event.session === DETAIL_SESSION) this.detail = null;
    });
  }

  /** The model now in the main session (null: none, or another one is loading); drops a stale detail session. */
  select(model: SelectedModel | null, backend: BackendPreference): void {
    this.selected = model && { model, backend };
    if (this.detail && (this.detail.url !== model?.detail.modelUrl || this.detail.backend !== backend)) {
      this.detail = null;
      this.client.release(DETAIL_SESSION).catch(() => undefined); // nothing loaded there is fine too
    }
  }

  /** The session that has every one of `outputs` (the main one when it does). */
  sessionFor(model: SelectedModel, outputs: readonly string[]): string {
    return outputs.every((o) => model.mainOutputs.includes(o)) ? MAIN_SESSION : DETAIL_SESSION;
  }

  /** Runs `outputs` of the selected model; the input buffer is transferred to the worker. */
  run = async (input: TensorData, outputs: string[]): Promise<RunInfo> => {
    const selected = this.selected;
    if (!selected) throw new Error('no model is loaded');
    const session = this.sessionFor(selected.model, outputs);
    if (session === DETAIL_SESSION) await this.loadDetail(selected.model.detail.modelUrl, selected.backend);
    return this.client.run(session, input, outputs);
  };

  private loadDetail(url: string, backend: BackendPreference): Promise<unknown> {
    const current = this.detail;
    if (current && current.url === url && current.backend === backend) return current.ready;
    const entry = { url, backend, ready: this.client.load(DETAIL_SESSION, url, backend) };
    this.detail = entry;
    // A failed load is not remembered: the next request tries again.
    entry.ready.catch(() => {
      if (this.detail === entry) this.detail = null;
    });
    return entry.ready;
  }
}
