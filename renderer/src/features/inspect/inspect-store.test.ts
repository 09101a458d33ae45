import { describe, expect, it } from 'vitest';
import { channelStats } from '../../lib/stats';
import { deadChannels } from '../../lib/stats-dead-channels';
import { createInspectStore, trackerKey } from './inspect-store';

describe('the inspect store', () => {
  it('keeps a dead-channel tracker per model and stage', () => {
    const store = createInspectStore();
    let changes = 0;
    store.subscribe(() => changes++);
    const layout = { channels: 2, height: 1, width: 1 };
    store.track('m1', 'layer1', '1', channelStats(new Float32Array([0, 3]), layout));
    store.track('m1', 'layer1', '2', channelStats(new Float32Array([0, 0]), layout));
    store.track('m1', 'layer1', '2', channelStats(new Float32Array([0, 0]), layout));
    store.track('m2', 'layer1', '1', channelStats(new Float32Array([5, 0]), layout));
    expect(deadChannels(store.get().trackers.get(trackerKey('m1', 'layer1'))!)).toEqual([0]);
    expect(deadChannels(store.get().trackers.get(trackerKey('m2', 'layer1'))!)).toEqual([1]);
    expect(changes).toBe(3);
  });

  it('drops a channel overlay when another stage is selected', () => {
    const store = createInspectStore();
    store.select('layer2');
    store.setOverlay({ source: 'channel', channel: 5, opacity: 0.3 });
    store.select('layer2', 7);
    expect(store.get().overlay).toEqual({ source: 'channel', channel: 5, opacity: 0.3 });
    store.select('layer3');
    expect(store.get().overlay).toEqual({ source: 'mean', channel: null, opacity: 0.3 });
    expect(store.get().selection).toEqual({ stage: 'layer3', channel: null });
  });

  it('shows a channel from elsewhere: selects it and lays it over the input', () => {
    const store = createInspectStore();
    store.show('layer4', 12);
    expect(store.get().selection).toEqual({ stage: 'layer4', channel: 12 });
    expect(store.get().overlay).toMatchObject({ source: 'channel', channel: 12 });
  });
});
