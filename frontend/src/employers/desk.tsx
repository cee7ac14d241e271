// The Rekrypiste desk's forms and sections: a lead entered from a call, an e-mail or a visit;
// the lead's history and reassignment; editing an employer, a contact person, an opening; the
// hires; and a recruitment event's employers and invited clients. The service checks every
// field again; its 422 field errors land by the fields through the common form.
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { isEmail } from "../clients/validation";
import { clientsApi } from "../clients/api";
import { useApi } from "../common/ApiContext";
import { DataTable } from "../common/DataTable";
import { DateText, DateTimeText } from "../common/DateText";
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
import { StaffName, StaffPicker } from "../common/staff";
import { useQuery } from "../common/useQuery";
import {
  EMPLOYER_STATUSES,
  employersApi,
  EVENT_KINDS,
  LEAD_ENTRY_SOURCES,
  EMPLOYER_SECTORS,
  SIZE_CLASSES,
  type Activity,
  type Employer,
  type EmployerContact,
  type EmployerStatus,
  type EventClient,
  type Hire,
  type Lead,
  type LeadEntrySource,
  type LeadHistoryStep,
  type Opening,
  type RecruitmentEvent,
  type RecruitmentEventKind,
  type EmployerSector,
  type SizeClass,
  type TolSection,
} from "./api";
import { deskMessages, historyActions } from "./deskMessages";
import { BUSINESS_ID, inOurWords, ISO_DATE, PHONE, useIndustryOptions, validateContactPerson } from "./forms";
import { employerCodes, employersMessages } from "./messages";

type Desk = (typeof deskMessages)["fi"];


function positionsOk(value: string): boolean {
  return /^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= 1000;
}

/** A TOL 2008 section as its name in the UI's language; the letter only until the names come. */
export function useIndustryLabel(): (section: string | null | undefined) => string {
  const { language } = useLanguage();
  const industries = useQuery("employer-industries", (api) => employersApi.industries(api));
  return (section) => {
    if (!section) return "–";
    const found = industries.status === "ready" ? industries.data.items.find((item) => item.section === section) : undefined;
    return found ? (language === "fi" ? found.label_fi : found.label_en) : section;
  };
}

// ---- a lead entered by hand -------------------------------------------------------------------

const LEAD_FIELDS = ["source", "business_id", "company_name", "contact_name", "contact_phone", "contact_email", "need", "positions"] as const;
type LeadField = (typeof LEAD_FIELDS)[number];

export function validateLeadEntry(data: FormData, t: Desk): FieldErrors<LeadField> {
  const errors: FieldErrors<LeadField> = {};
  const businessId = text(data, "business_id");
  const phone = text(data, "contact_phone");
  const email = text(data, "contact_email");
  const positions = text(data, "positions");
  if (!text(data, "source")) errors.source = t.sourceRequired;
  if (!businessId) errors.business_id = t.businessIdRequired;
  else if (!BUSINESS_ID.test(businessId)) errors.business_id = t.businessIdInvalid;
  if (!text(data, "company_name")) errors.company_name = t.companyNameRequired;
  if (phone && !PHONE.test(phone)) errors.contact_phone = t.phoneInvalid;
  if (email && !isEmail(email)) errors.contact_email = t.emailInvalid;
  if (!text(data, "need")) errors.need = t.needRequired;
  if (positions && !positionsOk(positions)) errors.positions = t.positionsInvalid;
  return errors;
}

/** A lead from a phone call, an e-mail, a walk-in visit or prospecting; the one entering it is
 * responsible, and the deadlines are a LADEC lead's. */
