// The pathway's forms: starting an enrolment, contacts, meetings (book, move, hold, no-show,
// cancel), the service need assessment and the end with the ESF exit data. Each checks what
// it can before sending; the service's refusals come back by their codes, in words.
import { useRef, type ReactNode } from "react";
import { useMe } from "../auth/session";
import { helsinkiLocalNow, helsinkiLocalToIso, helsinkiToday } from "../common/calendar";
import { useConfirm } from "../common/Dialog";
import {
  CheckedForm,
  ChoiceGroup,
  optionalText,
  SelectField,
  text,
  TextAreaField,
  TextField,
  UNCHANGED,
  useForm,
  type FieldErrors,
  type FormController,
} from "../common/form";
import { useLanguage, useMessages } from "../common/i18n";
import { useQueryClient } from "@tanstack/react-query";
import { keys, useApiQuery, useHttp, useInvalidate } from "../common/query";
import type { ServiceClients } from "../common/api";
import { StaffPicker, useStaffNameOf, type StaffMember } from "../common/staff";
import {
  clientsApi,
  CONTACT_CHANNELS,
  EXIT_STATUSES,
  MEETING_KINDS,
  SERVICE_NEED_PATHS,
  type Catalogue,
  type ContactChannel,
  type EnrolmentEnd,
  type EnrolmentOverview,
  type Meeting,
  type MeetingKind,
  type Overview,
  type ServiceLine,
  type ServiceNeedPath,
  type ServicePeriodKind,
} from "./api";
import { responsibleOf } from "./clientView";
import { clientCodes, clientsMessages } from "./messages";
import { servicePeriodKinds } from "./sections/servicePeriodMessages";
import { pathDescriptions, workMessages } from "./workMessages";
import { formatDate } from "../common/format";

type W = (typeof workMessages)["fi"];

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HTTPS_URL = /^https:\/\/[^\s/]+\.[^\s]+$/;

/** The line a coordinator's role serves. */
export function lineOfRoles(roles: readonly string[]): ServiceLine | null {
  if (roles.includes("work_ability_coordinator")) return "work_ability";
  if (roles.includes("business_coordinator")) return "business";
  return null;
}

/** After a change to a client: their page, the lists that show them and My day. */
export function useClientChanged(clientId: string) {
  const invalidate = useInvalidate();
  return () => invalidate(keys.client(clientId), keys.clients, keys.worklist);
}

/**
 * A form's submit that sends one change of a client, refreshes what shows them and answers
 * the form's success message (`after` runs last, e.g. to close the form).
 */
export function useClientSave(clientId: string) {
  const http = useHttp();
  const changed = useClientChanged(clientId);
  return (send: (data: FormData, http: ServiceClients) => Promise<unknown>, saved: string, after?: () => void) =>
    async (data: FormData) => {
      await send(data, http);
      await changed();
      after?.();
      return saved;
    };
}

export function useCatalogue() {
  return useApiQuery(keys.catalogue, (http) => clientsApi.catalogue(http), { staleTime: Infinity });
}

// ---- enrol --------------------------------------------------------------------------------

const ENROL_FIELDS = ["coordinator", "registered_on"] as const;
type EnrolField = (typeof ENROL_FIELDS)[number];

export function validateEnrol(data: FormData, w: W): FieldErrors<EnrolField> {
  const errors: FieldErrors<EnrolField> = {};
  if (!text(data, "coordinator")) errors.coordinator = w.coordinatorRequired;
  if (!ISO_DATE.test(text(data, "registered_on"))) errors.registered_on = w.dateRequired;
  return errors;
}

/**
 * Starts an enrolment naming a coordinator, picked by name; the service line follows the
 * coordinator's role. A coach who sends it is the referrer (no accept step).
 */
