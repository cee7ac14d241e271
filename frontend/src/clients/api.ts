// The clients service as the SPA uses it. Every shape comes from the generated OpenAPI types.
import type { components, operations } from "../api/clients";
import { ApiError, dataOf, type ServiceClients } from "../common/api";

type Schemas = components["schemas"];
export type ClientSummary = Schemas["ClientListItem"];
export type ClientListState = NonNullable<ClientSummary["state"]>;
export type Client = Schemas["ClientRead"];
export type ClientCreate = Schemas["ClientCreate"];
export type ClientUpdate = Schemas["ClientUpdate"];
export type NoteCorrection = Schemas["NoteCorrection"];
export type ServiceNeedAssessment = Schemas["ServiceNeedAssessmentRead"];
export type ServiceNeedAssessmentCreate = Schemas["ServiceNeedAssessmentCreate"];
export type StatusEpisode = Schemas["StatusEpisodeRead"];
export type StatusEpisodeCreate = Schemas["StatusEpisodeCreate"];
export type Feedback = Schemas["FeedbackRead"];
export type FeedbackCreate = Schemas["FeedbackCreate"];
export type Enrolment = Schemas["EnrolmentRead"];
export type EnrolmentCreate = Schemas["EnrolmentCreate"];
export type Contact = Schemas["ContactRead"];
export type ContactCreate = Schemas["ContactCreate"];
export type MeetingCreate = Schemas["MeetingCreate"];
export type MeetingUpdate = Schemas["MeetingUpdate"];
export type EnrolmentEnd = Schemas["EnrolmentEnd"];
export type Note = Schemas["NoteRead"];
export type NoteCreate = Schemas["NoteCreate"];
export type Assessment = Schemas["WorkAbilityAssessmentRead"];
export type AssessmentCreate = Schemas["WorkAbilityAssessmentCreate"];
export type DomainScores = Schemas["DomainScores"];
export type Plan = Schemas["ServicePlanRead"];
export type PlanAction = Schemas["PlanActionRead"];
export type PlanActionWrite = Schemas["PlanAction"];
export type Overview = Schemas["ClientOverview"];
export type EnrolmentOverview = Schemas["EnrolmentOverview"];
export type HistoryEvent = Schemas["HistoryEvent"];
export type UnitWorkItem = Schemas["UnitWorkItem"];
export type HistoryKind = HistoryEvent["kind"];
export type Responsibility = Schemas["ResponsibilityRead"];
export type Meeting = Schemas["MeetingRead"];
export type WorkItemKind = Schemas["WorkItem"]["kind"];
export type WorkFix = NonNullable<Schemas["WorkItem"]["fix"]>;
export type ServiceNeedPath = ServiceNeedAssessmentCreate["path"];
export type StatusEpisodeStatus = StatusEpisodeCreate["status"];
export type TargetGroup = NonNullable<ClientCreate["target_groups"]>[number];
export type EducationLevel = NonNullable<ClientCreate["education_level"]>;
export type Gender = NonNullable<ClientCreate["gender"]>;
export type ExitStatus = NonNullable<EnrolmentEnd["exit_status"]>;
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
export type ServicePeriod = Schemas["ServicePeriodRead"];
export type ServicePeriodCreate = Schemas["ServicePeriodCreate"];
export type ServicePeriodUpdate = Schemas["ServicePeriodUpdate"];
export type ServicePeriodKind = ServicePeriodCreate["kind"];
export type EmployerServicePeriod = Schemas["EmployerServicePeriodRead"];

/** The kinds of active-service period, in the order the forms offer them. */
export const SERVICE_PERIOD_KINDS: readonly ServicePeriodKind[] = [
  "work_trial",
  "wage_subsidy",
  "apprenticeship",
  "rehabilitative_work",
  "job_coaching",
  "labour_market_training",
  "self_motivated_study",
];
export type Roadmap = Schemas["RoadmapRead"];
export type RoadmapStage = Schemas["RoadmapStageRead"];
export type RoadmapUpdate = Schemas["RoadmapUpdate"];
export type RoadmapStageUpdate = Schemas["RoadmapStageUpdate"];
export type StageStatus = RoadmapStage["status"];
export type ClientRoadmap = Schemas["ClientRoadmapRead"];
export type FunctionalInstrument = Schemas["FunctionalInstrumentRead"];
export type FunctionalAssessment = Schemas["FunctionalAssessmentRead"];
export type FunctionalAssessmentCreate = Schemas["FunctionalAssessmentCreate"];
export type FunctionalSetting = FunctionalAssessmentCreate["setting"];
export type WorkSupports = Schemas["WorkSupportsRead"];
export type WorkSupportsUpdate = Schemas["WorkSupportsUpdate"];
export type WorkAbilitySummary = Schemas["WorkAbilitySummaryRead"];
export type SupportAvoid = NonNullable<WorkSupportsUpdate["avoid"]>[number];
export type SupportAid = NonNullable<WorkSupportsUpdate["aids"]>[number];
export type SupportTravel = NonNullable<WorkSupportsUpdate["travel"]>[number];
export type SupportBreaks = NonNullable<WorkSupportsUpdate["breaks"]>;
export type SupportSupervision = NonNullable<WorkSupportsUpdate["supervision"]>;

