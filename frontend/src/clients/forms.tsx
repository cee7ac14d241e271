// The record forms of the client page: notes (and correcting one's own), work-ability
// self-assessments, labour-market status episodes and client feedback. Each checks what it
// can before sending, then shows the service's answer: field errors by the fields (in the
// app's words, by code), anything else in the summary.
import {
  CheckedForm,
  ChoiceGroup,
  optionalText,
  SelectField,
  text,
  TextAreaField,
  TextField,
  useForm,
  type FieldErrors,
} from "../common/form";
import { helsinkiToday } from "../common/calendar";
import { useMessages } from "../common/i18n";
import { clientsApi, DOMAINS, STATUS_EPISODE_STATUSES, type DomainScores, type Note, type StatusEpisodeStatus } from "./api";
import { clientCodes, clientsMessages } from "./messages";
import { useClientSave } from "./pathwayForms";
import { isScore } from "./validation";
import { workMessages } from "./workMessages";

type Messages = (typeof clientsMessages)["fi"];
type Codes = (typeof clientCodes)["fi"];
type W = (typeof workMessages)["fi"];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- note ---------------------------------------------------------------------------------

const NOTE_FIELDS = ["text", "sensitivity"] as const;
type NoteField = (typeof NOTE_FIELDS)[number];

export function validateNote(data: FormData, t: Messages, w: W): FieldErrors<NoteField> {
  if (!text(data, "text")) return { text: t.noteRequired };
  return text(data, "text").length > 20000 ? { text: w.tooLong(20000) } : {};
}

export function NoteForm({ clientId, allowHealth }: { clientId: string; allowHealth: boolean }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const save = useClientSave(clientId);
  const form = useForm<NoteField>({ fields: NOTE_FIELDS });
  const submit = save(
    (data, http) =>
      clientsApi.addNote(http, clientId, {
        text: text(data, "text"),
        sensitivity: allowHealth && data.get("sensitivity") === "health" ? "health" : "normal",
      }),
    t.noteSaved,
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateNote(data, t, w)} submitLabel={t.saveNote}>
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
    </CheckedForm>
  );
}

// ---- assessment ---------------------------------------------------------------------------

const ASSESSMENT_FIELDS = ["recorded_on", "instrument_version", "language", "overall", ...DOMAINS] as const;
type AssessmentField = (typeof ASSESSMENT_FIELDS)[number];

export function validateAssessment(data: FormData, t: Messages, codes: Codes, w: W): FieldErrors<AssessmentField> {
  const errors: FieldErrors<AssessmentField> = {};
  if (!ISO_DATE.test(text(data, "recorded_on"))) errors.recorded_on = t.dateRequired;
  else if (text(data, "recorded_on") > helsinkiToday()) errors.recorded_on = w.notInFuture;
  if (!text(data, "instrument_version")) errors.instrument_version = t.instrumentRequired;
  if (!/^[a-z]{2}$/.test(text(data, "language"))) errors.language = t.languageInvalid;
  if (!isScore(text(data, "overall"))) errors.overall = t.scoreInvalid(t.overall);
  for (const domain of DOMAINS) {
    if (!isScore(text(data, domain))) errors[domain] = t.scoreInvalid(codes[domain]);
  }
  return errors;
}

export function AssessmentForm({ clientId }: { clientId: string }) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const w = useMessages(workMessages);
  const save = useClientSave(clientId);
  const form = useForm<AssessmentField>({ fields: ASSESSMENT_FIELDS });
  const submit = save((data, http) => {
    const domainScores = Object.fromEntries(DOMAINS.map((domain) => [domain, Number(text(data, domain))])) as DomainScores;
    return clientsApi.addAssessment(http, clientId, {
      recorded_on: text(data, "recorded_on"),
      instrument_version: text(data, "instrument_version"),
      language: text(data, "language"),
      overall: Number(text(data, "overall")),
      domain_scores: domainScores,
    });
  }, t.assessmentSaved);
  const score = { inputMode: "numeric" as const, hint: t.scoreHint, required: true, size: 4 };
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateAssessment(data, t, codes, w)} submitLabel={t.saveAssessment}>
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
    </CheckedForm>
  );
}


// ---- correcting one's own note ------------------------------------------------------------

/** The author corrects a note; the service keeps the original in the history. */
export function NoteCorrectionForm({ clientId, note, onDone }: { clientId: string; note: Note; onDone: () => void }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const save = useClientSave(clientId);
  const form = useForm<"text">({ fields: ["text"], resetOnSuccess: false });
  const submit = save((data, http) => clientsApi.correctNote(http, clientId, note.id, { text: text(data, "text") }), w.noteCorrected, onDone);
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateNote(data, t, w)} submitLabel={w.saveCorrection}>
      <TextAreaField form={form} name="text" label={w.correctedText} hint={w.correctionHint} required rows={5} defaultValue={note.text} />
    </CheckedForm>
  );
}