export function EnrolForm({ clientId, onDone }: { clientId: string; onDone?: () => void }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const me = useMe();
  const save = useClientSave(clientId);
  const form = useForm<EnrolField>({ fields: ENROL_FIELDS });
  const picked = useRef(new Map<string, StaffMember>());
  const submit = save(
    (data, http) => {
      const coordinator = text(data, "coordinator");
      const line = lineOfRoles(picked.current.get(coordinator)?.roles ?? []) ?? lineOfRoles(me.roles) ?? "work_ability";
      return clientsApi.enrol(http, clientId, {
        service_line: line,
        coordinator,
        registered_on: text(data, "registered_on"),
        ...(me.roles.includes("coach") ? { referred_by: me.username } : {}),
      });
    },
    t.enrolled,
    onDone,
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateEnrol(data, w)} submitLabel={t.enrol}>
      <StaffPicker
        form={form}
        name="coordinator"
        label={w.coordinatorByName}
        hint={w.coordinatorByNameHint}
        roles={["work_ability_coordinator", "business_coordinator"]}
        required
        defaultValue={lineOfRoles(me.roles) ? me.username : undefined}
        onChange={(member) => member && picked.current.set(member.username, member)}
      />
      <TextField form={form} name="registered_on" label={t.registeredOn} type="date" required defaultValue={helsinkiToday()} />
    </CheckedForm>
  );
}

// ---- contact ------------------------------------------------------------------------------

const CONTACT_FIELDS = ["channel", "reached", "at", "comment"] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

export function validateContact(data: FormData, t: (typeof clientsMessages)["fi"], w: W): FieldErrors<ContactField> {
  const errors: FieldErrors<ContactField> = {};
  if (!text(data, "channel")) errors.channel = t.channelRequired;
  if (!text(data, "reached")) errors.reached = t.reachedRequired;
  if (!LOCAL_DATE_TIME.test(text(data, "at"))) errors.at = t.whenRequired;
  else if (new Date(helsinkiLocalToIso(text(data, "at"))).getTime() > Date.now() + 60_000) errors.at = w.notInFuture;
  if (text(data, "comment").length > 500) errors.comment = w.tooLong(500);
  return errors;
}

/** A contact attempt: reached or not, with an optional comment. */
export function ContactForm({ clientId, enrolmentId }: { clientId: string; enrolmentId: string }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes);
  const save = useClientSave(clientId);
  const form = useForm<ContactField>({ fields: CONTACT_FIELDS });
  const submit = save(
    (data, http) =>
      clientsApi.logContact(http, clientId, enrolmentId, {
        channel: text(data, "channel") as ContactChannel,
        reached: text(data, "reached") === "yes",
        at: helsinkiLocalToIso(text(data, "at")),
        comment: optionalText(data, "comment"),
      }),
    t.contactLogged,
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateContact(data, t, w)} submitLabel={t.logContact}>
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
          { value: "yes", label: w.reachedYes },
          { value: "no", label: w.reachedNo },
        ]}
      />
      <TextField form={form} name="at" label={t.when} hint={t.whenHint} type="datetime-local" required defaultValue={helsinkiLocalNow()} />
      <TextAreaField form={form} name="comment" label={w.comment} hint={w.commentHint} rows={2} maxLength={500} />
    </CheckedForm>
  );
}

// ---- meetings -----------------------------------------------------------------------------

const MEETING_FIELDS = ["kind", "at", "ends_at", "place", "remote_link", "participants", "service_period_id", "text_reminder_confirmed"] as const;
type MeetingField = (typeof MEETING_FIELDS)[number];

export function validateMeetingTimes<F extends string>(
  data: FormData,
  w: W,
  t: (typeof clientsMessages)["fi"],
): Partial<Record<"at" | "ends_at" | "remote_link", string>> & FieldErrors<F> {
  const errors: Partial<Record<"at" | "ends_at" | "remote_link", string>> = {};
  if (!LOCAL_DATE_TIME.test(text(data, "at"))) errors.at = t.whenRequired;
  const ends = text(data, "ends_at");
  if (ends && !LOCAL_DATE_TIME.test(ends)) errors.ends_at = t.whenRequired;
  else if (ends && !errors.at && ends <= text(data, "at")) errors.ends_at = w.endsBeforeStart;
  const link = text(data, "remote_link");
  if (link && !HTTPS_URL.test(link)) errors.remote_link = w.linkInvalid;
  return errors as never;
}

