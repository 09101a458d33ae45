import { describe, expect, it } from 'vitest';
import { channelStats } from './stats';
import { deadChannels, emptyTracker, trackDeadChannels } from './stats-dead-channels';

const layout = { channels: 3, height: 1, width: 2 };
// image A: channel 0 fires, 1 and 2 are zero; image B: channel 1 fires.
const a = channelStats(new Float32Array([1, 0, 0, 0, 0, 0]), layout);
const b = channelStats(new Float32Array([0, 0, 0, -2, 0, 0]), layout);

describe('dead-channel tracking', () => {
  it('reports nothing before any image', () => {
    expect(deadChannels(null)).toEqual([]);
    expect(deadChannels(emptyTracker(3))).toEqual([]);
  });

  it('keeps only channels that were zero in every image', () => {
    const t1 = trackDeadChannels(null, 'a', a);
    expect(deadChannels(t1)).toEqual([1, 2]);
    const t2 = trackDeadChannels(t1, 'b', b);
    expect(deadChannels(t2)).toEqual([2]);
    expect(t2.images).toEqual(['a', 'b']);
    // the earlier tracker is unchanged (immutable values for React state)
    expect(deadChannels(t1)).toEqual([1, 2]);
  });

  it('counts an image once', () => {
    const t1 = trackDeadChannels(null, 'a', a);
    expect(trackDeadChannels(t1, 'a', a)).toBe(t1);
  });

  it('starts over when the channel count changes', () => {
    const t1 = trackDeadChannels(null, 'a', a);
    const other = channelStats(new Float32Array([0, 0]), { channels: 2, height: 1, width: 1 });
    const t2 = trackDeadChannels(t1, 'x', other);
    expect(t2.images).toEqual(['x']);
    expect(deadChannels(t2)).toEqual([0, 1]);
  });
});