// ---- labour-market status episodes --------------------------------------------------------

const EPISODE_FIELDS = ["status", "starts_on", "ends_on", "service_type"] as const;
type EpisodeField = (typeof EPISODE_FIELDS)[number];

export function validateEpisode(data: FormData, w: W): FieldErrors<EpisodeField> {
  const errors: FieldErrors<EpisodeField> = {};
  if (!text(data, "status")) errors.status = w.episodeStatusRequired;
  if (!ISO_DATE.test(text(data, "starts_on"))) errors.starts_on = w.dateRequired;
  const ends = text(data, "ends_on");
  if (ends && !ISO_DATE.test(ends)) errors.ends_on = w.dateRequired;
  else if (ends && !errors.starts_on && ends < text(data, "starts_on")) errors.ends_on = w.endsBeforeStartDate;
  return errors;
}

export function StatusEpisodeForm({ clientId }: { clientId: string }) {
  const w = useMessages(workMessages);
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const save = useClientSave(clientId);
  const form = useForm<EpisodeField>({ fields: EPISODE_FIELDS });
  const submit = save(
    (data, http) =>
      clientsApi.addStatusEpisode(http, clientId, {
        status: text(data, "status") as StatusEpisodeStatus,
        starts_on: text(data, "starts_on"),
        ends_on: optionalText(data, "ends_on"),
        service_type: optionalText(data, "service_type"),
      }),
    w.episodeSaved,
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateEpisode(data, w)} submitLabel={w.saveEpisode}>
      <SelectField
        form={form}
        name="status"
        label={w.episodeStatus}
        required
        placeholder={t.chooseOne}
        options={STATUS_EPISODE_STATUSES.map((status) => ({ value: status, label: codes[status] }))}
      />
      <div className="field-row">
        <TextField form={form} name="starts_on" label={w.startsOn} type="date" required defaultValue={helsinkiToday()} />
        <TextField form={form} name="ends_on" label={w.endsOn} hint={w.endsOnHint} type="date" />
      </div>
      <TextField form={form} name="service_type" label={w.serviceType} hint={w.serviceTypeHint} maxLength={60} />
    </CheckedForm>
  );
}

// ---- client feedback ----------------------------------------------------------------------

const FEEDBACK_FIELDS = ["grade", "given_on", "text"] as const;
type FeedbackField = (typeof FEEDBACK_FIELDS)[number];

export function validateFeedback(data: FormData, w: W): FieldErrors<FeedbackField> {
  const errors: FieldErrors<FeedbackField> = {};
  const grade = text(data, "grade");
  if (!/^(4|5|6|7|8|9|10)$/.test(grade)) errors.grade = w.gradeInvalid;
  if (!ISO_DATE.test(text(data, "given_on"))) errors.given_on = w.dateRequired;
  else if (text(data, "given_on") > helsinkiToday()) errors.given_on = w.notInFuture;
  if (text(data, "text").length > 5000) errors.text = w.tooLong(5000);
  return errors;
}

/** The client's grade for the service on the Finnish school scale 4–10. */
export function FeedbackForm({ clientId, enrolmentId }: { clientId: string; enrolmentId: string | null }) {
  const w = useMessages(workMessages);
  const save = useClientSave(clientId);
  const form = useForm<FeedbackField>({ fields: FEEDBACK_FIELDS });
  const submit = save(
    (data, http) =>
      clientsApi.addFeedback(http, clientId, {
        grade: Number(text(data, "grade")),
        given_on: text(data, "given_on"),
        text: optionalText(data, "text"),
        enrolment_id: enrolmentId,
      }),
    w.feedbackSaved,
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateFeedback(data, w)} submitLabel={w.saveFeedback}>
      <ChoiceGroup
        form={form}
        name="grade"
        type="radio"
        legend={w.grade}
        hint={w.gradeHint}
        required
        options={["4", "5", "6", "7", "8", "9", "10"].map((grade) => ({ value: grade, label: grade }))}
      />
      <TextField form={form} name="given_on" label={w.givenOn} type="date" required defaultValue={helsinkiToday()} />
      <TextAreaField form={form} name="text" label={w.feedbackText} hint={w.feedbackTextHint} rows={3} />
    </CheckedForm>
  );
}
