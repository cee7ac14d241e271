// The employers service as the SPA uses it; shapes from the generated OpenAPI types.
import type { components } from "../api/employers";
import type { ApiClient } from "../common/api";
import { jsonInit, queryString, type CursorPage } from "../common/apiTypes";

type Schemas = components["schemas"];
export type Employer = Schemas["EmployerRead"];
export type EmployerContact = Schemas["ContactRead"];
export type Activity = Schemas["ActivityRead"];
export type ActivityCreate = Schemas["ActivityCreate"];
export type ActivityKind = ActivityCreate["kind"];
export type Lead = Schemas["LeadRead"];
export type LeadStatus = NonNullable<Lead["status"]>;
export type CloseReason = Schemas["LeadClose"]["reason"];
export type Opening = Schemas["OpeningRead"];
export type RecruitmentEvent = Schemas["RecruitmentEventRead"];
export type EmployerCreate = Schemas["EmployerCreate"];
export type EmployerStatus = EmployerCreate["status"];
export type SizeClass = NonNullable<EmployerCreate["size_class"]>;
export type TolSection = NonNullable<EmployerCreate["industry"]>;
export type ContactCreate = Schemas["ContactCreate"];
export type OpeningCreate = Schemas["OpeningCreate"];
export type OpeningKind = OpeningCreate["kind"];
export type RecruitmentEventCreate = Schemas["RecruitmentEventCreate"];
export type RecruitmentEventKind = RecruitmentEventCreate["kind"];
export type Industry = Schemas["IndustryRead"];

export const ACTIVITY_KINDS: readonly ActivityKind[] = [
  "contact",
  "call",
  "email",
  "visit",
  "meeting",
  "follow_up",
  "ratko_workshop",
  "info_session",
];
export const CLOSE_REASONS: readonly CloseReason[] = ["hired", "hired_elsewhere", "no_hire", "withdrawn"];
export const EMPLOYER_STATUSES: readonly EmployerStatus[] = ["prospect", "contacted", "partner", "inactive"];
export const SIZE_CLASSES: readonly SizeClass[] = ["micro", "small", "medium", "large"];
export const TOL_SECTIONS: readonly TolSection[] = [
  "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U",
];
export const OPENING_KINDS: readonly OpeningKind[] = ["regular", "hidden_job", "tailored_work", "work_trial", "apprenticeship", "summer_job"];
export const EVENT_KINDS: readonly RecruitmentEventKind[] = ["recruitment_event", "job_fair", "info_session", "seasonal_recruiting"];
export const LEAD_STATUSES = ["new", "contacted", "in_progress", "follow_up", "closed"] as const;

const base = "/api/v1/employers";

export const employersApi = {
  list: (api: ApiClient, params: { q?: string; status?: string; industry?: string; cursor?: string | null }) =>
    api.request<CursorPage<Employer>>(`${base}${queryString(params)}`),
  create: (api: ApiClient, body: EmployerCreate) => api.request<Employer>(base, jsonInit("POST", body)),
  industries: (api: ApiClient) => api.request<Schemas["IndustryList"]>(`${base}/industries`),
  read: (api: ApiClient, id: string) => api.request<Employer>(`${base}/${id}`),
  contacts: (api: ApiClient, id: string) => api.request<CursorPage<EmployerContact>>(`${base}/${id}/contacts`),
  addContact: (api: ApiClient, id: string, body: ContactCreate) =>
    api.request<EmployerContact>(`${base}/${id}/contacts`, jsonInit("POST", body)),
  activities: (api: ApiClient, id: string) => api.request<CursorPage<Activity>>(`${base}/${id}/activities`),
  recordActivity: (api: ApiClient, id: string, body: ActivityCreate) =>
    api.request<Activity>(`${base}/${id}/activities`, jsonInit("POST", body)),
  openings: (api: ApiClient, id: string) => api.request<CursorPage<Opening>>(`${base}/${id}/openings`),
  createOpening: (api: ApiClient, id: string, body: OpeningCreate) =>
    api.request<Opening>(`${base}/${id}/openings`, jsonInit("POST", body)),
  leads: (
    api: ApiClient,
    params: { status?: string; mine?: boolean; overdue?: boolean; employer_id?: string; cursor?: string | null; limit?: number },
  ) => api.request<CursorPage<Lead>>(`/api/v1/leads${queryString(params)}`),
  lead: (api: ApiClient, id: string) => api.request<Lead>(`/api/v1/leads/${id}`),
  leadActivity: (api: ApiClient, id: string, body: ActivityCreate) =>
    api.request<Lead>(`/api/v1/leads/${id}/activities`, jsonInit("POST", body)),
  closeLead: (api: ApiClient, id: string, reason: CloseReason) =>
    api.request<Lead>(`/api/v1/leads/${id}/close`, jsonInit("POST", { reason })),
  openOpenings: (api: ApiClient) =>
    api.request<CursorPage<Opening>>(`${base}/openings${queryString({ status: "open", limit: 100 })}`),
  events: (api: ApiClient, params: { cursor?: string | null }) =>
    api.request<CursorPage<RecruitmentEvent>>(`/api/v1/recruitment-events${queryString(params)}`),
  createEvent: (api: ApiClient, body: RecruitmentEventCreate) =>
    api.request<RecruitmentEvent>("/api/v1/recruitment-events", jsonInit("POST", body)),
};

/** What a lead waits for next: the first contact, the 3-week follow-up, or nothing. */
export function leadNextStep(lead: Lead): { step: "contact" | "follow_up"; due: string; overdue: boolean } | null {
  if (lead.status === "closed") return null;
  if (!lead.contacted_at) return { step: "contact", due: lead.contact_due, overdue: lead.contact_overdue };
  if (!lead.followed_up_at && lead.follow_up_due) {
    return { step: "follow_up", due: lead.follow_up_due, overdue: lead.follow_up_overdue };
  }
  return null;
}
