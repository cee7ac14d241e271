import type { ReactNode } from "react";
import { describeError } from "./errors";
import { useLanguage, useMessages } from "./i18n";
import { commonMessages } from "./messages";
import type { Query } from "./useQuery";

/**
 * The three honest states of loaded data: loading (a polite status), an error (an alert with
 * a retry button) and empty (a plain sentence), before the content itself.
 */
export function DataState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: Query<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const t = useMessages(commonMessages);
  const { language } = useLanguage();
  if (query.status === "loading") {
    return (
      <p role="status" className="data-loading">
        {t.loading}
      </p>
    );
  }
  if (query.status === "error") {
    return (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">{t.loadFailedTitle}</p>
        <p>{describeError(query.error, language)}</p>
        <button type="button" className="button button-secondary" onClick={query.reload}>
          {t.retry}
        </button>
      </div>
    );
  }
  if (isEmpty?.(query.data)) return <p className="data-empty">{empty ?? t.nothingHere}</p>;
  return <>{children(query.data)}</>;
}