export function LeadEntryForm({ onCreated }: { onCreated: (lead: Lead) => void }) {
  const t = useMessages(deskMessages);
  const m = useMessages(employersMessages);
  const codes = useMessages(employerCodes) as Record<string, string>;
  const api = useApi();
  const form = useForm<LeadField>({ fields: LEAD_FIELDS });
  async function submit(data: FormData) {
    const contactName = optionalText(data, "contact_name");
    const positions = text(data, "positions");
    const lead = await employersApi.enterLead(api, {
      source: text(data, "source") as LeadEntrySource,
      business_id: text(data, "business_id"),
      company_name: text(data, "company_name"),
      need: text(data, "need"),
      positions: positions ? Number(positions) : null,
      contact: contactName || optionalText(data, "contact_phone") || optionalText(data, "contact_email")
        ? { name: contactName, phone: optionalText(data, "contact_phone"), email: optionalText(data, "contact_email") }
        : null,
    });
    onCreated(lead);
    return lead.possible_duplicate_of ? t.duplicateSaved(lead.employer_name) : t.leadSaved(lead.employer_name);
  }
  return (
    <form className="form" noValidate aria-label={t.newLead} onSubmit={form.handleSubmit(submit, (data) => validateLeadEntry(data, t))}>
      <FormMessages form={form} />
      <SelectField
        form={form}
        name="source"
        label={t.source}
        required
        placeholder={t.chooseOne}
        options={LEAD_ENTRY_SOURCES.map((source) => ({ value: source, label: codes[source] ?? source }))}
      />
      <div className="field-row">
        <TextField form={form} name="business_id" label={m.businessId} required autoComplete="off" spellCheck={false} size={12} />
        <TextField form={form} name="company_name" label={t.companyName} required autoComplete="off" />
      </div>
      <div className="field-row">
        <TextField form={form} name="contact_name" label={t.contactName} autoComplete="off" />
        <TextField form={form} name="contact_phone" label={t.contactPhone} type="tel" autoComplete="off" />
        <TextField form={form} name="contact_email" label={t.contactEmail} type="email" autoComplete="off" spellCheck={false} />
      </div>
      <TextAreaField form={form} name="need" label={t.need} hint={t.needHint} required rows={3} />
      <TextField form={form} name="positions" label={t.positions} inputMode="numeric" size={6} />
      <SubmitButton submitting={form.submitting}>{t.saveLead}</SubmitButton>
    </form>
  );
}

// ---- the lead's history and reassignment ----------------------------------------------------

function stepText(step: LeadHistoryStep, actions: Record<string, string>, codes: Record<string, string>, activities: Map<string, Activity>) {
  const details = step.details as Record<string, unknown>;
  const action = actions[step.action] ?? step.action;
  if (step.action === "activity") {
    const activity = activities.get(String(details.activity_id));
    const kind = codes[String(details.kind)] ?? String(details.kind);
    return [action, kind, activity?.summary].filter(Boolean).join(": ");
  }
  if (step.action === "status_changed" && step.to_status) return `${action}: ${codes[step.to_status] ?? step.to_status}`;
  if (step.action === "closed") return `${action}: ${codes[String(details.reason)] ?? String(details.reason)}`;
  return action;
}

/** Who did what to the lead and when, oldest first; people by their names. */
export function LeadHistory({ leadId, version }: { leadId: string; version: string }) {
  const t = useMessages(deskMessages);
  const actions = useMessages(historyActions) as Record<string, string>;
  const codes = useMessages(employerCodes) as Record<string, string>;
  const query = useQuery(`lead-history-${leadId}-${version}`, async (api) => {
    const [history, activities] = await Promise.all([employersApi.leadHistory(api, leadId), employersApi.leadActivities(api, leadId)]);
    return { steps: history.items, activities: new Map(activities.items.map((activity) => [activity.id, activity])) };
  });
  if (query.status !== "ready") return null;
  const { steps, activities } = query.data;
  if (steps.length === 0) return <p className="data-empty">{t.noHistory}</p>;
  return (
    <DataTable
      caption={t.historyCaption}
      captionHidden
      rows={steps}
      rowKey={(step) => step.id}
      columns={[
        { key: "at", header: t.when, cell: (step) => <DateTimeText value={step.at} /> },
        { key: "by", header: t.who, cell: (step) => <StaffName username={step.by} /> },
        {
          key: "what",
          header: t.what,
          cell: (step) =>
            step.action === "assigned" ? (
              <>
                {actions.assigned}: <StaffName username={String((step.details as Record<string, unknown>).coordinator)} />
              </>
            ) : (
              stepText(step, actions, codes, activities)
            ),
        },
      ]}
    />
  );
}

