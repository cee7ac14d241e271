import { useHttp } from "../common/query";
// The forms of the client page. Each checks what it can before sending, then shows the
// service's answer: field errors by the fields, anything else in the summary.
import { helsinkiLocalNow, helsinkiLocalToIso, helsinkiToday } from "../common/calendar";
import {
  ChoiceGroup,
  FormMessages,
  optionalText,
  SelectField,
  SubmitButton,
  text,
  TextAreaField,
  TextField,
  useForm,
  type FieldErrors,
} from "../common/form";
import { useLanguage, useMessages } from "../common/i18n";
import {
  clientsApi,
  CONTACT_CHANNELS,
  DOMAINS,
  MEETING_KINDS,
  MEETING_STATUSES,
  SERVICE_LINES,
  type Catalogue,
  type ContactChannel,
  type DomainScores,
  type Enrolment,
  type EnrolmentEnd,
  type MeetingKind,
  type MeetingStatus,
  type Plan,
  type PlanWrite,
  type ServiceLine,
} from "./api";
import { clientCodes, clientsMessages } from "./messages";
import { isScore } from "./validation";

type Messages = (typeof clientsMessages)["fi"];
type Codes = (typeof clientCodes)["fi"];

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- enrol --------------------------------------------------------------------------------

const ENROL_FIELDS = ["service_line", "coordinator", "registered_on"] as const;
type EnrolField = (typeof ENROL_FIELDS)[number];

export function validateEnrol(data: FormData, t: Messages): FieldErrors<EnrolField> {
  const errors: FieldErrors<EnrolField> = {};
  if (!text(data, "service_line")) errors.service_line = t.serviceLineRequired;
  if (!text(data, "coordinator")) errors.coordinator = t.coordinatorRequired;
  return errors;
}

export function EnrolForm({
  clientId,
  defaultCoordinator,
  defaultLine,
  onDone,
}: {
  clientId: string;
  defaultCoordinator: string;
  defaultLine: ServiceLine | "";
  onDone: () => void;
}) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const http = useHttp();
  const form = useForm<EnrolField>({ fields: ENROL_FIELDS });
  async function submit(data: FormData) {
    await clientsApi.enrol(http, clientId, {
      service_line: text(data, "service_line") as ServiceLine,
      coordinator: text(data, "coordinator"),
      registered_on: optionalText(data, "registered_on"),
    });
    onDone();
    return t.enrolled;
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateEnrol(data, t))}>
      <FormMessages form={form} />
      <ChoiceGroup
        form={form}
        name="service_line"
        type="radio"
        legend={t.serviceLine}
        required
        defaultValue={defaultLine}
        options={SERVICE_LINES.map((line) => ({ value: line, label: codes[line] }))}
      />
      <TextField
        form={form}
        name="coordinator"
        label={t.coordinator}
        hint={t.coordinatorHint}
        required
        defaultValue={defaultCoordinator}
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField form={form} name="registered_on" label={t.registeredOn} type="date" defaultValue={helsinkiToday()} />
      <SubmitButton submitting={form.submitting}>{t.enrol}</SubmitButton>
    </form>
  );
}

// ---- contact ------------------------------------------------------------------------------

const CONTACT_FIELDS = ["channel", "reached", "at"] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

export function validateContact(data: FormData, t: Messages): FieldErrors<ContactField> {
  const errors: FieldErrors<ContactField> = {};
  if (!text(data, "channel")) errors.channel = t.channelRequired;
  if (!text(data, "reached")) errors.reached = t.reachedRequired;
  if (!LOCAL_DATE_TIME.test(text(data, "at"))) errors.at = t.whenRequired;
  return errors;
}

export function ContactForm({ clientId, enrolmentId, onDone }: { clientId: string; enrolmentId: string; onDone: () => void }) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const common = useMessages(commonYesNo);
  const http = useHttp();
  const form = useForm<ContactField>({ fields: CONTACT_FIELDS });
  async function submit(data: FormData) {
    await clientsApi.logContact(http, clientId, enrolmentId, {
      channel: text(data, "channel") as ContactChannel,
      reached: text(data, "reached") === "yes",
      at: helsinkiLocalToIso(text(data, "at")),
    });
    onDone();
    return t.contactLogged;
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateContact(data, t))}>
      <FormMessages form={form} />
      <SelectField
        form={form}
        name="channel"
        label={t.channel}
        required
        placeholder={t.chooseOne}
        options={CONTACT_CHANNELS.map((channel) => ({ value: channel, label: codes[channel] }))}
      />
      <ChoiceGroup
        form={form}
        name="reached"
        type="radio"
        legend={t.reached}
        required
        options={[
          { value: "yes", label: common.yes },
          { value: "no", label: common.no },
        ]}
      />
      <TextField form={form} name="at" label={t.when} hint={t.whenHint} type="datetime-local" required defaultValue={helsinkiLocalNow()} />
      <SubmitButton submitting={form.submitting}>{t.logContact}</SubmitButton>
    </form>
  );
}