export const CONSENT_PURPOSES: readonly ConsentPurpose[] = [
  "service",
  "esf_data",
  "share_with_health_services",
  "share_work_ability_summary",
  "share_work_ability_summary_with_employer",
  "text_reminders",
];
export const STAGE_STATUSES: readonly StageStatus[] = ["not_started", "in_progress", "done", "skipped"];
export const FUNCTIONAL_SETTINGS: readonly FunctionalSetting[] = [
  "workshop",
  "work_trial",
  "rehabilitative_work",
  "wellbeing_services",
  "interview",
  "other",
];
export const SUPPORT_AVOID: readonly SupportAvoid[] = [
  "heavy_lifting",
  "prolonged_standing",
  "prolonged_sitting",
  "repetitive_movements",
  "night_shifts",
  "time_pressure",
  "noise",
  "customer_service",
  "working_alone",
  "screen_work",
];
export const SUPPORT_BREAKS: readonly SupportBreaks[] = ["as_usual", "regular_short_breaks", "flexible_breaks"];
export const SUPPORT_SUPERVISION: readonly SupportSupervision[] = ["independent", "named_contact_person", "daily_guidance", "job_coach"];
export const SUPPORT_AIDS: readonly SupportAid[] = [
  "written_instructions",
  "adjustable_workstation",
  "hearing_loop",
  "assistive_software",
  "quiet_workspace",
  "protective_equipment",
];
export const SUPPORT_TRAVEL: readonly SupportTravel[] = ["public_transport", "own_vehicle", "kela_taxi", "escort_needed", "remote_work"];
export const SERVICE_LINES: readonly ServiceLine[] = ["work_ability", "business"];
export const CONTACT_CHANNELS: readonly ContactChannel[] = ["phone", "sms", "whatsapp", "email", "in_person"];
export const MEETING_KINDS: readonly MeetingKind[] = ["first", "follow_up", "tripartite"];
export const MEETING_STATUSES: readonly MeetingStatus[] = ["scheduled", "held", "no_show", "cancelled"];
export const SERVICE_NEED_PATHS: readonly ServiceNeedPath[] = [
  "partial_work_ability",
  "skills",
  "work_ability_challenges",
  "open_labour_market",
];
export const TARGET_GROUPS: readonly TargetGroup[] = ["under_30", "foreign_language", "partial_work_ability", "long_term_unemployed"];
export const EDUCATION_LEVELS: readonly EducationLevel[] = ["isced_0_2", "isced_3_4", "isced_5_8", "unknown"];
export const GENDERS: readonly Gender[] = ["female", "male", "other", "unknown"];
export const EXIT_STATUSES: readonly ExitStatus[] = ["employed", "self_employed", "education_or_training", "job_seeking", "inactive"];
export const STATUS_EPISODE_STATUSES: readonly StatusEpisodeStatus[] = [
  "unemployed",
  "active_service",
  "employed",
  "student",
  "sick_leave",
  "outside_labour_force",
];
/** The client list's one vocabulary of states (the state of the latest enrolment). */
export const LIST_STATES: readonly ClientListState[] = ["triage", "no_enrolment", "registered", "contacted", "active", "ended"];

export const DOMAINS: readonly (keyof DomainScores)[] = [
  "health_and_functioning",
  "competence",
  "values_and_motivation",
  "work_and_community",
  "life_situation",
];

export type ClientListQuery = NonNullable<operations["list_clients_api_v1_clients_get"]["parameters"]["query"]>;

type Path = { params: { path: { client_id: string } } };
const client = (clientId: string): Path => ({ params: { path: { client_id: clientId } } });
const enrolment = (clientId: string, enrolmentId: string) => ({
  params: { path: { client_id: clientId, enrolment_id: enrolmentId } },
});

