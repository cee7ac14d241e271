import { formatPercent } from "../common/format";
import type { Language } from "../common/i18n";

const LOCALES: Record<Language, string> = { fi: "fi-FI", en: "en-GB" };

export interface Formatters {
  /** A count or a median: thousands grouped ("12 345" with a no-break space in Finnish), at most one decimal. */
  number: (value: number) => string;
  /** Exactly one decimal, as the service rounds its rates and means: "9,0" / "9.0". */
  decimal: (value: number) => string;
  /** A percentage with exactly one decimal: "44,0 %" (no-break space) / "44.0%". */
  percent: (value: number) => string;
  /** An axis tick of a percentage scale, without a needless decimal: "25 %" / "25%". */
  percentTick: (value: number) => string;
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
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
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
    decimal: (value) => decimal.format(value),
    // The no-break space keeps "65,6 %" on one line.
    percent: (value) => (language === "fi" ? `${decimal.format(value)}\u00a0%` : `${decimal.format(value)}%`),
    percentTick: (value) => formatPercent(value, language),
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
