// The header's link to one's notifications with the unread count: asked every minute, when
// the window regains focus and after each navigation. The count is part of the link's name
// ("Ilmoitukset, 2 lukematonta"), so a screen reader says it with the link.
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { NavLink, useLocation } from "react-router";
import { useMessages } from "../common/i18n";
import { NOTIFICATIONS_PATH } from "../common/navigation";
import { useHttp } from "../common/query";
import { COUNT_POLL_MS, notificationKeys, notificationsApi } from "./api";
import { notificationsMessages } from "./notificationsMessages";

export function useUnreadCount() {
  const http = useHttp();
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: () => notificationsApi.count(http),
    refetchInterval: COUNT_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}

export function NotificationsLink() {
  const t = useMessages(notificationsMessages);
  const location = useLocation();
  const count = useUnreadCount();
  const { refetch } = count;
  const unread = count.data?.unread ?? 0;

  useEffect(() => {
    void refetch();
  }, [location.pathname, refetch]);

  return (
    <NavLink
      to={NOTIFICATIONS_PATH}
      className="notifications-link"
      // The name says the count in words ("Ilmoitukset, 2 lukematonta"), starting with the visible label.
      aria-label={unread > 0 ? `${t.navLabel}, ${t.unreadCount(unread)}` : undefined}
    >
      <span>{t.navLabel}</span>
      {unread > 0 && (
        <span className="notifications-count" aria-hidden="true">
          {unread}
        </span>
      )}
    </NavLink>
  );
}