/** The clients service over its typed client: every URL and body is checked against its OpenAPI. */
export const clientsApi = {
  list: (http: ServiceClients, query: ClientListQuery) =>
    dataOf(http.clients.GET("/api/v1/clients", { params: { query } })),
  create: (http: ServiceClients, body: ClientCreate) => dataOf(http.clients.POST("/api/v1/clients", { body })),
  read: (http: ServiceClients, clientId: string) => dataOf(http.clients.GET("/api/v1/clients/{client_id}", client(clientId))),
  /** `reason` is required when non-disclosure is set or lifted; the access log keeps it. */
  update: (http: ServiceClients, clientId: string, body: ClientUpdate, reason: string | null = null) =>
    dataOf(
      http.clients.PATCH("/api/v1/clients/{client_id}", {
        ...client(clientId),
        body,
        ...(reason ? { headers: { "X-Access-Reason": reason } } : {}),
      }),
    ),
  /** The client page in one read; `reason` (team lead, admin) goes to the access log. */
  overview: (http: ServiceClients, clientId: string, reason: string | null) =>
    dataOf(
      http.clients.GET("/api/v1/clients/{client_id}/overview", {
        ...client(clientId),
        ...(reason ? { headers: { "X-Access-Reason": reason } } : {}),
      }),
    ),
  lookup: (http: ServiceClients, identityCode: string) =>
    dataOf(http.clients.POST("/api/v1/clients/lookup", { body: { personal_identity_code: identityCode } })),
  reassign: (http: ServiceClients, body: Schemas["ReassignmentCreate"]) =>
    dataOf(http.clients.POST("/api/v1/clients/reassignments", { body })),
  worklist: (http: ServiceClients) => dataOf(http.clients.GET("/api/v1/clients/worklist")),
  caseload: (http: ServiceClients) => dataOf(http.clients.GET("/api/v1/clients/caseload")),
  /** The team lead's unit view: every overdue first contact and missing exit form, and caseloads. */
  unitWorklist: (http: ServiceClients) => dataOf(http.clients.GET("/api/v1/clients/worklist/unit")),
  catalogue: (http: ServiceClients) => dataOf(http.clients.GET("/api/v1/clients/catalogue")),
  consents: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/consents", client(clientId))),
  grantConsent: (http: ServiceClients, clientId: string, purpose: ConsentPurpose) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/consents", { ...client(clientId), body: { purpose } })),
  withdrawConsent: (http: ServiceClients, clientId: string, consentId: string) =>
    dataOf(
      http.clients.DELETE("/api/v1/clients/{client_id}/consents/{consent_id}", {
        params: { path: { client_id: clientId, consent_id: consentId } },
      }),
    ),
  enrol: (http: ServiceClients, clientId: string, body: EnrolmentCreate) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/enrolments", { ...client(clientId), body })),
  contacts: (http: ServiceClients, clientId: string, enrolmentId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/enrolments/{enrolment_id}/contacts", enrolment(clientId, enrolmentId))),
  logContact: (http: ServiceClients, clientId: string, enrolmentId: string, body: ContactCreate) =>
    dataOf(
      http.clients.POST("/api/v1/clients/{client_id}/enrolments/{enrolment_id}/contacts", {
        ...enrolment(clientId, enrolmentId),
        body,
      }),
    ),
  meetings: (http: ServiceClients, clientId: string, enrolmentId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/enrolments/{enrolment_id}/meetings", enrolment(clientId, enrolmentId))),
  recordMeeting: (http: ServiceClients, clientId: string, enrolmentId: string, body: MeetingCreate) =>
    dataOf(
      http.clients.POST("/api/v1/clients/{client_id}/enrolments/{enrolment_id}/meetings", {
        ...enrolment(clientId, enrolmentId),
        body,
      }),
    ),
  updateMeeting: (http: ServiceClients, clientId: string, enrolmentId: string, meetingId: string, body: MeetingUpdate) =>
    dataOf(
      http.clients.PATCH("/api/v1/clients/{client_id}/enrolments/{enrolment_id}/meetings/{meeting_id}", {
        params: { path: { client_id: clientId, enrolment_id: enrolmentId, meeting_id: meetingId } },
        body,
      }),
    ),
  end: (http: ServiceClients, clientId: string, enrolmentId: string, body: EnrolmentEnd) =>
    dataOf(
      http.clients.POST("/api/v1/clients/{client_id}/enrolments/{enrolment_id}/end", {
        ...enrolment(clientId, enrolmentId),
        body,
      }),
    ),
  notes: (http: ServiceClients, clientId: string) => dataOf(http.clients.GET("/api/v1/clients/{client_id}/notes", client(clientId))),
  addNote: (http: ServiceClients, clientId: string, body: NoteCreate) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/notes", { ...client(clientId), body })),
  correctNote: (http: ServiceClients, clientId: string, noteId: string, body: NoteCorrection) =>
    dataOf(
      http.clients.PATCH("/api/v1/clients/{client_id}/notes/{note_id}", {
        params: { path: { client_id: clientId, note_id: noteId } },
        body,
      }),
    ),
  assessments: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/assessments", client(clientId))),
  addAssessment: (http: ServiceClients, clientId: string, body: AssessmentCreate) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/assessments", { ...client(clientId), body })),
  serviceNeedAssessments: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/service-need-assessments", client(clientId))),
  addServiceNeedAssessment: (http: ServiceClients, clientId: string, body: ServiceNeedAssessmentCreate) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/service-need-assessments", { ...client(clientId), body })),
  statusEpisodes: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/status-episodes", client(clientId))),
  addStatusEpisode: (http: ServiceClients, clientId: string, body: StatusEpisodeCreate) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/status-episodes", { ...client(clientId), body })),
  feedback: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/feedback", client(clientId))),
  addFeedback: (http: ServiceClients, clientId: string, body: FeedbackCreate) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/feedback", { ...client(clientId), body })),
  /** The plan, or null when none has been written yet (404). */
  plan: async (http: ServiceClients, clientId: string): Promise<Plan | null> => {
    try {
      return await dataOf(http.clients.GET("/api/v1/clients/{client_id}/plan", client(clientId)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
  writePlan: (http: ServiceClients, clientId: string, body: PlanWrite) =>
    dataOf(http.clients.PUT("/api/v1/clients/{client_id}/plan", { ...client(clientId), body })),
  servicePeriods: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/service-periods", client(clientId))),
  startServicePeriod: (http: ServiceClients, clientId: string, body: ServicePeriodCreate) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/service-periods", { ...client(clientId), body })),
  updateServicePeriod: (http: ServiceClients, clientId: string, periodId: string, body: ServicePeriodUpdate) =>
    dataOf(
      http.clients.PATCH("/api/v1/clients/{client_id}/service-periods/{period_id}", {
        params: { path: { client_id: clientId, period_id: periodId } },
        body,
      }),
    ),
  endServicePeriod: (http: ServiceClients, clientId: string, periodId: string, endsOn: string) =>
    dataOf(
      http.clients.POST("/api/v1/clients/{client_id}/service-periods/{period_id}/end", {
        params: { path: { client_id: clientId, period_id: periodId } },
        body: { ends_on: endsOn },
      }),
    ),
  /** The periods placed with an employer; a client is named only to those who may open them. */
  periodsAtEmployer: (http: ServiceClients, employerId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/service-periods", { params: { query: { employer_id: employerId } } })),
  /** The work-ability roadmap; `stages` is null for readers without health access. */
  roadmap: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/roadmap", client(clientId))),
  updateRoadmap: (http: ServiceClients, clientId: string, body: RoadmapUpdate) =>
    dataOf(http.clients.PUT("/api/v1/clients/{client_id}/roadmap", { ...client(clientId), body })),
  clientRoadmap: (http: ServiceClients, clientId: string, language: "fi" | "en") =>
    dataOf(
      http.clients.GET("/api/v1/clients/{client_id}/roadmap/client-version", {
        params: { path: { client_id: clientId }, query: { language } },
      }),
    ),
  functionalInstruments: (http: ServiceClients) => dataOf(http.clients.GET("/api/v1/clients/functional-instruments")),
  functionalAssessments: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/functional-assessments", client(clientId))),
  addFunctionalAssessment: (http: ServiceClients, clientId: string, body: FunctionalAssessmentCreate) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/functional-assessments", { ...client(clientId), body })),
  workSupports: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/work-supports", client(clientId))),
  recordWorkSupports: (http: ServiceClients, clientId: string, body: WorkSupportsUpdate) =>
    dataOf(http.clients.PUT("/api/v1/clients/{client_id}/work-supports", { ...client(clientId), body })),
  approveWorkSupports: (http: ServiceClients, clientId: string, revision: number) =>
    dataOf(http.clients.POST("/api/v1/clients/{client_id}/work-supports/approve", { ...client(clientId), body: { revision } })),
  /** The approved work-ability summary (404 `work_ability_summary_not_found` when none is approved). */
  workAbilitySummary: (http: ServiceClients, clientId: string) =>
    dataOf(http.clients.GET("/api/v1/clients/{client_id}/work-ability-summary", client(clientId))),
  register: (http: ServiceClients, body: RegistrationCreate) => dataOf(http.clients.POST("/api/v1/registrations", { body })),
};
