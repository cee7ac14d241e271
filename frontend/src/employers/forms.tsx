// The employer CRM's create forms: an employer, a contact person, an opening and a recruitment
// event. Each checks what it can before sending; the service checks everything again, and its
// 422 field errors land by the fields. After a save the form is emptied, the saved thing is
// shown in its list, a polite status says so, and focus returns to the form's first field.
import { useMe } from "../auth/session";
import { ApiError, fieldKey } from "../common/api";
import { useApi } from "../common/ApiContext";
import { helsinkiToday } from "../common/calendar";
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
import { useQuery } from "../common/useQuery";
import { isEmail } from "../clients/validation";
import {
  EMPLOYER_STATUSES,
  employersApi,
  EVENT_KINDS,
  OPENING_KINDS,
  EMPLOYER_SECTORS,
  SIZE_CLASSES,
  TOL_SECTIONS,
  type Employer,
  type EmployerStatus,
  type OpeningKind,
  type RecruitmentEventKind,
  type EmployerSector,
  type SizeClass,
  type TolSection,
} from "./api";
import { employerCodes, employersMessages } from "./messages";

type Messages = (typeof employersMessages)["fi"];

// The service has the last word (python-stdnum, phonenumbers); these only catch typing slips.
export const BUSINESS_ID = /^\d{7}-?\d$/;
export const PHONE = /^\+?[\d\s()-]{5,25}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function wholeNumber(value: string, min: number, max: number): boolean {
  return /^\d{1,6}$/.test(value) && Number(value) >= min && Number(value) <= max;
}

/** Business coordinators and team leads work in the CRM; others may only look. */
export function useCrmRole(): boolean {
  const me = useMe();
  return me.roles.includes("business_coordinator") || me.roles.includes("team_lead");
}

/**
 * The service explains a bad Y-tunnus or phone number in English; the person gets the same
 * finding in their own language, by the same field. A 409 (the Y-tunnus is already on record)
 * is put by its field the same way.
 */
export async function inOurWords<T>(
  call: Promise<T>,
  words: Record<string, string>,
  conflict?: { field: string; message: string },
): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof ApiError) || error.problem === null) throw error;
    let errors = error.problem.errors;
    if (conflict && error.status === 409) errors = [{ loc: ["body", conflict.field], msg: "", text: conflict.message }];
    else if (error.status === 422 && errors) {
      errors = errors.map((problem) => {
        const message = words[fieldKey(problem.loc)];
        return message ? { ...problem, text: message } : problem;
      });
    } else throw error;
    throw new ApiError({
      kind: error.kind,
      status: error.status,
      retryAfterSeconds: error.retryAfterSeconds,
      problem: { ...error.problem, errors },
    });
  }
}

/** After a save the emptied form is ready for the next one; the status has said what was saved. */
function focusFirstField(form: HTMLFormElement) {
  requestAnimationFrame(() => form.querySelector<HTMLElement>("input, select, textarea")?.focus());
}

// ---- employer -----------------------------------------------------------------------------

const EMPLOYER_FIELDS = [
  "business_id",
  "name",
  "industry",
  "size_class",
  "sector",
  "municipality",
  "street_address",
  "postal_code",
  "city",
  "status",
  "cooperation",
  "notes",
] as const;
type EmployerField = (typeof EMPLOYER_FIELDS)[number];

export function validateEmployer(data: FormData, t: Messages): FieldErrors<EmployerField> {
  const errors: FieldErrors<EmployerField> = {};
  const businessId = text(data, "business_id");
  if (!businessId) errors.business_id = t.businessIdRequired;
  else if (!BUSINESS_ID.test(businessId)) errors.business_id = t.businessIdInvalid;
  if (!text(data, "name")) errors.name = t.employerNameRequired;
  return errors;
}

/** The TOL sections as choices; their names come from the service, the letters alone until then. */
export function useIndustryOptions(): { value: string; label: string }[] {
  const { language } = useLanguage();
  const industries = useQuery("employer-industries", (client) => employersApi.industries(client));
  return industries.status === "ready"
    ? industries.data.items.map((industry) => ({
        value: industry.section,
        label: `${industry.section} – ${language === "fi" ? industry.label_fi : industry.label_en}`,
      }))
    : TOL_SECTIONS.map((section) => ({ value: section, label: section }));
}

