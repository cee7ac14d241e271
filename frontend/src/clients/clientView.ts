// What the client page knows after its one read (GET …/overview), and small questions about it.
import type { EnrolmentOverview, Overview } from "./api";

export type Capability =
  | "profile"
  | "identity_code"
  | "contact"
  | "protected_contact"
  | "enrolments"
  | "pathway"
  | "consents"
  | "notes"
  | "health_notes"
  | "work_ability"
  | "work_ability_summary"
  | "write"
  | "non_disclosure"
  | "enrol"
  | "grace_write"
  | "access_log"
  | "export";

/** The service decides what the reader may do; the page only offers that. */
export function can(view: Overview, capability: Capability): boolean {
  return view.capabilities.includes(capability);
}

const CLOSED = ["ended", "cancelled", "not_reached"];

export function isOpen(enrolment: { state: string }): boolean {
  return !CLOSED.includes(enrolment.state);
}

/** The open enrolment, else the latest one. */
export function currentEnrolment(view: Overview): EnrolmentOverview | undefined {
  const open = view.enrolments.filter(isOpen);
  const pool = open.length > 0 ? open : view.enrolments;
  return [...pool].sort((a, b) => (a.registered_on < b.registered_on ? 1 : -1))[0];
}

/** The responsible coordinators of an enrolment (not those consulted), by username. */
export function responsibleOf(enrolment: EnrolmentOverview): string[] {
  return enrolment.coordinators.filter((coordinator) => coordinator.reason !== "consultation").map((coordinator) => coordinator.username);
}
