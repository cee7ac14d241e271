import { formatPercent } from "../common/format";
import type { Language } from "../common/i18n";

const LOCALES: Record<Language, string> = { fi: "fi-FI", en: "en-GB" };

export interface Formatters {
  number: (value: number) => string;
  /** A percentage with one decimal, e.g. "65,6 %" in Finnish. */
  percent: (value: number) => string;
  /** `YYYY-MM-DD` → "23.11.2026" / "23 Nov 2026". */
  date: (isoDate: string) => string;
  /** `YYYY-MM` → "11/2026" (axis) */
  monthShort: (month: string) => string;
  /** `YYYY-MM` → "marraskuu 2026" / "November 2026" (tables) */
  monthLong: (month: string) => string;
  dateTime: (iso: string) => string;
}

function dateOf(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(isoDate);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? "1"), 12));
}

export function formatters(language: Language): Formatters {
  const locale = LOCALES[language];
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { day: "numeric", month: language === "fi" ? "numeric" : "short", year: "numeric", timeZone: "UTC" });
  const monthLong = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: language === "fi" ? "numeric" : "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: "Europe/Helsinki",
  });
  return {
    number: (value) => number.format(value),
    percent: (value) => formatPercent(value, language),
    date: (isoDate) => {
      const parsed = dateOf(isoDate);
      return parsed ? date.format(parsed) : isoDate;
    },
    monthShort: (month) => {
      const [year, monthNumber] = month.split("-");
      return year && monthNumber ? `${Number(monthNumber)}/${year}` : month;
    },
    monthLong: (month) => {
      const parsed = dateOf(month);
      return parsed ? monthLong.format(parsed) : month;
    },
    dateTime: (iso) => {
      const parsed = new Date(iso);
      return Number.isNaN(parsed.getTime()) ? iso : dateTime.format(parsed);
    },
  };
}

/** Today's date in Helsinki as `YYYY-MM-DD`: the service's dates are Helsinki dates. */
export function helsinkiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
