import { useCallback, useState } from 'react';
import type { Locale } from '../i18n/i18n';
import { systemLocale } from '../i18n/i18n';
import type { BackendPreference } from '../inference/messages';

export type Theme = 'dark' | 'light';
export type Settings = { theme: Theme; locale: Locale; backend: BackendPreference };

const KEY = 'resnet-lens.settings.v1';

function defaults(): Settings {
  const light = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches;
  return { theme: light ? 'light' : 'dark', locale: systemLocale(), backend: 'auto' };
}

/** Parses stored settings, keeping only known values (storage is user-editable, so it is untrusted). */
export function parseSettings(raw: string | null, base: Settings): Settings {
  if (!raw) return base;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof Settings, unknown>>;
    return {
      theme: v.theme === 'light' || v.theme === 'dark' ? v.theme : base.theme,
      locale: v.locale === 'en' || v.locale === 'ko' ? v.locale : base.locale,
      backend:
        v.backend === 'auto' || v.backend === 'wasm' || v.backend === 'webgpu' ? v.backend : base.backend,
    };
  } catch {
    return base;
  }
}

/** Settings remembered across restarts (theme, language, backend). */
export function useSettings() {
  const [settings, setSettings] = useState<Settings>(() =>
    parseSettings(localStorage.getItem(KEY), defaults()),
  );
  const update = useCallback((patch: Partial<Settings>) => {
    setSettings((prev) => {
      const next = { ...prev, ...patch };
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return { settings, update };
}
