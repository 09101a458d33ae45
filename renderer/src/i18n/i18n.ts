import { createContext, useContext } from 'react';

export type Locale = 'en' | 'ko';
export const locales: Locale[] = ['en', 'ko'];

/** A feature's strings in every locale; `en` is the reference and decides the keys. */
export type Messages<K extends string> = { en: Record<K, string>; ko: Record<K, string> };

/** The system language decides the default: Korean systems get Korean, everything else English. */
export function systemLocale(languages: readonly string[] = navigator.languages): Locale {
  return languages.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

export const LocaleContext = createContext<Locale>('en');

/**
 * `t('key', { n: 3 })` for one feature's messages, in the current locale. Placeholders are `{name}`.
 * Each feature keeps its own messages file, so features never edit a shared dictionary.
 */
export function useT<K extends string>(
  messages: Messages<K>,
): (key: K, vars?: Record<string, string | number>) => string {
  const locale = useContext(LocaleContext);
  return (key, vars) => {
    const text = messages[locale][key] ?? messages.en[key];
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}