export function LeadReassignForm({ lead, onDone }: { lead: Lead; onDone: () => void }) {
  const t = useMessages(deskMessages);
  const api = useApi();
  const form = useForm<"coordinator">({ fields: ["coordinator"] });
  return (
    <form
      className="form"
      noValidate
      aria-label={t.reassign}
      onSubmit={form.handleSubmit(
        async (data) => {
          await employersApi.updateLead(api, lead.id, { coordinator: text(data, "coordinator") });
          onDone();
          return t.reassigned;
        },
        (data) => (text(data, "coordinator") ? {} : { coordinator: t.coordinatorRequired }),
      )}
    >
      <FormMessages form={form} />
      <StaffPicker form={form} name="coordinator" label={t.newCoordinator} roles={["business_coordinator"]} exclude={[lead.coordinator]} required />
      <SubmitButton submitting={form.submitting}>{t.reassign}</SubmitButton>
    </form>
  );
}

// ---- editing an employer and its contact persons --------------------------------------------

const EDIT_FIELDS = ["name", "business_id", "industry", "size_class", "sector", "municipality", "street_address", "postal_code", "city", "status", "cooperation", "notes"] as const;
type EditField = (typeof EDIT_FIELDS)[number];

export function validateEmployerEdit(data: FormData, t: Desk): FieldErrors<EditField> {
  const errors: FieldErrors<EditField> = {};
  if (!text(data, "name")) errors.name = t.nameRequired;
  if (!BUSINESS_ID.test(text(data, "business_id"))) errors.business_id = t.businessIdInvalid;
  return errors;
}

/** Every field of the employer, its status and network partnership, prefilled. */
export function EmployerEditForm({ employer, onDone }: { employer: Employer; onDone: () => void }) {
  const t = useMessages(deskMessages);
  const m = useMessages(employersMessages);
  const codes = useMessages(employerCodes) as Record<string, string>;
  const api = useApi();
  const form = useForm<EditField>({ fields: EDIT_FIELDS, resetOnSuccess: false });
  const industryOptions = useIndustryOptions();
  async function submit(data: FormData) {
    const cooperation = data.getAll("cooperation");
    await employersApi.update(api, employer.id, {
      name: text(data, "name"),
      business_id: text(data, "business_id"),
      industry: optionalText(data, "industry") as TolSection | null,
      size_class: optionalText(data, "size_class") as SizeClass | null,
      sector: text(data, "sector") as EmployerSector,
      municipality: optionalText(data, "municipality"),
      street_address: optionalText(data, "street_address"),
      postal_code: optionalText(data, "postal_code"),
      city: optionalText(data, "city"),
      status: text(data, "status") as EmployerStatus,
      network_member: cooperation.includes("network_member"),
      tailored_work_interest: cooperation.includes("tailored_work_interest"),
      notes: optionalText(data, "notes"),
    });
    onDone();
    return t.employerUpdated;
  }
  const defaults = [employer.network_member ? "network_member" : "", employer.tailored_work_interest ? "tailored_work_interest" : ""].filter(Boolean);
  return (
    <form className="form" noValidate aria-label={t.editEmployer} onSubmit={form.handleSubmit(submit, (data) => validateEmployerEdit(data, t))}>
      <FormMessages form={form} />
      <div className="field-row">
        <TextField form={form} name="name" label={t.name} required defaultValue={employer.name} autoComplete="off" />
        <TextField form={form} name="business_id" label={m.businessId} required defaultValue={employer.business_id} size={12} spellCheck={false} />
      </div>
      <div className="field-row">
        <SelectField
          key={industryOptions[0]?.label}
          form={form}
          name="industry"
          label={m.industry}
          placeholder={t.chooseOne}
          defaultValue={employer.industry ?? ""}
          options={industryOptions}
        />
        <SelectField
          form={form}
          name="size_class"
          label={m.sizeClass}
          placeholder={t.chooseOne}
          defaultValue={employer.size_class ?? ""}
          options={SIZE_CLASSES.map((size) => ({ value: size, label: codes[size] ?? size }))}
        />
        <SelectField
          form={form}
          name="sector"
          label={m.sector}
          required
          defaultValue={employer.sector}
          options={EMPLOYER_SECTORS.map((sector) => ({ value: sector, label: codes[sector] ?? sector }))}
        />
        <SelectField
          form={form}
          name="status"
          label={t.status}
          required
          defaultValue={employer.status}
          options={EMPLOYER_STATUSES.map((status) => ({ value: status, label: codes[status] ?? status }))}
        />
      </div>
      <div className="field-row">
        <TextField form={form} name="municipality" label={m.municipality} defaultValue={employer.municipality ?? ""} />
        <TextField form={form} name="street_address" label={m.streetAddress} defaultValue={employer.street_address ?? ""} />
        <TextField form={form} name="postal_code" label={m.postalCode} defaultValue={employer.postal_code ?? ""} size={8} />
        <TextField form={form} name="city" label={m.city} defaultValue={employer.city ?? ""} />
      </div>
      <ChoiceGroup
        form={form}
        name="cooperation"
        type="checkbox"
        legend={m.cooperation}
        defaultValue={defaults}
        options={[
          { value: "network_member", label: m.networkMember },
          { value: "tailored_work_interest", label: m.tailoredWork },
        ]}
      />
      <TextAreaField form={form} name="notes" label={m.notes} rows={3} defaultValue={employer.notes ?? ""} />
      <SubmitButton submitting={form.submitting}>{t.saveChanges}</SubmitButton>
    </form>
  );
}