export function validateMeeting(data: FormData, w: W, t: (typeof clientsMessages)["fi"]): FieldErrors<MeetingField> {
  const errors: FieldErrors<MeetingField> = { ...validateMeetingTimes<MeetingField>(data, w, t) };
  if (!text(data, "kind")) errors.kind = t.meetingKindRequired;
  return errors;
}

/** A booking's time, place and link as the form holds them, on the Helsinki clock. */
function meetingTimes(data: FormData) {
  const ends = text(data, "ends_at");
  return {
    at: helsinkiLocalToIso(text(data, "at")),
    ends_at: ends ? helsinkiLocalToIso(ends) : null,
    place: optionalText(data, "place"),
    remote_link: optionalText(data, "remote_link"),
  };
}

/** An hour after a local date-time, as the default end of a meeting. */
export function anHourLater(local: string): string {
  // Wall-clock arithmetic on the naive "YYYY-MM-DDTHH:MM" value, so 23:30 rolls over to
  // 00:30 of the next day (a default end equal to the start would be refused).
  const [date = "", time = "00:00"] = local.split("T");
  const [year = 1970, month = 1, day = 1] = date.split("-").map(Number);
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const later = new Date(Date.UTC(year, month - 1, day, hour + 1, minute));
  if (Number.isNaN(later.getTime())) return local;
  return later.toISOString().slice(0, 16);
}

/**
 * Whether the booking asks the coordinator to confirm a text reminder: the client is under
 * non-disclosure (the phone may be in other hands) and has consented to text reminders.
 * Read from the client page's cached overview, so the form makes no read of its own.
 */
export function asksTextReminderConfirmation(view: Overview | undefined): boolean {
  if (!view?.client.non_disclosure) return false;
  return (view.consents ?? []).some((consent) => consent.purpose === "text_reminders" && !consent.withdrawn_at);
}

function useAsksTextReminderConfirmation(clientId: string): boolean {
  return asksTextReminderConfirmation(useQueryClient().getQueryData<Overview>(keys.client(clientId)));
}

function TextReminderChoice<F extends string>({ form, name, checked }: { form: FormController<F>; name: F; checked: boolean }) {
  const w = useMessages(workMessages);
  return (
    <ChoiceGroup
      form={form}
      name={name}
      type="checkbox"
      legend={w.textReminder}
      hint={w.textReminderHint}
      defaultValue={checked ? "yes" : ""}
      options={[{ value: "yes", label: w.textReminderConfirmed }]}
    />
  );
}

