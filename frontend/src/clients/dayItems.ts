// "My day": the worklist, the referrals waiting for my answer and my leads, as one list.
import type { IsoDate } from "../common/calendar";
import { helsinkiDateOf } from "../common/calendar";
import type { Lead } from "../employers/api";
import { leadNextStep } from "../employers/api";
import type { Referral } from "../referrals/api";
import type { WorkFix, WorkItem, WorkItemKind, Worklist } from "./api";

/** My day's groups: the worklist's kinds, then the referrals and leads waiting for me. */
export type DayItemKind = WorkItemKind | "referral" | "lead_contact" | "lead_follow_up";

export const DAY_GROUPS: readonly DayItemKind[] = [
  "handoffs_overdue",
  "new_clients",
  "contacts_due",
  "meetings_today",
  "referral",
  "registrations_to_triage",
  "exit_form_missing",
  "outcome_suggestions",
  "plans_not_reviewed",
  "roadmap_next_steps",
  "no_meeting_in_14_days",
  "lead_contact",
  "lead_follow_up",
];

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
  /** How to clear the item, as the service says it (a `fix` code). */
  fix?: WorkFix | null;
  /** A roadmap's next stage, named as the city defines its stages. */
  nextStage?: { name_fi: string; name_en: string } | null;
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

// Each kind of work is done in its own section of the client's page.
const SECTION_OF: Record<WorkItemKind, string> = {
  new_clients: "polku",
  contacts_due: "polku",
  meetings_today: "polku",
  no_meeting_in_14_days: "polku",
  plans_not_reviewed: "suunnitelma",
  registrations_to_triage: "",
  exit_form_missing: "polku",
  outcome_suggestions: "polku",
  handoffs_overdue: "polku",
  roadmap_next_steps: "tyokyky",
};

function clientHref(item: WorkItem): string {
  const section = SECTION_OF[item.kind];
  const anchor = item.enrolment_id && section === "polku" ? `#enrolment-${item.enrolment_id}` : "";
  return `/asiakkaat/${item.client_id}${section ? `/${section}` : ""}${anchor}`;
}

/** Every item of the worklist's groups, each naming its client. */
export function worklistItems(worklist: Worklist): DayItem[] {
  const groups: WorkItem[][] = [
    worklist.new_clients,
    worklist.contacts_due,
    worklist.meetings_today,
    worklist.no_meeting_in_14_days,
    worklist.plans_not_reviewed,
    worklist.registrations_to_triage,
    worklist.exit_form_missing,
    worklist.outcome_suggestions,
    worklist.handoffs_overdue,
    worklist.roadmap_next_steps ?? [],
  ];
  return groups.flat().map((item) => ({
    key: `${item.kind}-${item.enrolment_id ?? item.client_id}-${item.meeting_id ?? item.at ?? ""}`,
    kind: item.kind,
    subject: item.client_name || `${item.first_name} ${item.last_name}`,
    href: clientHref(item),
    due: item.kind === "meetings_today" ? (item.at ? helsinkiDateOf(item.at) : worklist.today) : (item.due ?? null),
    overdueWorkingDays: item.working_days_overdue ?? null,
    at: item.at ?? null,
    detail: item.detail ?? null,
    fix: item.fix ?? null,
    nextStage: item.next_stage ?? null,
  }));
}

export function referralItems(referrals: readonly Referral[]): DayItem[] {
  return referrals
    .filter((referral) => referral.status === "sent")
    .map((referral) => ({
      key: `referral-${referral.id}`,
      kind: "referral" as const,
      subject: referral.client_name ?? referral.from_user,
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
      // The company is what a coordinator recognises; the need says what it wants.
      subject: lead.employer_name,
      detail: lead.need.length > 80 ? `${lead.need.slice(0, 77)}…` : lead.need,
      href: `/tyonantajat/liidit/${lead.id}`,
      due: next.due,
      overdue: next.overdue,
    });
  }
  return items;
}
