// Dates and times as Finns write them (d.M.yyyy, H.mm), on the Helsinki clock in both languages.
import { helsinkiTimeOf, helsinkiDateOf, type IsoDate } from "./calendar";
import type { Language } from "./i18n";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-11-03` or an instant → `3.11.2026` (an instant by its Helsinki date). */
export function formatDate(value: IsoDate | string): string {
  const date = DATE_ONLY.test(value) ? value : helsinkiDateOf(value);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return `${day}.${month}.${year}`;
}

/** An instant → `3.11.2026 klo 9.05` (fi) or `3.11.2026 at 9:05` (en), Helsinki time. */
export function formatDateTime(value: string, language: Language): string {
  return `${formatDate(value)} ${language === "fi" ? "klo" : "at"} ${formatTime(value, language)}`;
}

export function formatTime(value: string, language: Language): string {
  const { hour, minute } = helsinkiTimeOf(value);
  return `${hour}${language === "fi" ? "." : ":"}${String(minute).padStart(2, "0")}`;
}

/** A language by its ISO 639-1 code, in the UI's language ("en" → "englanti"); the code if unknown. */
export function languageName(code: string | null | undefined, language: Language): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames([language], { type: "language" }).of(code) ?? code;
  } catch {
    // Intl refuses a malformed code; the stored value is still worth showing as it is.
    return code;
  }
}

const NUMBER_LOCALES: Record<Language, string> = { fi: "fi-FI", en: "en-GB" };

/** A percentage with at most one decimal as the language writes it: "44,0 %" / "44%". */
export function formatPercent(value: number, language: Language): string {
  const number = new Intl.NumberFormat(NUMBER_LOCALES[language], { maximumFractionDigits: 1 }).format(value);
  // A no-break space keeps "65,6 %" on one line.
  return language === "fi" ? `${number}\u00a0%` : `${number}%`;
}