const CONTACT_EDIT_FIELDS = ["name", "role", "phone", "email", "active"] as const;
type ContactEditField = (typeof CONTACT_EDIT_FIELDS)[number];

export function ContactEditForm({ employerId, contact, onDone }: { employerId: string; contact: EmployerContact; onDone: () => void }) {
  const t = useMessages(deskMessages);
  const m = useMessages(employersMessages);
  const api = useApi();
  const form = useForm<ContactEditField>({ fields: CONTACT_EDIT_FIELDS, resetOnSuccess: false });
  return (
    <form
      className="form"
      noValidate
      aria-label={t.editContact(contact.name)}
      onSubmit={form.handleSubmit(
        async (data) => {
          await inOurWords(
            employersApi.updateContact(api, employerId, contact.id, {
              name: text(data, "name"),
              role: optionalText(data, "role"),
              phone: optionalText(data, "phone"),
              email: optionalText(data, "email"),
              active: data.get("active") === "yes",
            }),
            { phone: m.phoneInvalid, email: m.emailInvalid },
          );
          onDone();
          return t.contactUpdated;
        },
        (data) => validateContactPerson(data, m),
      )}
    >
      <FormMessages form={form} />
      <div className="field-row">
        <TextField form={form} name="name" label={t.name} required defaultValue={contact.name} autoComplete="off" />
        <TextField form={form} name="role" label={m.role} defaultValue={contact.role ?? ""} />
      </div>
      <div className="field-row">
        <TextField form={form} name="phone" label={t.contactPhone} type="tel" defaultValue={contact.phone ?? ""} />
        <TextField form={form} name="email" label={t.contactEmail} type="email" defaultValue={contact.email ?? ""} spellCheck={false} />
      </div>
      <ChoiceGroup
        form={form}
        name="active"
        type="checkbox"
        legend={t.contactActive}
        defaultValue={contact.active ? ["yes"] : []}
        options={[{ value: "yes", label: t.contactActive }]}
      />
      <SubmitButton submitting={form.submitting}>{t.save}</SubmitButton>
    </form>
  );
}

// ---- openings -------------------------------------------------------------------------------

const OPENING_EDIT_FIELDS = ["title", "positions", "closes_on", "description"] as const;
type OpeningEditField = (typeof OPENING_EDIT_FIELDS)[number];

export function validateOpeningEdit(data: FormData, t: Desk): FieldErrors<OpeningEditField> {
  const errors: FieldErrors<OpeningEditField> = {};
  if (!text(data, "title")) errors.title = t.titleRequired;
  if (!positionsOk(text(data, "positions"))) errors.positions = t.positionsInvalid;
  if (text(data, "closes_on") && !ISO_DATE.test(text(data, "closes_on"))) errors.closes_on = t.dateInvalid;
  return errors;
}

