// One's own notifications (/ilmoitukset) and their settings (/ilmoitukset/asetukset). The
// service gives ids and kinds only, so a row says the kind and the dates and links to the
// object; opening the link marks the notification read and the header's count falls.
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { Link, Navigate, Route, Routes, useParams } from "react-router";
import { DataState } from "../common/DataState";
import { DateText, DateTimeText } from "../common/DateText";
import { describeError } from "../common/errors";
import { useLanguage, useMessages } from "../common/i18n";
import { NOTIFICATION_PREFERENCES_PATH, NOTIFICATIONS_PATH } from "../common/navigation";
import { NotFoundPage } from "../common/NotFoundPage";
import { PageHeading } from "../common/PageHeading";
import { useHttp } from "../common/query";
import { Badge } from "../common/StatusBadge";
import { notificationKeys, notificationsApi, objectPath, type Notification } from "./api";
import { kindLabels, notificationsMessages } from "./notificationsMessages";
import { PreferencesPage } from "./PreferencesPage";

export function NotificationsPage() {
  return (
    <Routes>
      <Route index element={<NotificationList />} />
      <Route path="asetukset" element={<PreferencesPage />} />
      <Route path=":notificationId" element={<NotificationOpener />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

const PAGE_SIZE = 25;

function NotificationList() {
  const t = useMessages(notificationsMessages);
  const { language } = useLanguage();
  const http = useHttp();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const query = useInfiniteQuery({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: ({ pageParam }) => notificationsApi.list(http, { unread: unreadOnly, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor ?? null,
    staleTime: 0,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });

  async function act(run: () => Promise<unknown>, done: string) {
    setStatus(null);
    try {
      await run();
      setStatus(done);
    } catch (error) {
      setStatus(describeError(error, language));
    }
    await refresh();
  }

  /** Opening the object marks it read; the request outlives this page, then the count refreshes. */
  function opened(item: Notification) {
    if (item.read_at !== null) return;
    void notificationsApi.read(http, item.id).then(refresh, () => undefined);
  }

  function dismiss(item: Notification) {
    void act(() => notificationsApi.dismiss(http, item.id), t.dismissed).then(() => {
      // The row is gone; the heading keeps the keyboard on the page.
      document.querySelector<HTMLElement>("main h1")?.focus();
    });
  }

  return (
    <>
      <PageHeading title={t.pageTitle}>{t.pageTitle}</PageHeading>
      <p className="lead">{t.pageIntro}</p>
      <p>
        <Link to={NOTIFICATION_PREFERENCES_PATH}>{t.preferencesLink}</Link>
      </p>
      <div className="notification-actions" role="group" aria-label={t.filterLabel}>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={!unreadOnly}
          onClick={() => setUnreadOnly(false)}
        >
          {t.filterAll}
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={unreadOnly}
          onClick={() => setUnreadOnly(true)}
        >
          {t.filterUnread}
        </button>
      </div>
      <div role="status">{status && <p className="notice">{status}</p>}</div>
      <DataState
        query={query}
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
        empty={unreadOnly ? t.emptyUnread : t.emptyAll}
      >
        {(data) => (
          <>
            <ul className="notification-list" aria-label={t.listLabel}>
              {data.pages
                .flatMap((page) => page.items)
                .map((item) => (
                  <NotificationRow
                    key={item.id}
                    item={item}
                    onOpen={() => opened(item)}
                    onRead={() => void act(() => notificationsApi.read(http, item.id), t.markedRead)}
                    onDismiss={() => dismiss(item)}
                  />
                ))}
            </ul>
            {query.hasNextPage && (
              <button
                type="button"
                className="button button-secondary"
                aria-busy={query.isFetchingNextPage || undefined}
                onClick={() => void query.fetchNextPage()}
              >
                {t.loadMore}
              </button>
            )}
          </>
        )}
      </DataState>
    </>
  );
}

function NotificationRow({
  item,
  onOpen,
  onRead,
  onDismiss,
}: {
  item: Notification;
  onOpen: () => void;
  onRead: () => void;
  onDismiss: () => void;
}) {
  const t = useMessages(notificationsMessages);
  const kinds = useMessages(kindLabels);
  const titleId = useId();
  const label = kinds[item.kind] ?? item.kind;
  const path = objectPath(item);
  const unread = item.read_at === null;
  return (
    <li className={`notification-item${unread ? " notification-item-unread" : ""}`}>
      <h2 id={titleId}>
        {path ? (
          <Link to={path} onClick={onOpen}>
            {label}
          </Link>
        ) : (
          label
        )}
      </h2>
      <dl className="notification-meta">
        <div>
          <dt>{t.created}</dt>
          <dd>
            <DateTimeText value={item.created_at} />
          </dd>
        </div>
        {item.due && (
          <div>
            <dt>{t.due}</dt>
            <dd>
              <DateText value={item.due} />
            </dd>
          </div>
        )}
        <div>
          <dt className="visually-hidden">{t.state}</dt>
          <dd>{unread ? <Badge tone="info">{t.unread}</Badge> : <Badge>{t.read}</Badge>}</dd>
        </div>
      </dl>
      <div className="notification-actions">
        {unread && (
          <button type="button" className="button button-secondary" aria-describedby={titleId} onClick={onRead}>
            {t.markRead}
          </button>
        )}
        <button type="button" className="button button-secondary" aria-describedby={titleId} onClick={onDismiss}>
          {t.dismiss}
        </button>
      </div>
    </li>
  );
}

/**
 * An e-mail's link (APP_URL/notifications/{id}, also /ilmoitukset/{id}): marks the notification
 * read and goes on to its object; one that is gone (dismissed, another person's) says so.
 */
export function NotificationOpener() {
  const t = useMessages(notificationsMessages);
  const { language } = useLanguage();
  const { notificationId = "" } = useParams();
  const http = useHttp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ status: "opening" } | { status: "open"; path: string | null } | { status: "failed"; message: string }>({
    status: "opening",
  });

  useEffect(() => {
    let current = true;
    notificationsApi.read(http, notificationId).then(
      (found) => {
        void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
        if (current) setState({ status: "open", path: objectPath(found) });
      },
      (error: unknown) => current && setState({ status: "failed", message: describeError(error, language) }),
    );
    return () => {
      current = false;
    };
  }, [http, notificationId, queryClient, language]);

  if (state.status === "open" && state.path) return <Navigate to={state.path} replace />;
  return (
    <>
      <PageHeading title={t.pageTitle}>{t.pageTitle}</PageHeading>
      {state.status === "opening" && (
        <p role="status" className="data-loading">
          {t.opening}
        </p>
      )}
      {state.status === "failed" && (
        <div className="notice notice-error" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      {state.status === "open" && <p>{t.nothingToOpen}</p>}
      <p>
        <Link to={NOTIFICATIONS_PATH}>{t.backToList}</Link>
      </p>
    </>
  );
}
