import { describe, expect, it } from 'vitest';
import { systemLocale } from './i18n';

describe('systemLocale', () => {
  it('picks Korean for Korean systems and English otherwise', () => {
    expect(systemLocale(['ko-KR', 'en-US'])).toBe('ko');
    expect(systemLocale(['en-GB', 'ko'])).toBe('ko');
    expect(systemLocale(['de-DE'])).toBe('en');
    expect(systemLocale([])).toBe('en');
  });
});