/** Edit an opening, mark it filled, close it without a hire, or open it again. */
export function OpeningActions({ opening, onDone }: { opening: Opening; onDone: () => void }) {
  const t = useMessages(deskMessages);
  const api = useApi();
  const form = useForm<OpeningEditField>({ fields: OPENING_EDIT_FIELDS, resetOnSuccess: false });
  const status = useForm<"status">({ fields: ["status"] });
  const change = (next: "open" | "filled" | "cancelled", done: string) =>
    status.handleSubmit(async () => {
      await employersApi.updateOpening(api, opening.employer_id, opening.id, { status: next });
      onDone();
      return done;
    });
  return (
    <>
      <FormMessages form={status} />
      <div className="button-row">
        {opening.status === "open" ? (
          <>
            <form onSubmit={change("filled", t.markedFilled)} aria-label={`${t.markFilled}: ${opening.title}`}>
              <button type="submit" className="button button-primary">
                {t.markFilled}
              </button>
            </form>
            <form onSubmit={change("cancelled", t.openingCancelled)} aria-label={`${t.cancelOpening}: ${opening.title}`}>
              <button type="submit" className="button">
                {t.cancelOpening}
              </button>
            </form>
          </>
        ) : (
          <form onSubmit={change("open", t.reopened)} aria-label={`${t.reopen}: ${opening.title}`}>
            <button type="submit" className="button">
              {t.reopen}
            </button>
          </form>
        )}
      </div>
      <LazyDisclosure summary={t.editOpening}>
        {() => (
        <form
          className="form"
          noValidate
          aria-label={`${t.editOpening}: ${opening.title}`}
          onSubmit={form.handleSubmit(
            async (data) => {
              await employersApi.updateOpening(api, opening.employer_id, opening.id, {
                title: text(data, "title"),
                positions: Number(text(data, "positions")),
                closes_on: optionalText(data, "closes_on"),
                description: optionalText(data, "description"),
              });
              onDone();
              return t.openingUpdated;
            },
            (data) => validateOpeningEdit(data, t),
          )}
        >
          <FormMessages form={form} />
          <div className="field-row">
            <TextField form={form} name="title" label={t.title} required defaultValue={opening.title} />
            <TextField form={form} name="positions" label={t.positions} required inputMode="numeric" size={6} defaultValue={String(opening.positions)} />
            <TextField form={form} name="closes_on" label={t.closesOn} type="date" defaultValue={opening.closes_on ?? ""} />
          </div>
          <TextAreaField form={form} name="description" label={t.description} rows={3} defaultValue={opening.description ?? ""} />
          <SubmitButton submitting={form.submitting}>{t.save}</SubmitButton>
        </form>
        )}
      </LazyDisclosure>
    </>
  );
}

/** Hires as the hires API gives them; a client's name only where the clients service allows. */
export function HireTable({ hires, caption }: { hires: readonly Hire[]; caption: string }) {
  const t = useMessages(deskMessages);
  if (hires.length === 0) return <p className="data-empty">{t.noHires}</p>;
  return (
    <DataTable
      caption={caption}
      captionHidden
      rows={[...hires]}
      rowKey={(hire) => hire.id}
      columns={[
        { key: "client", header: t.client, cell: (hire) => hire.client_name ?? t.clientHidden },
        { key: "opening", header: t.opening, cell: (hire) => hire.opening_title },
        { key: "on", header: t.hiredOn, cell: (hire) => <DateText value={hire.hired_on} /> },
      ]}
    />
  );
}

// ---- a recruitment event ---------------------------------------------------------------------

const EVENT_EDIT_FIELDS = ["name", "kind", "held_on", "place", "employer_ids"] as const;
type EventEditField = (typeof EVENT_EDIT_FIELDS)[number];

/** The event's details and its participating employers, picked from the register. */
export function EventEditForm({ event, onDone }: { event: RecruitmentEvent; onDone: () => void }) {
  const t = useMessages(deskMessages);
  const codes = useMessages(employerCodes) as Record<string, string>;
  const api = useApi();
  const form = useForm<EventEditField>({ fields: EVENT_EDIT_FIELDS, resetOnSuccess: false });
  const register = useQuery("event-employer-register", (client) => employersApi.list(client, { limit: 200 }));
  const known = new Map(event.employers.map((employer) => [employer.id, employer.name]));
  if (register.status === "ready") for (const employer of register.data.items) known.set(employer.id, employer.name);
  const options = [...known.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, "fi"));
  return (
    <form
      className="form"
      noValidate
      aria-label={t.editEvent}
      onSubmit={form.handleSubmit(
        async (data) => {
          await employersApi.updateEvent(api, event.id, {
            name: text(data, "name"),
            kind: text(data, "kind") as RecruitmentEventKind,
            held_on: text(data, "held_on"),
            place: optionalText(data, "place"),
            employer_ids: data.getAll("employer_ids").map(String),
          });
          onDone();
          return t.eventUpdated;
        },
        (data) => {
          const errors: FieldErrors<EventEditField> = {};
          if (!text(data, "name")) errors.name = t.nameRequired;
          if (!ISO_DATE.test(text(data, "held_on"))) errors.held_on = t.dateRequired;
          return errors;
        },
      )}
    >
      <FormMessages form={form} />
      <div className="field-row">
        <TextField form={form} name="name" label={t.name} required defaultValue={event.name} />
        <SelectField
          form={form}
          name="kind"
          label={t.kind}
          required
          defaultValue={event.kind}
          options={EVENT_KINDS.map((kind) => ({ value: kind, label: codes[kind] ?? kind }))}
        />
        <TextField form={form} name="held_on" label={t.heldOn} type="date" required defaultValue={event.held_on} />
        <TextField form={form} name="place" label={t.place} defaultValue={event.place ?? ""} />
      </div>
      <ChoiceGroup
        key={`${register.status}-${options.length}`}
        form={form}
        name="employer_ids"
        type="checkbox"
        legend={t.participants}
        hint={t.participantsHint}
        defaultValue={event.employers.map((employer) => employer.id)}
        options={options}
      />
      <SubmitButton submitting={form.submitting}>{t.save}</SubmitButton>
    </form>
  );
}