/** Books a meeting: its start and end, a place or a remote link, and who takes part. */
export function MeetingForm({
  clientId,
  enrolment,
  kind,
  referralId,
  participants,
  submitLabel,
}: {
  clientId: string;
  enrolment: EnrolmentOverview;
  kind?: MeetingKind;
  referralId?: string;
  /** The people who take part; the enrolment's responsible coordinators by default. */
  participants?: readonly string[];
  submitLabel?: string;
}) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes);
  const nameOf = useStaffNameOf();
  const save = useClientSave(clientId);
  const people = participants ?? responsibleOf(enrolment);
  const form = useForm<MeetingField>({ fields: MEETING_FIELDS });
  const start = helsinkiLocalNow();
  const kinds = useMessages(servicePeriodKinds);
  // A follow-up visit during a work trial (or another period) is linked to that period.
  const periods = useApiQuery([...keys.client(clientId), "service-periods"], (http) => clientsApi.servicePeriods(http, clientId));
  const today = helsinkiToday();
  const running = (periods.data ?? []).filter((period) => !period.ends_on || period.ends_on >= today);
  const asksConfirmation = useAsksTextReminderConfirmation(clientId);
  const submit = save((data, http) => {
    const chosen = data.getAll("participants").map(String);
    return clientsApi.recordMeeting(http, clientId, enrolment.id, {
      kind: (kind ?? text(data, "kind")) as MeetingKind,
      status: "scheduled",
      ...meetingTimes(data),
      participants: chosen.length > 0 ? chosen : null,
      referral_id: referralId ?? null,
      service_period_id: text(data, "service_period_id") || null,
      ...(asksConfirmation ? { text_reminder_confirmed: data.has("text_reminder_confirmed") } : {}),
    });
  }, t.meetingSaved);
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateMeeting(data, w, t)} submitLabel={submitLabel ?? w.bookMeeting}>
      {kind ? (
        <input type="hidden" name="kind" value={kind} />
      ) : (
        <SelectField
          form={form}
          name="kind"
          label={t.meetingKind}
          required
          defaultValue={enrolment.first_meeting_on ? "follow_up" : "first"}
          options={MEETING_KINDS.map((value) => ({ value, label: codes[value] }))}
        />
      )}
      <div className="field-row">
        <TextField form={form} name="at" label={w.startsAt} hint={t.whenHint} type="datetime-local" required defaultValue={start} />
        <TextField form={form} name="ends_at" label={w.endsAt} hint={t.whenHint} type="datetime-local" defaultValue={anHourLater(start)} />
      </div>
      <div className="field-row">
        <TextField form={form} name="place" label={t.place} hint={t.placeHint} maxLength={200} />
        <TextField form={form} name="remote_link" label={w.remoteLink} hint={w.remoteLinkHint} type="url" maxLength={500} />
      </div>
      {people.length > 0 && (
        <ChoiceGroup
          form={form}
          name="participants"
          type="checkbox"
          legend={w.participants}
          hint={w.participantsHint}
          defaultValue={people}
          options={people.map((username) => ({ value: username, label: nameOf(username) }))}
        />
      )}
      {running.length > 0 && (
        <SelectField
          form={form}
          name="service_period_id"
          label={w.meetingPeriod}
          hint={w.meetingPeriodHint}
          placeholder={w.meetingNoPeriod}
          options={running.map((period) => ({ value: period.id, label: `${kinds[period.kind as ServicePeriodKind] ?? period.kind} ${formatDate(period.starts_on)}–` }))}
        />
      )}
      {asksConfirmation && <TextReminderChoice form={form} name="text_reminder_confirmed" checked={false} />}
    </CheckedForm>
  );
}

const MOVE_FIELDS = ["at", "ends_at", "place", "remote_link", "text_reminder_confirmed"] as const;
type MoveField = (typeof MOVE_FIELDS)[number];

/** An ISO instant as the value of a datetime-local input, on the Helsinki clock. */
export function localValue(iso: string | null | undefined): string {
  return iso ? helsinkiLocalNow(new Date(iso)) : "";
}

/** Moves a booked meeting: a new time, place or link. The same meeting, not a new one. */
export function MeetingMoveForm({ clientId, meeting, onDone }: { clientId: string; meeting: Meeting; onDone?: () => void }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const save = useClientSave(clientId);
  const form = useForm<MoveField>({ fields: MOVE_FIELDS, resetOnSuccess: false });
  const asksConfirmation = useAsksTextReminderConfirmation(clientId);
  const submit = save(
    (data, http) =>
      clientsApi.updateMeeting(http, clientId, meeting.enrolment_id, meeting.id, {
        ...meetingTimes(data),
        ...(asksConfirmation ? { text_reminder_confirmed: data.has("text_reminder_confirmed") } : {}),
      }),
    w.meetingMoved,
    onDone,
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateMeetingTimes<MoveField>(data, w, t)} submitLabel={w.moveMeeting}>
      <div className="field-row">
        <TextField form={form} name="at" label={w.startsAt} hint={t.whenHint} type="datetime-local" required defaultValue={localValue(meeting.at)} />
        <TextField form={form} name="ends_at" label={w.endsAt} hint={t.whenHint} type="datetime-local" defaultValue={localValue(meeting.ends_at)} />
      </div>
      <div className="field-row">
        <TextField form={form} name="place" label={t.place} defaultValue={meeting.place ?? ""} maxLength={200} />
        <TextField form={form} name="remote_link" label={w.remoteLink} hint={w.remoteLinkHint} type="url" defaultValue={meeting.remote_link ?? ""} maxLength={500} />
      </div>
      {asksConfirmation && <TextReminderChoice form={form} name="text_reminder_confirmed" checked={meeting.text_reminder_confirmed} />}
    </CheckedForm>
  );
}

