/**
 * "Show this channel in Inspect": the Why view asks, whoever owns navigation answers. A DOM event keeps
 * the two views independent (neither imports the other); the shell switches to Inspect and the inspector
 * selects the output and channel.
 */

export const SHOW_CHANNEL_EVENT = 'lens:show-channel';

/** Which channel of which model output (a PyTorch module path such as `layer4`) to show. */
export type ShowChannelDetail = { output: string; channel: number };

/** Asks the app to show one channel of one output in the Inspect view. */
export function requestShowChannel(detail: ShowChannelDetail): void {
  window.dispatchEvent(new CustomEvent<ShowChannelDetail>(SHOW_CHANNEL_EVENT, { detail }));
}

/**
 * Subscribes to show-channel requests; returns the unsubscribe function (use it in an effect's cleanup).
 * Malformed events (a script dispatching junk) are ignored.
 */
export function onShowChannel(listener: (detail: ShowChannelDetail) => void): () => void {
  const handler = (e: Event) => {
    const d = (e as CustomEvent<unknown>).detail as Partial<ShowChannelDetail> | null;
    if (d && typeof d.output === 'string' && Number.isInteger(d.channel) && (d.channel ?? -1) >= 0) {
      listener({ output: d.output, channel: d.channel! });
    }
  };
  window.addEventListener(SHOW_CHANNEL_EVENT, handler);
  return () => window.removeEventListener(SHOW_CHANNEL_EVENT, handler);
}
