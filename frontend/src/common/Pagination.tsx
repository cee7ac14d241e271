import { useCallback, useMemo, useState } from "react";
import { useMessages } from "./i18n";
import { commonMessages } from "./messages";

/**
 * Cursor pages: the services answer `{items, next_cursor}`; going back re-asks the cursor
 * the earlier page was fetched with. Reset when the filters change by giving a new `key`.
 */
export function useCursorPages(key: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key, stack: [null] });
  const stack = useMemo(() => (state.key === key ? state.stack : [null]), [state, key]);
  const cursor = stack[stack.length - 1] ?? null;
  const next = useCallback(
    (nextCursor: string) => setState({ key, stack: [...stack, nextCursor] }),
    [key, stack],
  );
  const previous = useCallback(() => setState({ key, stack: stack.slice(0, -1) }), [key, stack]);
  return { cursor, page: stack.length, next, previous, hasPrevious: stack.length > 1 };
}

export function Pagination({
  page,
  nextCursor,
  hasPrevious,
  onNext,
  onPrevious,
}: {
  page: number;
  nextCursor: string | null | undefined;
  hasPrevious: boolean;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}) {
  const t = useMessages(commonMessages);
  if (!nextCursor && !hasPrevious) return null;
  return (
    <nav className="pagination" aria-label={t.pagination}>
      {hasPrevious && (
        <button type="button" className="button button-secondary" onClick={onPrevious}>
          {t.previousPage}
        </button>
      )}
      <span aria-current="page">{t.pageNumber(page)}</span>
      {nextCursor && (
        <button type="button" className="button button-secondary" onClick={() => onNext(nextCursor)}>
          {t.nextPage}
        </button>
      )}
    </nav>
  );
}