// Yes and no, kept here so that the forms do not depend on the common dictionary's growth.
const commonYesNo = { fi: { yes: "Kyllä", no: "Ei" }, en: { yes: "Yes", no: "No" } };

// ---- meeting ------------------------------------------------------------------------------

const MEETING_FIELDS = ["kind", "status", "at", "place"] as const;
type MeetingField = (typeof MEETING_FIELDS)[number];

export function validateMeeting(data: FormData, t: Messages): FieldErrors<MeetingField> {
  const errors: FieldErrors<MeetingField> = {};
  if (!text(data, "kind")) errors.kind = t.meetingKindRequired;
  if (!text(data, "status")) errors.status = t.meetingStatusRequired;
  if (!LOCAL_DATE_TIME.test(text(data, "at"))) errors.at = t.whenRequired;
  return errors;
}

export function MeetingForm({
  clientId,
  enrolment,
  onDone,
}: {
  clientId: string;
  enrolment: Enrolment;
  onDone: () => void;
}) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const http = useHttp();
  const form = useForm<MeetingField>({ fields: MEETING_FIELDS });
  async function submit(data: FormData) {
    await clientsApi.recordMeeting(http, clientId, enrolment.id, {
      kind: text(data, "kind") as MeetingKind,
      status: text(data, "status") as MeetingStatus,
      at: helsinkiLocalToIso(text(data, "at")),
      place: optionalText(data, "place"),
    });
    onDone();
    return t.meetingSaved;
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateMeeting(data, t))}>
      <FormMessages form={form} />
      <SelectField
        form={form}
        name="kind"
        label={t.meetingKind}
        required
        defaultValue={enrolment.first_meeting_on ? "follow_up" : "first"}
        options={MEETING_KINDS.map((kind) => ({ value: kind, label: codes[kind] }))}
      />
      <SelectField
        form={form}
        name="status"
        label={t.meetingStatus}
        required
        defaultValue="scheduled"
        options={MEETING_STATUSES.map((status) => ({ value: status, label: codes[status] }))}
      />
      <TextField form={form} name="at" label={t.when} hint={t.whenHint} type="datetime-local" required defaultValue={helsinkiLocalNow()} />
      <TextField form={form} name="place" label={t.place} hint={t.placeHint} />
      <SubmitButton submitting={form.submitting}>{t.saveMeeting}</SubmitButton>
    </form>
  );
}

// ---- end ----------------------------------------------------------------------------------

const END_FIELDS = ["outcome", "ended_on", "exit_status", "qualification_gained"] as const;
type EndField = (typeof END_FIELDS)[number];
const EXIT_STATUSES = ["employed", "self_employed", "education_or_training", "job_seeking", "inactive"] as const;

export function validateEnd(data: FormData, t: Messages): FieldErrors<EndField> {
  const errors: FieldErrors<EndField> = {};
  if (!text(data, "outcome")) errors.outcome = t.outcomeRequired;
  if (!ISO_DATE.test(text(data, "ended_on"))) errors.ended_on = t.endedOnRequired;
  return errors;
}

function exitStatusLabel(codes: Codes, status: (typeof EXIT_STATUSES)[number]): string {
  return status === "employed" ? codes.employed_status : codes[status];
}

