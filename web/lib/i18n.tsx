'use client';
// The dashboard speaks Simplified Chinese, in the words of the regulations; English is a switch away. The Chinese
// text is the key: code reads as the screen does, and a missing English entry shows the Chinese, never a blank.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { en } from './i18n-en';
import { singular } from './plural';

export type Lang = 'zh' | 'en';
const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'zh', setLang: () => {} });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>('zh');
  useEffect(() => {
    if (localStorage.getItem('yizhan.lang') === 'en') setLangState('en');
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('yizhan.lang', l);
    setLangState(l);
  }, []);
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export const useLang = () => useContext(LangContext);

export type T = (zh: string, vars?: Record<string, string | number>) => string;

export function useT(): T {
  const { lang } = useContext(LangContext);
  return useCallback(
    (zh: string, vars?: Record<string, string | number>) => {
      const text = lang === 'en' ? (en[zh] ?? zh) : zh;
      if (!vars) return text;
      const filled = text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
      return lang === 'en' ? singular(filled) : filled;
    },
    [lang],
  );
}
