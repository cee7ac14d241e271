import { useLanguage } from "./i18n";
import { formatDate, formatDateTime } from "./format";

/** A date (`YYYY-MM-DD` or an instant) as d.M.yyyy, machine-readable in `dateTime`. */
export function DateText({ value }: { value: string | null | undefined }) {
  if (!value) return null;
  return <time dateTime={value}>{formatDate(value)}</time>;
}

/** An instant as d.M.yyyy klo H.mm on the Helsinki clock. */
export function DateTimeText({ value }: { value: string | null | undefined }) {
  const { language } = useLanguage();
  if (!value) return null;
  return <time dateTime={value}>{formatDateTime(value, language)}</time>;
}