/**
 * Marking a booking held or missed: a booking still in the future is marked at this moment
 * (the service refuses a held meeting in the future), and it stays the same meeting.
 */
export function outcomeChange(meeting: Meeting, status: "held" | "no_show", now: Date = new Date()) {
  return new Date(meeting.at) > now ? { status, at: now.toISOString() } : { status };
}

// ---- service need assessment --------------------------------------------------------------

const NEED_FIELDS = ["path", "reason", "assessed_on"] as const;
type NeedField = (typeof NEED_FIELDS)[number];

export function validateServiceNeed(data: FormData, w: W): FieldErrors<NeedField> {
  const errors: FieldErrors<NeedField> = {};
  if (!text(data, "path")) errors.path = w.pathRequired;
  if (!text(data, "reason")) errors.reason = w.reasonForPathRequired;
  else if (text(data, "reason").length > 5000) errors.reason = w.tooLong(5000);
  if (!ISO_DATE.test(text(data, "assessed_on"))) errors.assessed_on = w.dateRequired;
  else if (text(data, "assessed_on") > helsinkiToday()) errors.assessed_on = w.notInFuture;
  return errors;
}

/** The service need assessment: one of the four paths of DOMAIN.md, and why. */
export function ServiceNeedForm({ clientId, enrolmentId }: { clientId: string; enrolmentId: string }) {
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes);
  const save = useClientSave(clientId);
  const descriptions = useMessages(pathDescriptions);
  const form = useForm<NeedField>({ fields: NEED_FIELDS });
  const submit = save(
    (data, http) =>
      clientsApi.addServiceNeedAssessment(http, clientId, {
        path: text(data, "path") as ServiceNeedPath,
        reason: text(data, "reason"),
        assessed_on: text(data, "assessed_on"),
        enrolment_id: enrolmentId,
      }),
    w.serviceNeedSaved,
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateServiceNeed(data, w)} submitLabel={w.saveServiceNeed}>
      <ChoiceGroup
        form={form}
        name="path"
        type="radio"
        legend={w.servicePath}
        hint={w.servicePathHint}
        required
        options={SERVICE_NEED_PATHS.map((path) => ({ value: path, label: `${codes[path]} – ${descriptions[path]}` }))}
      />
      <TextAreaField form={form} name="reason" label={w.reasonForPath} hint={w.reasonForPathHint} required rows={3} />
      <TextField form={form} name="assessed_on" label={w.assessedOn} type="date" required defaultValue={helsinkiToday()} />
    </CheckedForm>
  );
}

// ---- end ----------------------------------------------------------------------------------

const END_FIELDS = ["outcome", "ended_on", "exit_status", "qualification_gained"] as const;
type EndField = (typeof END_FIELDS)[number];

