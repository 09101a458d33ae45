import { describe, expect, it } from 'vitest';
import { parseSettings, type Settings } from './settings';

const base: Settings = { theme: 'dark', locale: 'en', backend: 'auto' };

describe('parseSettings', () => {
  it('keeps valid stored values', () => {
    expect(parseSettings('{"theme":"light","locale":"ko","backend":"wasm"}', base)).toEqual({
      theme: 'light',
      locale: 'ko',
      backend: 'wasm',
    });
  });
  it('ignores junk and unknown values', () => {
    expect(parseSettings('{"theme":"neon","backend":42}', base)).toEqual(base);
    expect(parseSettings('not json', base)).toEqual(base);
    expect(parseSettings(null, base)).toEqual(base);
  });
});
