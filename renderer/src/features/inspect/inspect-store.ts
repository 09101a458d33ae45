/**
 * What the Inspect view remembers for the whole session, outside React's component lifetime (the view
 * unmounts when another tab is shown): the selected stage and channel, and the dead-channel trackers of
 * every (model, stage) seen. Other views may call {@link inspectStore}.select to open a stage and
 * channel here (the Why view's "show this channel").
 */
import { useSyncExternalStore } from 'react';
import { trackDeadChannels, type DeadChannelTracker } from '../../lib/stats-dead-channels';
import type { ChannelStats } from '../../lib/stats';
import { DEFAULT_DISPLAY, type MapDisplay } from '../feature-maps/display';

export type InspectSelection = {
  /** the output shown in the grid (null: the view's default, the first layer) */
  stage: string | null;
  /** the channel opened large, or null */
  channel: number | null;
};

/** What is laid over the input image: nothing, the stage's mean over channels, or one channel. */
export type OverlaySettings = { source: 'off' | 'mean' | 'channel'; channel: number | null; opacity: number };

type State = {
  selection: InspectSelection;
  display: MapDisplay;
  overlay: OverlaySettings;
  trackers: ReadonlyMap<string, DeadChannelTracker>;
};

/** A tiny external store: immutable snapshots, listeners notified on every change. */
export function createInspectStore() {
  let state: State = {
    selection: { stage: null, channel: null },
    display: DEFAULT_DISPLAY,
    overlay: { source: 'mean', channel: null, opacity: 0.6 },
    trackers: new Map(),
  };
  const listeners = new Set<() => void>();
  const set = (next: State) => {
    state = next;
    for (const l of listeners) l();
  };
  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: (): State => state,
    /** Shows a stage (and optionally opens one of its channels). */
    select(stage: string | null, channel: number | null = null): void {
      // A channel overlay belongs to its stage; another stage goes back to its mean.
      const overlay =
        stage !== state.selection.stage && state.overlay.source === 'channel'
          ? { ...state.overlay, source: 'mean' as const, channel: null }
          : state.overlay;
      set({ ...state, selection: { stage, channel }, overlay });
    },
    /** Shows a channel of a stage large and laid over the input (the Why view's "show in Inspect"). */
    show(stage: string, channel: number): void {
      set({
        ...state,
        selection: { stage, channel },
        overlay: { ...state.overlay, source: 'channel', channel },
      });
    },
    openChannel(channel: number | null): void {
      set({ ...state, selection: { ...state.selection, channel } });
    },
    setDisplay(patch: Partial<MapDisplay>): void {
      set({ ...state, display: { ...state.display, ...patch } });
    },
    setOverlay(patch: Partial<OverlaySettings>): void {
      set({ ...state, overlay: { ...state.overlay, ...patch } });
    },
    /** Folds an image's statistics of one stage into that (model, stage)'s dead-channel tracker. */
    track(modelId: string, stage: string, imageKey: string, stats: ChannelStats): void {
      const key = trackerKey(modelId, stage);
      const prev = state.trackers.get(key) ?? null;
      const next = trackDeadChannels(prev, imageKey, stats);
      if (next === prev) return;
      const trackers = new Map(state.trackers);
      trackers.set(key, next);
      set({ ...state, trackers });
    },
  };
}

export type InspectStore = ReturnType<typeof createInspectStore>;

export function trackerKey(modelId: string, stage: string): string {
  return `${modelId}\u0000${stage}`;
}

/** The session's store (one app window, one store). */
export const inspectStore = createInspectStore();

/** The store's current state, re-rendering on change. */
export function useInspectState(store: InspectStore = inspectStore): State {
  return useSyncExternalStore(store.subscribe, store.get);
}