export function validateEnd(data: FormData, t: (typeof clientsMessages)["fi"], w: W, catalogue: Catalogue): FieldErrors<EndField> {
  const errors: FieldErrors<EndField> = {};
  const outcome = catalogue.outcomes.find((entry) => entry.code === text(data, "outcome"));
  if (!outcome) errors.outcome = t.outcomeRequired;
  if (!ISO_DATE.test(text(data, "ended_on"))) errors.ended_on = t.endedOnRequired;
  else if (text(data, "ended_on") > helsinkiToday()) errors.ended_on = w.notInFuture;
  // The ESF exit form is part of ending when the outcome needs it.
  // The ESF exit form is whole with both answers; either missing leaves it flagged.
  if (outcome?.exit_form && !text(data, "exit_status")) errors.exit_status = w.exitStatusRequired;
  if (outcome?.exit_form && !text(data, "qualification_gained")) errors.qualification_gained = w.qualificationRequired;
  return errors;
}

/**
 * The end of an enrolment with its outcome and the ESF exit data in one form, confirmed
 * first. For an enrolment already ended with its exit form missing, the same form fills it.
 */
export function EndForm({ clientId, enrolment, catalogue }: { clientId: string; enrolment: EnrolmentOverview; catalogue: Catalogue }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes);
  const { language } = useLanguage();
  const http = useHttp();
  const changed = useClientChanged(clientId);
  const { confirm, element } = useConfirm();
  const completing = enrolment.state === "ended";
  const form = useForm<EndField>({ fields: END_FIELDS });
  async function submit(data: FormData) {
    if (
      !completing &&
      !(await confirm({ title: w.endConfirmTitle, text: w.endConfirmText, confirmLabel: t.endEnrolment }))
    )
      return UNCHANGED;
    const gained = text(data, "qualification_gained");
    const body: EnrolmentEnd = {
      outcome: text(data, "outcome"),
      ended_on: text(data, "ended_on"),
      exit_status: (text(data, "exit_status") || null) as EnrolmentEnd["exit_status"],
      qualification_gained: gained === "yes" ? true : gained === "no" ? false : null,
    };
    await clientsApi.end(http, clientId, enrolment.id, body);
    await changed();
    return completing ? w.exitFormSaved : t.enrolmentEnded;
  }
  return (
    <CheckedForm
      form={form}
      run={submit}
      validate={(data) => validateEnd(data, t, w, catalogue)}
      submitLabel={completing ? w.saveExitForm : t.endEnrolment}
    >
      {element}
      <SelectField
        form={form}
        name="outcome"
        label={t.outcome}
        required
        placeholder={t.chooseOne}
        // The latest suggestion (a hire through a job referral) is offered first.
        defaultValue={enrolment.outcome ?? enrolment.outcome_suggestions?.at(-1)?.outcome ?? ""}
        options={catalogue.outcomes.map((outcome) => ({
          value: outcome.code,
          label: `${language === "fi" ? outcome.label_fi : outcome.label_en}${outcome.exit_form ? ` (${t.exitFormOutcome})` : ""}`,
        }))}
      />
      <TextField
        form={form}
        name="ended_on"
        label={t.endedOn}
        type="date"
        required
        defaultValue={enrolment.ended_on ?? helsinkiToday()}
      />
      <fieldset className="field choice-group">
        <legend>{w.exitFormLegend}</legend>
        <p className="field-hint">{w.exitFormHint}</p>
        <SelectField
          form={form}
          name="exit_status"
          label={t.exitStatus}
          placeholder={t.chooseOne}
          defaultValue={enrolment.exit_status ?? ""}
          options={EXIT_STATUSES.map((status) => ({ value: status, label: status === "employed" ? codes.employed_status : codes[status] }))}
        />
        <ChoiceGroup
          form={form}
          name="qualification_gained"
          type="radio"
          legend={t.qualificationGained}
          defaultValue={enrolment.qualification_gained === true ? "yes" : enrolment.qualification_gained === false ? "no" : ""}
          options={[
            { value: "yes", label: w.yes },
            { value: "no", label: w.no },
          ]}
        />
      </fieldset>
    </CheckedForm>
  );
}

export function FormNote({ children }: { children: ReactNode }) {
  return <p className="field-hint">{children}</p>;
}
