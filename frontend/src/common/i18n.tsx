// Finnish first, whatever the browser says: the service's working language is Finnish.
// English only when the person chooses it; the choice is remembered in localStorage
// (a preference, not a secret) and mirrored to <html lang> for assistive technology.
//
// No i18n library: each domain folder keeps a small typed dictionary made with
// defineMessages, and the compiler checks that English has every Finnish key.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

export const LANGUAGES = ["fi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = "polku.language";

type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;
export interface Dictionary<T extends Messages> {
  fi: T;
  en: NoInfer<T>;
}

export function defineMessages<T extends Messages>(dictionary: Dictionary<T>): Dictionary<T> {
  return dictionary;
}

function readStoredLanguage(): Language {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY) === "en" ? "en" : "fi";
  } catch {
    // Storage can be blocked by policy; Finnish is the right default then too.
    return "fi";
  }
}

interface LanguageContextValue {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // The choice then lasts for this page load only.
    }
  }, []);

  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (value === null) throw new Error("useLanguage needs a LanguageProvider");
  return value;
}

export function useMessages<T extends Messages>(dictionary: Dictionary<T>): T {
  return dictionary[useLanguage().language];
}
