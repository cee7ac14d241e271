// The clients service as the SPA uses it. Every shape comes from the generated OpenAPI types.
import type { components } from "../api/clients";
import type { ApiClient } from "../common/api";
import { jsonInit, queryString, type CursorPage } from "../common/apiTypes";

type Schemas = components["schemas"];
export type ClientSummary = Schemas["ClientSummaryRead"];
export type Client = Schemas["ClientRead"];
export type ClientCreate = Schemas["ClientCreate"];
export type Enrolment = Schemas["EnrolmentRead"];
export type EnrolmentCreate = Schemas["EnrolmentCreate"];
export type Contact = Schemas["ContactRead"];
export type ContactCreate = Schemas["ContactCreate"];
export type Meeting = Schemas["MeetingRead"];
export type MeetingCreate = Schemas["MeetingCreate"];
export type MeetingUpdate = Schemas["MeetingUpdate"];
export type EnrolmentEnd = Schemas["EnrolmentEnd"];
export type Note = Schemas["NoteRead"];
export type NoteCreate = Schemas["NoteCreate"];
export type Assessment = Schemas["WorkAbilityAssessmentRead"];
export type AssessmentCreate = Schemas["WorkAbilityAssessmentCreate"];
export type DomainScores = Schemas["DomainScores"];
export type Plan = Schemas["ServicePlanRead"];
export type PlanWrite = Schemas["ServicePlanWrite"];
export type Consent = Schemas["ConsentRead"];
export type ConsentPurpose = Schemas["ConsentCreate"]["purpose"];
export type Catalogue = Schemas["CatalogueRead"];
export type Outcome = Schemas["OutcomeRead"];
export type Worklist = Schemas["WorklistRead"];
export type WorkItem = Schemas["WorkItem"];
export type Caseload = Schemas["CaseloadRead"];
export type RegistrationCreate = Schemas["RegistrationCreate"];
export type ServiceLine = EnrolmentCreate["service_line"];
export type ContactChannel = ContactCreate["channel"];
export type MeetingKind = MeetingCreate["kind"];
export type MeetingStatus = MeetingCreate["status"];
export type Sensitivity = NonNullable<NoteCreate["sensitivity"]>;

export const CONSENT_PURPOSES: readonly ConsentPurpose[] = [
  "service",
  "esf_data",
  "share_with_health_services",
  "share_work_ability_summary",
];
export const SERVICE_LINES: readonly ServiceLine[] = ["work_ability", "business"];
export const CONTACT_CHANNELS: readonly ContactChannel[] = ["phone", "sms", "whatsapp", "email", "in_person"];
export const MEETING_KINDS: readonly MeetingKind[] = ["first", "follow_up", "tripartite"];
export const MEETING_STATUSES: readonly MeetingStatus[] = ["scheduled", "held", "no_show", "cancelled"];
export const DOMAINS: readonly (keyof DomainScores)[] = [
  "health_and_functioning",
  "competence",
  "values_and_motivation",
  "work_and_community",
  "life_situation",
];

const base = "/api/v1/clients";

export const clientsApi = {
  list: (api: ApiClient, params: { q?: string; mine?: boolean; cursor?: string | null; limit?: number }) =>
    api.request<CursorPage<ClientSummary>>(`${base}${queryString(params)}`),
  create: (api: ApiClient, body: ClientCreate) => api.request<Client>(base, jsonInit("POST", body)),
  read: (api: ApiClient, clientId: string) => api.request<Client>(`${base}/${clientId}`),
  worklist: (api: ApiClient) => api.request<Worklist>(`${base}/worklist`),
  caseload: (api: ApiClient) => api.request<Caseload>(`${base}/caseload`),
  catalogue: (api: ApiClient) => api.request<Catalogue>(`${base}/catalogue`),
  consents: (api: ApiClient, clientId: string) => api.request<Consent[]>(`${base}/${clientId}/consents`),
  grantConsent: (api: ApiClient, clientId: string, purpose: ConsentPurpose) =>
    api.request<Consent>(`${base}/${clientId}/consents`, jsonInit("POST", { purpose })),
  withdrawConsent: (api: ApiClient, clientId: string, consentId: string) =>
    api.request<Consent>(`${base}/${clientId}/consents/${consentId}`, jsonInit("DELETE")),
  enrol: (api: ApiClient, clientId: string, body: EnrolmentCreate) =>
    api.request<Enrolment>(`${base}/${clientId}/enrolments`, jsonInit("POST", body)),
  contacts: (api: ApiClient, clientId: string, enrolmentId: string) =>
    api.request<Contact[]>(`${base}/${clientId}/enrolments/${enrolmentId}/contacts`),
  logContact: (api: ApiClient, clientId: string, enrolmentId: string, body: ContactCreate) =>
    api.request<Contact>(`${base}/${clientId}/enrolments/${enrolmentId}/contacts`, jsonInit("POST", body)),
  meetings: (api: ApiClient, clientId: string, enrolmentId: string) =>
    api.request<Meeting[]>(`${base}/${clientId}/enrolments/${enrolmentId}/meetings`),
  recordMeeting: (api: ApiClient, clientId: string, enrolmentId: string, body: MeetingCreate) =>
    api.request<Meeting>(`${base}/${clientId}/enrolments/${enrolmentId}/meetings`, jsonInit("POST", body)),
  updateMeeting: (api: ApiClient, clientId: string, enrolmentId: string, meetingId: string, body: MeetingUpdate) =>
    api.request<Meeting>(
      `${base}/${clientId}/enrolments/${enrolmentId}/meetings/${meetingId}`,
      jsonInit("PATCH", body),
    ),
  end: (api: ApiClient, clientId: string, enrolmentId: string, body: EnrolmentEnd) =>
    api.request<Enrolment>(`${base}/${clientId}/enrolments/${enrolmentId}/end`, jsonInit("POST", body)),
  notes: (api: ApiClient, clientId: string) => api.request<Note[]>(`${base}/${clientId}/notes`),
  addNote: (api: ApiClient, clientId: string, body: NoteCreate) =>
    api.request<Note>(`${base}/${clientId}/notes`, jsonInit("POST", body)),
  assessments: (api: ApiClient, clientId: string) => api.request<Assessment[]>(`${base}/${clientId}/assessments`),
  addAssessment: (api: ApiClient, clientId: string, body: AssessmentCreate) =>
    api.request<Assessment>(`${base}/${clientId}/assessments`, jsonInit("POST", body)),
  /** The plan, or null when none has been written yet (404). */
  plan: async (api: ApiClient, clientId: string) => {
    try {
      return await api.request<Plan>(`${base}/${clientId}/plan`);
    } catch (error) {
      if (error instanceof Error && "status" in error && error.status === 404) return null;
      throw error;
    }
  },
  writePlan: (api: ApiClient, clientId: string, body: PlanWrite) =>
    api.request<Plan>(`${base}/${clientId}/plan`, jsonInit("PUT", body)),
  register: (api: ApiClient, body: RegistrationCreate) =>
    api.request<Schemas["RegistrationRead"]>("/api/v1/registrations", jsonInit("POST", body)),
};
