/**
 * The dead-channel finder: a channel is dead when it was exactly zero everywhere in every image seen so
 * far (a ReLU that never fires). One tracker per (model, stage output); trackers are immutable values,
 * so React state can hold them directly.
 */
import type { ChannelStats } from './stats';

export type DeadChannelTracker = {
  channels: number;
  /** the images folded in (by key), so seeing an image twice counts it once */
  images: readonly string[];
  /** 1 where the channel had a non-zero value in some image */
  active: Uint8Array;
};

/** A tracker that has seen nothing yet. */
export function emptyTracker(channels: number): DeadChannelTracker {
  return { channels, images: [], active: new Uint8Array(channels) };
}

/**
 * Folds one image's statistics into a tracker (a new tracker; the old one is untouched). A channel
 * stays dead only while its fraction of zeros is exactly 1. A tracker with another channel count (a
 * different model under the same key) is replaced rather than mixed.
 */
export function trackDeadChannels(
  prev: DeadChannelTracker | null,
  imageKey: string,
  stats: ChannelStats,
): DeadChannelTracker {
  const channels = stats.layout.channels;
  const base = prev && prev.channels === channels ? prev : emptyTracker(channels);
  if (base.images.includes(imageKey)) return base;
  const active = base.active.slice();
  for (let c = 0; c < channels; c++) if (stats.zero[c]! < 1) active[c] = 1;
  return { channels, images: [...base.images, imageKey], active };
}

/** Channels that were zero in every image the tracker has seen (none before it has seen any). */
export function deadChannels(tracker: DeadChannelTracker | null): number[] {
  if (!tracker || tracker.images.length === 0) return [];
  const dead: number[] = [];
  for (let c = 0; c < tracker.channels; c++) if (!tracker.active[c]) dead.push(c);
  return dead;
}