/** A new employer in the register: a prospect by default, named by its Y-tunnus. */
export function EmployerForm({ onCreated }: { onCreated: (employer: Employer) => void }) {
  const t = useMessages(employersMessages);
  const codes = useMessages(employerCodes);
  const api = useApi();
  const form = useForm<EmployerField>({ fields: EMPLOYER_FIELDS });
  const industryOptions = useIndustryOptions();

  async function submit(data: FormData, element: HTMLFormElement) {
    const cooperation = data.getAll("cooperation");
    const employer = await inOurWords(
      employersApi.create(api, {
        business_id: text(data, "business_id"),
        name: text(data, "name"),
        industry: optionalText(data, "industry") as TolSection | null,
        size_class: optionalText(data, "size_class") as SizeClass | null,
        sector: (text(data, "sector") || "unknown") as EmployerSector,
        municipality: optionalText(data, "municipality"),
        street_address: optionalText(data, "street_address"),
        postal_code: optionalText(data, "postal_code"),
        city: optionalText(data, "city"),
        status: (text(data, "status") || "prospect") as EmployerStatus,
        network_member: cooperation.includes("network_member"),
        tailored_work_interest: cooperation.includes("tailored_work_interest"),
        notes: optionalText(data, "notes"),
      }),
      { business_id: t.businessIdInvalid },
      { field: "business_id", message: t.employerExists },
    );
    onCreated(employer);
    focusFirstField(element);
    return t.employerSaved(employer.name);
  }

  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateEmployer(data, t))}>
      <FormMessages form={form} />
      <div className="field-row">
        <TextField
          form={form}
          name="business_id"
          label={t.businessId}
          hint={t.businessIdHint}
          required
          autoComplete="off"
          spellCheck={false}
          size={12}
        />
        <TextField form={form} name="name" label={t.name} required autoComplete="off" />
      </div>
      <div className="field-row">
        <SelectField form={form} name="industry" label={t.industry} placeholder={t.chooseOne} options={industryOptions} />
        <SelectField
          form={form}
          name="size_class"
          label={t.sizeClass}
          placeholder={t.chooseOne}
          options={SIZE_CLASSES.map((size) => ({ value: size, label: codes[size] }))}
        />
        <SelectField
          form={form}
          name="sector"
          label={t.sector}
          required
          defaultValue="unknown"
          options={EMPLOYER_SECTORS.map((sector) => ({ value: sector, label: codes[sector] }))}
        />
      </div>
      <div className="field-row">
        <TextField form={form} name="municipality" label={t.municipality} />
        <SelectField
          form={form}
          name="status"
          label={t.status}
          required
          defaultValue="prospect"
          options={EMPLOYER_STATUSES.map((status) => ({ value: status, label: codes[status] }))}
        />
      </div>
      <div className="field-row">
        <TextField form={form} name="street_address" label={t.streetAddress} />
        <TextField form={form} name="postal_code" label={t.postalCode} inputMode="numeric" size={8} />
        <TextField form={form} name="city" label={t.city} />
      </div>
      <ChoiceGroup
        form={form}
        name="cooperation"
        type="checkbox"
        legend={t.cooperation}
        options={[
          { value: "network_member", label: t.networkMember },
          { value: "tailored_work_interest", label: t.tailoredWork },
        ]}
      />
      <TextAreaField form={form} name="notes" label={t.notes} rows={3} />
      <SubmitButton submitting={form.submitting}>{t.saveEmployer}</SubmitButton>
    </form>
  );
}

// ---- contact person -----------------------------------------------------------------------

const CONTACT_FIELDS = ["name", "role", "phone", "email"] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

export function validateContactPerson(data: FormData, t: Messages): FieldErrors<ContactField> {
  const errors: FieldErrors<ContactField> = {};
  const phone = text(data, "phone");
  const email = text(data, "email");
  if (!text(data, "name")) errors.name = t.contactNameRequired;
  if (phone && !PHONE.test(phone)) errors.phone = t.phoneInvalid;
  if (email && !isEmail(email)) errors.email = t.emailInvalid;
  return errors;
}

export function ContactPersonForm({ employerId, onDone }: { employerId: string; onDone: () => void }) {
  const t = useMessages(employersMessages);
  const api = useApi();
  const form = useForm<ContactField>({ fields: CONTACT_FIELDS });
  async function submit(data: FormData, element: HTMLFormElement) {
    const contact = await inOurWords(
      employersApi.addContact(api, employerId, {
        name: text(data, "name"),
        role: optionalText(data, "role"),
        phone: optionalText(data, "phone"),
        email: optionalText(data, "email"),
      }),
      { phone: t.phoneInvalid, email: t.emailInvalid },
    );
    onDone();
    focusFirstField(element);
    return t.contactPersonSaved(contact.name);
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateContactPerson(data, t))}>
      <FormMessages form={form} />
      <div className="field-row">
        <TextField form={form} name="name" label={t.name} required autoComplete="off" />
        <TextField form={form} name="role" label={t.role} hint={t.roleHint} />
      </div>
      <div className="field-row">
        <TextField form={form} name="phone" label={t.phone} hint={t.phoneHint} type="tel" autoComplete="off" />
        <TextField form={form} name="email" label={t.email} type="email" autoComplete="off" spellCheck={false} />
      </div>
      <SubmitButton submitting={form.submitting}>{t.saveContact}</SubmitButton>
    </form>
  );
}

// ---- opening ------------------------------------------------------------------------------

const OPENING_FIELDS = ["title", "kind", "lead_id", "positions", "wage_subsidy", "closes_on", "description"] as const;
type OpeningField = (typeof OPENING_FIELDS)[number];

export function validateOpening(data: FormData, t: Messages): FieldErrors<OpeningField> {
  const errors: FieldErrors<OpeningField> = {};
  const closesOn = text(data, "closes_on");
  if (!text(data, "title")) errors.title = t.titleRequired;
  if (!text(data, "kind")) errors.kind = t.openingKindRequired;
  if (!wholeNumber(text(data, "positions"), 1, 1000)) errors.positions = t.positionsInvalid;
  if (closesOn && !ISO_DATE.test(closesOn)) errors.closes_on = t.closesOnInvalid;
  return errors;
}

