import type { ColormapName } from '../../lib/colormap';
import type { SortKey } from '../../lib/stats';
import type { ScaleMode } from './paint';

/**
 * How the grid paints and orders channels (kept by the caller, so it survives a change of stage).
 * `tile` is the tile size in CSS pixels, 0 for automatic (by channel count).
 */
export type MapDisplay = { colormap: ColormapName; scale: ScaleMode; sort: SortKey; tile: number };

export const DEFAULT_DISPLAY: MapDisplay = { colormap: 'viridis', scale: 'channel', sort: 'index', tile: 0 };
