// The notifications service as the SPA uses it; shapes from the generated OpenAPI types.
// It gives ids and kinds only (no names): the page shows the kind and the dates, and links to
// the object, whose own page asks its owner for anything more.
import type { components } from "../api/notifications";
import { dataOf, type ServiceClients } from "../common/api";
import { sectionPath } from "../common/navigation";

type Schemas = components["schemas"];
export type Notification = Schemas["NotificationRead"];
export type NotificationKind = Notification["kind"];
export type Preferences = Schemas["PreferencesRead"];
export type PreferencesUpdate = Schemas["PreferencesUpdate"];
export type DeliveryMode = Preferences["kinds"][string];
export type EmailMode = Preferences["email_mode"];
export type CalendarFeed = Schemas["CalendarFeedRead"];

/** Every kind in the schema, in the order the preferences page lists them. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  "referral_received",
  "referral_answered",
  "referral_expiring",
  "handoff_waiting",
  "lead_assigned",
  "lead_contact_due",
  "follow_up_due",
  "contact_due",
  "plan_review_due",
  "import_finished",
];

export const DELIVERY_MODES: readonly DeliveryMode[] = ["off", "app", "app_email"];
export const EMAIL_MODES: readonly EmailMode[] = ["digest", "immediate"];

/** How often the header asks for the unread count. */
export const COUNT_POLL_MS = 60_000;

export const notificationKeys = {
  all: ["notifications"] as const,
  count: ["notifications", "count"] as const,
  list: (unread: boolean) => ["notifications", "list", { unread }] as const,
  preferences: ["notifications", "preferences"] as const,
};

const notification = (id: string) => ({ params: { path: { notification_id: id } } });

/** The notifications service over its typed client. */
export const notificationsApi = {
  list: (http: ServiceClients, query: { unread?: boolean; cursor?: string | null; limit?: number }) =>
    dataOf(http.notifications.GET("/api/v1/notifications", { params: { query } })),
  count: (http: ServiceClients) => dataOf(http.notifications.GET("/api/v1/notifications/count")),
  read: (http: ServiceClients, id: string) =>
    dataOf(http.notifications.POST("/api/v1/notifications/{notification_id}/read", notification(id))),
  dismiss: (http: ServiceClients, id: string) =>
    dataOf(http.notifications.POST("/api/v1/notifications/{notification_id}/dismiss", notification(id))),
  preferences: (http: ServiceClients) => dataOf(http.notifications.GET("/api/v1/notifications/preferences")),
  updatePreferences: (http: ServiceClients, body: PreferencesUpdate) =>
    dataOf(http.notifications.PUT("/api/v1/notifications/preferences", { body })),
  /** One's private calendar feed, made on first asking; `url` only then (a hash is kept). */
  calendarFeed: (http: ServiceClients) => dataOf(http.notifications.GET("/api/v1/notifications/calendar")),
  revokeCalendarFeed: (http: ServiceClients) => dataOf(http.notifications.DELETE("/api/v1/notifications/calendar")),
};

/** Where a notification's object lives in the app (null: nothing to open). An import opens the
 * import page, where the person starts and follows imports. */
export function objectPath(item: Pick<Notification, "object_type" | "object_id">): string | null {
  switch (item.object_type) {
    case "referral":
      return `${sectionPath("referrals")}/${item.object_id}`;
    case "client":
      return `${sectionPath("clients")}/${item.object_id}`;
    case "lead":
      return `${sectionPath("employers")}/liidit/${item.object_id}`;
    case "import":
      return sectionPath("import");
    default:
      return null;
  }
}