export function OpeningForm({
  employerId,
  leads = [],
  onDone,
}: {
  employerId: string;
  /** The employer's open leads: an opening from one of them closes it once it is filled. */
  leads?: readonly { id: string; label: string }[];
  onDone: () => void;
}) {
  const t = useMessages(employersMessages);
  const codes = useMessages(employerCodes);
  const api = useApi();
  const form = useForm<OpeningField>({ fields: OPENING_FIELDS });
  async function submit(data: FormData, element: HTMLFormElement) {
    const opening = await employersApi.createOpening(api, employerId, {
      title: text(data, "title"),
      kind: text(data, "kind") as OpeningKind,
      lead_id: optionalText(data, "lead_id"),
      positions: Number(text(data, "positions")),
      wage_subsidy: data.get("wage_subsidy") === "yes",
      closes_on: optionalText(data, "closes_on"),
      description: optionalText(data, "description"),
    });
    onDone();
    focusFirstField(element);
    return t.openingSaved(opening.title);
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateOpening(data, t))}>
      <FormMessages form={form} />
      <div className="field-row">
        <TextField form={form} name="title" label={t.title} required autoComplete="off" />
        <SelectField
          form={form}
          name="kind"
          label={t.openingKind}
          required
          placeholder={t.chooseOne}
          options={OPENING_KINDS.map((kind) => ({ value: kind, label: codes[kind] }))}
        />
      </div>
      {leads.length > 0 && (
        <SelectField
          form={form}
          name="lead_id"
          label={t.openingLead}
          hint={t.openingLeadHint}
          placeholder={t.noOpeningLead}
          defaultValue={leads.length === 1 ? leads[0]?.id : ""}
          options={leads.map((lead) => ({ value: lead.id, label: lead.label }))}
        />
      )}
      <div className="field-row">
        <TextField form={form} name="positions" label={t.positionsLabel} hint={t.positionsHint} required inputMode="numeric" size={6} defaultValue="1" />
        <TextField form={form} name="closes_on" label={t.closesOn} type="date" />
      </div>
      <ChoiceGroup
        form={form}
        name="wage_subsidy"
        type="checkbox"
        legend={t.wageSubsidy}
        options={[{ value: "yes", label: t.wageSubsidyEligible }]}
      />
      <TextAreaField form={form} name="description" label={t.description} rows={3} />
      <SubmitButton submitting={form.submitting}>{t.saveOpening}</SubmitButton>
    </form>
  );
}

// ---- recruitment event --------------------------------------------------------------------

const EVENT_FIELDS = ["name", "kind", "held_on", "place", "jobseekers_attended"] as const;
type EventField = (typeof EVENT_FIELDS)[number];

export function validateEvent(data: FormData, t: Messages): FieldErrors<EventField> {
  const errors: FieldErrors<EventField> = {};
  const attended = text(data, "jobseekers_attended");
  if (!text(data, "name")) errors.name = t.eventNameRequired;
  if (!text(data, "kind")) errors.kind = t.eventKindRequired;
  if (!ISO_DATE.test(text(data, "held_on"))) errors.held_on = t.heldOnRequired;
  if (attended && !wholeNumber(attended, 0, 100_000)) errors.jobseekers_attended = t.attendedInvalid;
  return errors;
}

export function EventForm({ onDone }: { onDone: () => void }) {
  const t = useMessages(employersMessages);
  const codes = useMessages(employerCodes);
  const api = useApi();
  const form = useForm<EventField>({ fields: EVENT_FIELDS });
  async function submit(data: FormData, element: HTMLFormElement) {
    const attended = text(data, "jobseekers_attended");
    const event = await employersApi.createEvent(api, {
      name: text(data, "name"),
      kind: text(data, "kind") as RecruitmentEventKind,
      held_on: text(data, "held_on"),
      place: optionalText(data, "place"),
      jobseekers_attended: attended ? Number(attended) : null,
    });
    onDone();
    focusFirstField(element);
    return t.eventSaved(event.name);
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateEvent(data, t))}>
      <FormMessages form={form} />
      <div className="field-row">
        <TextField form={form} name="name" label={t.eventName} hint={t.eventNameHint} required autoComplete="off" />
        <SelectField
          form={form}
          name="kind"
          label={t.eventKind}
          required
          placeholder={t.chooseOne}
          options={EVENT_KINDS.map((kind) => ({ value: kind, label: codes[kind] }))}
        />
      </div>
      <div className="field-row">
        <TextField form={form} name="held_on" label={t.heldOn} type="date" required defaultValue={helsinkiToday()} />
        <TextField form={form} name="place" label={t.place} />
        <TextField form={form} name="jobseekers_attended" label={t.attendedLabel} hint={t.attendedHint} inputMode="numeric" size={6} />
      </div>
      <SubmitButton submitting={form.submitting}>{t.saveEvent}</SubmitButton>
    </form>
  );
}