export function EndForm({
  clientId,
  enrolmentId,
  catalogue,
  onDone,
}: {
  clientId: string;
  enrolmentId: string;
  catalogue: Catalogue;
  onDone: () => void;
}) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const { language } = useLanguage();
  const yesNo = useMessages(commonYesNo);
  const http = useHttp();
  const form = useForm<EndField>({ fields: END_FIELDS });
  async function submit(data: FormData) {
    const exitStatus = text(data, "exit_status");
    const body: EnrolmentEnd = {
      outcome: text(data, "outcome"),
      ended_on: text(data, "ended_on"),
      exit_status: (exitStatus || null) as EnrolmentEnd["exit_status"],
      qualification_gained: data.get("qualification_gained") === "yes" ? true : null,
    };
    await clientsApi.end(http, clientId, enrolmentId, body);
    onDone();
    return t.enrolmentEnded;
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateEnd(data, t))}>
      <FormMessages form={form} />
      <SelectField
        form={form}
        name="outcome"
        label={t.outcome}
        required
        placeholder={t.chooseOne}
        options={catalogue.outcomes.map((outcome) => ({
          value: outcome.code,
          label: `${language === "fi" ? outcome.label_fi : outcome.label_en}${outcome.exit_form ? ` (${t.exitFormOutcome})` : ""}`,
        }))}
      />
      <TextField form={form} name="ended_on" label={t.endedOn} type="date" required defaultValue={helsinkiToday()} />
      <SelectField
        form={form}
        name="exit_status"
        label={t.exitStatus}
        placeholder={t.chooseOne}
        options={EXIT_STATUSES.map((status) => ({ value: status, label: exitStatusLabel(codes, status) }))}
      />
      <ChoiceGroup
        form={form}
        name="qualification_gained"
        type="checkbox"
        legend={t.qualificationGained}
        options={[{ value: "yes", label: yesNo.yes }]}
      />
      <SubmitButton submitting={form.submitting}>{t.endEnrolment}</SubmitButton>
    </form>
  );
}

// ---- note ---------------------------------------------------------------------------------

const NOTE_FIELDS = ["text", "sensitivity"] as const;
type NoteField = (typeof NOTE_FIELDS)[number];

export function validateNote(data: FormData, t: Messages): FieldErrors<NoteField> {
  return text(data, "text") ? {} : { text: t.noteRequired };
}

export function NoteForm({
  clientId,
  allowHealth,
  onDone,
}: {
  clientId: string;
  allowHealth: boolean;
  onDone: () => void;
}) {
  const t = useMessages(clientsMessages);
  const http = useHttp();
  const form = useForm<NoteField>({ fields: NOTE_FIELDS });
  async function submit(data: FormData) {
    await clientsApi.addNote(http, clientId, {
      text: text(data, "text"),
      sensitivity: allowHealth && data.get("sensitivity") === "health" ? "health" : "normal",
    });
    onDone();
    return t.noteSaved;
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateNote(data, t))}>
      <FormMessages form={form} />
      <TextAreaField form={form} name="text" label={t.noteText} required rows={5} />
      {allowHealth && (
        <ChoiceGroup
          form={form}
          name="sensitivity"
          type="radio"
          legend={t.sensitivity}
          hint={t.healthNoteHint}
          defaultValue="normal"
          options={[
            { value: "normal", label: t.sensitivityNormal },
            { value: "health", label: t.sensitivityHealth },
          ]}
        />
      )}
      <SubmitButton submitting={form.submitting}>{t.saveNote}</SubmitButton>
    </form>
  );
}

// ---- assessment ---------------------------------------------------------------------------

const ASSESSMENT_FIELDS = ["recorded_on", "instrument_version", "language", "overall", ...DOMAINS] as const;
type AssessmentField = (typeof ASSESSMENT_FIELDS)[number];

export function validateAssessment(data: FormData, t: Messages, codes: Codes): FieldErrors<AssessmentField> {
  const errors: FieldErrors<AssessmentField> = {};
  if (!ISO_DATE.test(text(data, "recorded_on"))) errors.recorded_on = t.dateRequired;
  if (!text(data, "instrument_version")) errors.instrument_version = t.instrumentRequired;
  if (!/^[a-z]{2}$/.test(text(data, "language"))) errors.language = t.languageInvalid;
  if (!isScore(text(data, "overall"))) errors.overall = t.scoreInvalid(t.overall);
  for (const domain of DOMAINS) {
    if (!isScore(text(data, domain))) errors[domain] = t.scoreInvalid(codes[domain]);
  }
  return errors;
}

