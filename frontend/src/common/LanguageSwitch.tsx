import { LANGUAGES, useLanguage, useMessages, type Language } from "./i18n";
import { commonMessages } from "./messages";

// Each language is named in itself, and marked with its own lang so it is read out right.
const LANGUAGE_NAMES: Record<Language, string> = { fi: "Suomi", en: "English" };

export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const t = useMessages(commonMessages);
  return (
    <div className="language-switch" role="group" aria-label={t.languageGroup}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={language === option}
          onClick={() => setLanguage(option)}
        >
          {LANGUAGE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
