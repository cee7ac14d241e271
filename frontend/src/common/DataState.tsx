import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { describeError } from "./errors";
import { useLanguage, useMessages } from "./i18n";
import { commonMessages } from "./messages";
import type { Query } from "./useQuery";

/** A TanStack Query result or the older hook's state, as the three states below. */
function normalise<T>(query: Query<T> | UseQueryResult<T>): Query<T> {
  if (!("refetch" in query)) return query;
  const reload = () => void query.refetch();
  if (query.status === "pending") return { status: "loading", reload };
  if (query.status === "error") return { status: "error", error: query.error, reload };
  return { status: "ready", data: query.data, reload };
}

/**
 * The three honest states of loaded data: loading (a polite status), an error (an alert with
 * a retry button) and empty (a plain sentence), before the content itself.
 */
export function DataState<T>({
  query: given,
  isEmpty,
  empty,
  children,
}: {
  query: Query<T> | UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const t = useMessages(commonMessages);
  const { language } = useLanguage();
  const query = normalise(given);
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
