// "My day": the worklist, the referrals waiting for my answer and my leads, as one list.
import type { IsoDate } from "../common/calendar";
import { helsinkiDateOf } from "../common/calendar";
import type { Lead } from "../employers/api";
import { leadNextStep } from "../employers/api";
import type { Referral } from "../referrals/api";
import type { WorkItem, Worklist } from "./api";

export type DayItemKind =
  | "contact"
  | "meeting"
  | "referral"
  | "lead_contact"
  | "lead_follow_up"
  | "plan"
  | "quiet"
  | "triage"
  | "exit_form"
  | "suggestion";

export interface DayItem {
  key: string;
  kind: DayItemKind;
  /** Whom or what it is about: a client's name, or an employer lead's need. */
  subject: string;
  /** Where the work is done, one click away. */
  href: string;
  due: IsoDate | null;
  /** Working days overdue as the service counted them, when it did. */
  overdueWorkingDays?: number | null;
  /** The service's own overdue verdict, when it gives one. */
  overdue?: boolean;
  at?: string | null;
  detail?: string | null;
}

/** Overdue is decided by the service's flag when it gives one, else by the due date. */
export function isOverdue(item: DayItem, today: IsoDate): boolean {
  if (item.overdue !== undefined) return item.overdue;
  return item.due !== null && item.due < today;
}

/**
 * Overdue first (the longest overdue on top), then by due date; items without a due date
 * come last. Ties go by the time of day (meetings), then by subject, so the order is stable.
 */
export function orderDayItems(items: readonly DayItem[], today: IsoDate): DayItem[] {
  return [...items].sort((a, b) => {
    const overdueA = isOverdue(a, today);
    const overdueB = isOverdue(b, today);
    if (overdueA !== overdueB) return overdueA ? -1 : 1;
    if (a.due !== b.due) {
      if (a.due === null) return 1;
      if (b.due === null) return -1;
      return a.due < b.due ? -1 : 1;
    }
    const atA = a.at ?? "";
    const atB = b.at ?? "";
    if (atA !== atB) {
      if (!atA) return 1;
      if (!atB) return -1;
      return atA < atB ? -1 : 1;
    }
    return a.subject.localeCompare(b.subject, "fi");
  });
}

const clientHref = (item: WorkItem, anchor?: string) => `/asiakkaat/${item.client_id}${anchor ? `#${anchor}` : ""}`;
const nameOf = (item: WorkItem) => `${item.last_name} ${item.first_name}`;

export function worklistItems(worklist: Worklist): DayItem[] {
  const enrolmentAnchor = (item: WorkItem) => (item.enrolment_id ? `enrolment-${item.enrolment_id}` : undefined);
  return [
    ...worklist.contacts_due.map((item) => ({
      key: `contact-${item.enrolment_id ?? item.client_id}`,
      kind: "contact" as const,
      subject: nameOf(item),
      href: clientHref(item, enrolmentAnchor(item)),
      due: item.due ?? null,
      overdueWorkingDays: item.working_days_overdue ?? null,
    })),
    ...worklist.meetings_today.map((item) => ({
      key: `meeting-${item.enrolment_id ?? item.client_id}-${item.at ?? ""}`,
      kind: "meeting" as const,
      subject: nameOf(item),
      href: clientHref(item, enrolmentAnchor(item)),
      due: item.at ? helsinkiDateOf(item.at) : worklist.today,
      at: item.at ?? null,
      detail: item.detail ?? null,
    })),
    ...worklist.plans_not_reviewed.map((item) => ({
      key: `plan-${item.client_id}`,
      kind: "plan" as const,
      subject: nameOf(item),
      href: clientHref(item, "plan"),
      due: null,
    })),
    ...worklist.no_meeting_in_14_days.map((item) => ({
      key: `quiet-${item.enrolment_id ?? item.client_id}`,
      kind: "quiet" as const,
      subject: nameOf(item),
      href: clientHref(item, enrolmentAnchor(item)),
      due: null,
    })),
    ...worklist.registrations_to_triage.map((item) => ({
      key: `triage-${item.client_id}`,
      kind: "triage" as const,
      subject: nameOf(item),
      href: clientHref(item),
      due: null,
      detail: item.detail ?? null,
    })),
    ...worklist.exit_form_missing.map((item) => ({
      key: `exit-${item.enrolment_id ?? item.client_id}`,
      kind: "exit_form" as const,
      subject: nameOf(item),
      href: clientHref(item, enrolmentAnchor(item)),
      due: null,
      detail: item.detail ?? null,
    })),
    ...worklist.outcome_suggestions.map((item) => ({
      key: `suggestion-${item.enrolment_id ?? item.client_id}-${item.at ?? ""}`,
      kind: "suggestion" as const,
      subject: nameOf(item),
      href: clientHref(item, enrolmentAnchor(item)),
      due: null,
      detail: item.detail ?? null,
    })),
  ];
}

export function referralItems(referrals: readonly Referral[]): DayItem[] {
  return referrals
    .filter((referral) => referral.status === "sent")
    .map((referral) => ({
      key: `referral-${referral.id}`,
      kind: "referral" as const,
      subject: referral.from_user,
      href: `/lahetteet/${referral.id}`,
      due: referral.response_due,
      overdue: referral.overdue,
      detail: referral.kind,
    }));
}

export function leadItems(leads: readonly Lead[]): DayItem[] {
  const items: DayItem[] = [];
  for (const lead of leads) {
    const next = leadNextStep(lead);
    if (!next) continue;
    items.push({
      key: `lead-${lead.id}`,
      kind: next.step === "contact" ? "lead_contact" : "lead_follow_up",
      subject: lead.need.length > 80 ? `${lead.need.slice(0, 77)}…` : lead.need,
      href: `/tyonantajat/liidit/${lead.id}`,
      due: next.due,
      overdue: next.overdue,
    });
  }
  return items;
}