export function AssessmentForm({ clientId, onDone }: { clientId: string; onDone: () => void }) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const http = useHttp();
  const form = useForm<AssessmentField>({ fields: ASSESSMENT_FIELDS });
  async function submit(data: FormData) {
    const domainScores = Object.fromEntries(DOMAINS.map((domain) => [domain, Number(text(data, domain))])) as DomainScores;
    await clientsApi.addAssessment(http, clientId, {
      recorded_on: text(data, "recorded_on"),
      instrument_version: text(data, "instrument_version"),
      language: text(data, "language"),
      overall: Number(text(data, "overall")),
      domain_scores: domainScores,
    });
    onDone();
    return t.assessmentSaved;
  }
  const score = { inputMode: "numeric" as const, hint: t.scoreHint, required: true, size: 4 };
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateAssessment(data, t, codes))}>
      <FormMessages form={form} />
      <div className="field-row">
        <TextField form={form} name="recorded_on" label={t.recordedOn} type="date" required defaultValue={helsinkiToday()} />
        <TextField form={form} name="instrument_version" label={t.instrumentVersion} hint={t.instrumentHint} required defaultValue="Kykyviisari" />
        <TextField form={form} name="language" label={t.language} hint={t.languageHint} required defaultValue="fi" />
      </div>
      <TextField form={form} name="overall" label={t.overall} {...score} />
      <div className="field-row">
        {DOMAINS.map((domain) => (
          <TextField key={domain} form={form} name={domain} label={codes[domain]} {...score} />
        ))}
      </div>
      <SubmitButton submitting={form.submitting}>{t.saveAssessment}</SubmitButton>
    </form>
  );
}

// ---- plan ---------------------------------------------------------------------------------

const PLAN_FIELDS = ["goals", "actions", "reviewed"] as const;
type PlanField = (typeof PLAN_FIELDS)[number];

/** "text; owner; d.m.yyyy" per line → plan actions, or the 1-based number of a bad line. */
export function parseActions(value: string, done: ReadonlySet<string> = new Set()): PlanWrite["actions"] | number {
  const actions: NonNullable<PlanWrite["actions"]> = [];
  const lines = value.split("\n");
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const [actionText = "", owner = "", due = ""] = line.split(";").map((part) => part.trim());
    let dueOn: string | null = null;
    if (due) {
      const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(due);
      if (!match) return index + 1;
      dueOn = `${match[3]}-${match[2]!.padStart(2, "0")}-${match[1]!.padStart(2, "0")}`;
    }
    if (!actionText || !owner) return index + 1;
    actions.push({ text: actionText, owner, due_on: dueOn, done: done.has(actionText) });
  }
  return actions;
}

export function actionsAsText(plan: Plan | null): string {
  return (plan?.actions ?? [])
    .map((action) => {
      const due = action.due_on ? action.due_on.split("-").reverse().map(Number).join(".") : "";
      return [action.text, action.owner, due].filter((part, index) => index < 2 || part).join("; ");
    })
    .join("\n");
}

export function validatePlan(data: FormData, t: Messages): FieldErrors<PlanField> {
  const parsed = parseActions(String(data.get("actions") ?? ""));
  return typeof parsed === "number" ? { actions: t.actionsInvalid(parsed) } : {};
}

export function PlanForm({ clientId, plan, onDone }: { clientId: string; plan: Plan | null; onDone: () => void }) {
  const t = useMessages(clientsMessages);
  const http = useHttp();
  const form = useForm<PlanField>({ fields: PLAN_FIELDS, resetOnSuccess: false });
  async function submit(data: FormData) {
    const done = new Set((plan?.actions ?? []).filter((action) => action.done).map((action) => action.text));
    const actions = parseActions(String(data.get("actions") ?? ""), done);
    await clientsApi.writePlan(http, clientId, {
      goals: String(data.get("goals") ?? "")
        .split("\n")
        .map((goal) => goal.trim())
        .filter(Boolean),
      actions: typeof actions === "number" ? [] : actions,
      reviewed_on: data.get("reviewed") === "yes" ? helsinkiToday() : (plan?.reviewed_on ?? null),
    });
    onDone();
    return t.planSaved;
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validatePlan(data, t))}>
      <FormMessages form={form} />
      <TextAreaField form={form} name="goals" label={t.goals} hint={t.goalsHint} defaultValue={(plan?.goals ?? []).join("\n")} />
      <TextAreaField form={form} name="actions" label={t.actions} hint={t.actionsHint} defaultValue={actionsAsText(plan)} />
      <ChoiceGroup
        form={form}
        name="reviewed"
        type="checkbox"
        legend={t.reviewedOn}
        options={[{ value: "yes", label: t.markReviewed }]}
      />
      <SubmitButton submitting={form.submitting}>{t.savePlan}</SubmitButton>
    </form>
  );
}