/** Invite one of the coordinator's own clients; the service refuses a client they may not open. */
export function InviteClientForm({ eventId, invited, onDone }: { eventId: string; invited: readonly string[]; onDone: () => void }) {
  const t = useMessages(deskMessages);
  const api = useApi();
  const form = useForm<"client_id">({ fields: ["client_id"] });
  const mine = useQuery("event-my-clients", (client) => clientsApi.list(client.http, { mine: true, limit: 200 }));
  const clients = mine.status === "ready" ? mine.data.items.filter((client) => !invited.includes(client.id)) : [];
  return (
    <form
      className="form"
      noValidate
      aria-label={t.invite}
      onSubmit={form.handleSubmit(
        async (data) => {
          const answer = await employersApi.inviteClient(api, eventId, text(data, "client_id"));
          onDone();
          return t.invited(answer.client_name ?? t.clientHidden);
        },
        (data) => (text(data, "client_id") ? {} : { client_id: t.clientRequired }),
      )}
    >
      <FormMessages form={form} />
      <SelectField
        key={mine.status}
        form={form}
        name="client_id"
        label={t.inviteClient}
        hint={t.inviteHint}
        required
        placeholder={t.chooseClient}
        options={clients.map((client) => ({ value: client.id, label: `${client.first_name} ${client.last_name}` }))}
      />
      <SubmitButton submitting={form.submitting}>{t.invite}</SubmitButton>
    </form>
  );
}

/** The invited clients with a button to record whether each came. */
export function InvitedClients({ eventId, clients, onDone }: { eventId: string; clients: readonly EventClient[]; onDone: () => void }) {
  const t = useMessages(deskMessages);
  const api = useApi();
  const [status, setStatus] = useState("");
  if (clients.length === 0) return <p className="data-empty">{t.noInvited}</p>;
  async function toggle(client: EventClient) {
    await employersApi.recordAttendance(api, eventId, client.client_id, !client.attended);
    setStatus(t.attendanceSaved);
    onDone();
  }
  return (
    <>
      <p role="status" className="visually-hidden-status">
        {status}
      </p>
      <DataTable
        caption={t.invitedCaption}
        captionHidden
        rows={[...clients]}
        rowKey={(client) => client.client_id}
        columns={[
          { key: "client", header: t.client, cell: (client) => client.client_name ?? t.clientHidden },
          { key: "by", header: t.invitedBy, cell: (client) => <StaffName username={client.invited_by} /> },
          { key: "attended", header: t.attended, cell: (client) => (client.attended ? t.attendedYes : t.attendedNo) },
          {
            key: "mark",
            header: t.recordAttendance,
            cell: (client) => {
              const name = client.client_name ?? t.clientHidden;
              return (
                <button type="button" className="button" onClick={() => void toggle(client)}>
                  {client.attended ? t.markNotAttended(name) : t.markAttended(name)}
                </button>
              );
            },
          },
        ]}
      />
    </>
  );
}

export function LeadCompany({ lead }: { lead: Lead }) {
  return <Link to={`/tyonantajat/${lead.employer_id}`}>{lead.employer_name}</Link>;
}

/** A disclosure whose form is built only once opened: a page with many edit forms stays light,
 * and a closed form's fields are not in the page for assistive technology to wade through. */
export function LazyDisclosure({ summary, children }: { summary: string; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}
