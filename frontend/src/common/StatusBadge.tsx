import type { ReactNode } from "react";
import { helsinkiToday, type IsoDate } from "./calendar";
import { formatDate } from "./format";
import { useMessages } from "./i18n";
import { commonMessages } from "./messages";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger" | "health";

/** A short status word. The text carries the meaning; the colour only repeats it. */
export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`status-badge status-badge-${tone}`}>{children}</span>;
}

export type DueState = { kind: "overdue"; workingDays: number | null } | { kind: "today" } | { kind: "upcoming" };

/**
 * Where a deadline stands today. Working days overdue are the services' count (they know the
 * Finnish holidays); without it the badge says "overdue" without a number.
 */
export function dueState(due: IsoDate, today: IsoDate, overdueWorkingDays?: number | null): DueState {
  if (due < today) return { kind: "overdue", workingDays: overdueWorkingDays ?? null };
  if (due === today) return { kind: "today" };
  return { kind: "upcoming" };
}

/**
 * A deadline badge: "overdue N working days" (red), "due today" (amber) or "due d.M.yyyy".
 * `overdueWorkingDays` from the server wins over the local count when given.
 */
export function DueBadge({
  due,
  today = helsinkiToday(),
  overdueWorkingDays,
  overdue,
}: {
  due: IsoDate;
  today?: IsoDate;
  overdueWorkingDays?: number | null;
  /** The server's own verdict, when it gives one (leads, referrals). */
  overdue?: boolean;
}) {
  const t = useMessages(commonMessages);
  const state = overdue === false && due < today ? { kind: "upcoming" as const } : dueState(due, today, overdueWorkingDays);
  if (state.kind === "overdue") {
    return (
      <Badge tone="danger">
        {state.workingDays !== null && state.workingDays > 0 ? t.overdueWorkingDays(state.workingDays) : t.overdue}
      </Badge>
    );
  }
  if (state.kind === "today" || overdue) return <Badge tone="warning">{overdue ? t.overdue : t.dueToday}</Badge>;
  return <Badge tone="neutral">{t.dueOn(formatDate(due))}</Badge>;
}
