// The employers service as the SPA uses it; shapes from the generated OpenAPI types.
import type { components } from "../api/employers";
import { ApiError, type ApiClient } from "../common/api";
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
export type EmployerSector = NonNullable<EmployerCreate["sector"]>;
export type TolSection = NonNullable<EmployerCreate["industry"]>;
export type ContactCreate = Schemas["ContactCreate"];
export type OpeningCreate = Schemas["OpeningCreate"];
export type OpeningKind = OpeningCreate["kind"];
export type RecruitmentEventCreate = Schemas["RecruitmentEventCreate"];
export type RecruitmentEventKind = RecruitmentEventCreate["kind"];
export type Industry = Schemas["IndustryRead"];
export type LeadCreate = Schemas["LeadCreate"];
export type LeadEntrySource = LeadCreate["source"];
export type LeadUpdate = Schemas["LeadUpdate"];
export type LeadHistoryStep = Schemas["LeadHistoryRead"];
export type EmployerUpdate = Schemas["EmployerUpdate"];
export type ContactUpdate = Schemas["ContactUpdate"];
export type OpeningUpdate = Schemas["OpeningUpdate"];
export type RecruitmentEventUpdate = Schemas["RecruitmentEventUpdate"];
export type EventClient = Schemas["EventClientRead"];
export type EventHire = Schemas["EventHireRead"];

/** A hire as the hires API of an employer shows it (CONTRACTS of the `hire` work). */
export interface Hire {
  id: string;
  referral_id: string;
  opening_id: string;
  opening_title: string;
  employer_id: string;
  lead_id: string | null;
  client_id: string;
  client_name: string | null;
  hired_on: string;
  recorded_at: string;
  recorded_by: string;
}

export const LEAD_ENTRY_SOURCES: readonly LeadEntrySource[] = ["phone", "email", "walk_in", "prospecting"];

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
export const EMPLOYER_SECTORS: readonly EmployerSector[] = ["public", "private", "third_sector", "unknown"];
export const TOL_SECTIONS: readonly TolSection[] = [
  "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U",
];
export const OPENING_KINDS: readonly OpeningKind[] = ["regular", "hidden_job", "tailored_work", "work_trial", "apprenticeship", "summer_job"];
export const EVENT_KINDS: readonly RecruitmentEventKind[] = ["recruitment_event", "job_fair", "info_session", "seasonal_recruiting"];
export const LEAD_STATUSES = ["new", "contacted", "in_progress", "follow_up", "closed"] as const;

const base = "/api/v1/employers";

export const employersApi = {
  list: (api: ApiClient, params: { q?: string; status?: string; industry?: string; cursor?: string | null; limit?: number }) =>
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
    params: { status?: string; mine?: boolean; overdue?: boolean; employer_id?: string; q?: string; cursor?: string | null; limit?: number },
  ) => api.request<CursorPage<Lead>>(`/api/v1/leads${queryString(params)}`),
  enterLead: (api: ApiClient, body: LeadCreate) => api.request<Lead>("/api/v1/leads/entries", jsonInit("POST", body)),
  updateLead: (api: ApiClient, id: string, body: LeadUpdate) => api.request<Lead>(`/api/v1/leads/${id}`, jsonInit("PATCH", body)),
  leadHistory: (api: ApiClient, id: string) => api.request<CursorPage<LeadHistoryStep>>(`/api/v1/leads/${id}/history`),
  leadActivities: (api: ApiClient, id: string) => api.request<CursorPage<Activity>>(`/api/v1/leads/${id}/activities`),
  update: (api: ApiClient, id: string, body: EmployerUpdate) => api.request<Employer>(`${base}/${id}`, jsonInit("PATCH", body)),
  updateContact: (api: ApiClient, id: string, contactId: string, body: ContactUpdate) =>
    api.request<EmployerContact>(`${base}/${id}/contacts/${contactId}`, jsonInit("PATCH", body)),
  updateOpening: (api: ApiClient, id: string, openingId: string, body: OpeningUpdate) =>
    api.request<Opening>(`${base}/${id}/openings/${openingId}`, jsonInit("PATCH", body)),
  allOpenings: (api: ApiClient, params: { q?: string; status?: string; cursor?: string | null }) =>
    api.request<CursorPage<Opening>>(`${base}/openings${queryString(params)}`),
  /** The employer's hires; an empty list while the hires API is not there yet (404), and for a
   * reader it does not show them to (403), so that the rest of the employer's page still shows. */
  hires: async (api: ApiClient, id: string, params: { opening_id?: string; lead_id?: string } = {}) => {
    try {
      return await api.request<CursorPage<Hire>>(`${base}/${id}/hires${queryString(params)}`);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return { items: [], next_cursor: null } as CursorPage<Hire>;
      throw error;
    }
  },
  event: (api: ApiClient, id: string) => api.request<RecruitmentEvent>(`/api/v1/recruitment-events/${id}`),
  updateEvent: (api: ApiClient, id: string, body: RecruitmentEventUpdate) =>
    api.request<RecruitmentEvent>(`/api/v1/recruitment-events/${id}`, jsonInit("PATCH", body)),
  eventClients: (api: ApiClient, id: string) => api.request<{ items: EventClient[] }>(`/api/v1/recruitment-events/${id}/clients`),
  inviteClient: (api: ApiClient, id: string, clientId: string) =>
    api.request<EventClient>(`/api/v1/recruitment-events/${id}/clients`, jsonInit("POST", { client_id: clientId })),
  recordAttendance: (api: ApiClient, id: string, clientId: string, attended: boolean) =>
    api.request<EventClient>(`/api/v1/recruitment-events/${id}/clients/${clientId}`, jsonInit("PATCH", { attended })),
  eventHires: (api: ApiClient, id: string) => api.request<{ items: EventHire[] }>(`/api/v1/recruitment-events/${id}/hires`),
  lead: (api: ApiClient, id: string) => api.request<Lead>(`/api/v1/leads/${id}`),
  leadActivity: (api: ApiClient, id: string, body: ActivityCreate) =>
    api.request<Lead>(`/api/v1/leads/${id}/activities`, jsonInit("POST", body)),
  closeLead: (api: ApiClient, id: string, reason: CloseReason) =>
    api.request<Lead>(`/api/v1/leads/${id}/close`, jsonInit("POST", { reason })),
  openOpenings: (api: ApiClient) =>
    api.request<CursorPage<Opening>>(`${base}/openings${queryString({ status: "open", limit: 100 })}`),
  events: (api: ApiClient, params: { cursor?: string | null; limit?: number }) =>
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
