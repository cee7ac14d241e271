// The forms of the active-service periods: start one, correct a running one, end it. Each
// checks what it can before sending; the service's refusals come back by their codes, in
// words, at the field they concern or in the summary.
import { useState } from "react";
import { useApi } from "../../common/ApiContext";
import { helsinkiToday } from "../../common/calendar";
import { CheckedForm, optionalText, SelectField, text, TextField, useForm, type FieldErrors, type FormController, type Option } from "../../common/form";
import { formatDate } from "../../common/format";
import { useMessages } from "../../common/i18n";
import { useApiQuery } from "../../common/query";
import { employersApi } from "../../employers/api";
import { referralsApi } from "../../referrals/api";
import { employerNamesOf } from "../../search/api";
import { clientsApi, SERVICE_PERIOD_KINDS, type ServicePeriod, type ServicePeriodKind } from "../api";
import { useClientSave } from "../pathwayForms";
import { servicePeriodKinds, servicePeriodMessages } from "./servicePeriodMessages";

type M = (typeof servicePeriodMessages)["fi"];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^\d{1,3}$/;

/** The register's employers (the first 200 by name, as the event form picks them) and any others named by `ids`. */
export function useEmployerNames(ids: readonly (string | null)[] = []) {
  const api = useApi();
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort();
  return useApiQuery(["employers", "names", wanted], async () => {
    const register = await employersApi.list(api, { limit: 200 });
    const known = new Map(register.items.map((employer) => [employer.id, employer.name]));
    const names = await employerNamesOf(api, wanted, known);
    const options: Option[] = register.items
      .map((employer) => ({ value: employer.id, label: employer.name }))
      .sort((a, b) => a.label.localeCompare(b.label, "fi"));
    return { names, options };
  });
}

function EmployerPicker<F extends string>({
  form,
  name,
  current,
}: {
  form: FormController<F>;
  name: F;
  current?: string | null;
}) {
  const m = useMessages(servicePeriodMessages);
  const employers = useEmployerNames(current ? [current] : []);
  const options = [...(employers.data?.options ?? [])];
  // A period's employer beyond the register's first page is still offered, under its name.
  if (current && !options.some((option) => option.value === current)) {
    options.unshift({ value: current, label: employers.data?.names.get(current) ?? m.employerUnknown });
  }
  return (
    <SelectField
      // The options arrive after the first render; the chosen one must be selected when they do.
      key={`${employers.status}-${options.length}`}
      form={form}
      name={name}
      label={m.employer}
      hint={employers.isPending ? `${m.employerHint} ${m.employersLoading}` : m.employerHint}
      placeholder={m.noEmployer}
      defaultValue={current ?? ""}
      options={options}
    />
  );
}

/** A provider of the partner directory (a training provider, a workshop), for a period not at an employer. */
function PartnerPicker<F extends string>({ form, name }: { form: FormController<F>; name: F }) {
  const m = useMessages(servicePeriodMessages);
  const partners = useApiQuery(["partners", "all"], (http) => referralsApi.partners(http));
  const options: Option[] = (partners.data?.items ?? [])
    .filter((partner) => partner.active)
    .map((partner) => ({ value: partner.id, label: partner.name }))
    .sort((a, b) => a.label.localeCompare(b.label, "fi"));
  return (
    <SelectField
      key={`${partners.status}-${options.length}`}
      form={form}
      name={name}
      label={m.partner}
      hint={m.partnerHint}
      placeholder={m.noPartner}
      options={options}
    />
  );
}

function checkDetails(data: FormData, m: M, wageSubsidy: boolean, startsOn: string | null) {
  const errors: Partial<Record<"planned_end_on" | "hours_per_week" | "subsidy_percent" | "decision_ref", string>> = {};
  const planned = text(data, "planned_end_on");
  if (planned && !ISO_DATE.test(planned)) errors.planned_end_on = m.dateInvalid;
  else if (planned && startsOn && planned < startsOn) errors.planned_end_on = m.plannedBeforeStart;
  const hours = text(data, "hours_per_week");
  if (hours && (!WHOLE.test(hours) || Number(hours) < 1 || Number(hours) > 60)) errors.hours_per_week = m.hoursInvalid;
  if (wageSubsidy) {
    const percent = text(data, "subsidy_percent");
    if (!percent) errors.subsidy_percent = m.subsidyRequired;
    else if (!WHOLE.test(percent) || Number(percent) < 1 || Number(percent) > 100) errors.subsidy_percent = m.subsidyInvalid;
    if (text(data, "decision_ref").length > 60) errors.decision_ref = m.decisionTooLong;
  }
  return errors;
}

function numberOrNull(data: FormData, name: string): number | null {
  const value = text(data, name);
  return value ? Number(value) : null;
}

function SubsidyFields<F extends string>({
  form,
  period,
}: {
  form: FormController<F>;
  period?: ServicePeriod;
}) {
  const m = useMessages(servicePeriodMessages);
  return (
    <div className="field-row">
      <TextField
        form={form}
        name={"subsidy_percent" as F}
        label={m.subsidyPercent}
        hint={m.subsidyHint}
        required
        inputMode="numeric"
        size={4}
        defaultValue={period?.subsidy_percent ?? ""}
      />
      <TextField form={form} name={"decision_ref" as F} label={m.decisionRef} hint={m.decisionHint} maxLength={60} defaultValue={period?.decision_ref ?? ""} />
    </div>
  );
}

// ---- start -----------------------------------------------------------------------------------

const START_FIELDS = ["kind", "starts_on", "planned_end_on", "employer_id", "partner_id", "hours_per_week", "subsidy_percent", "decision_ref"] as const;
type StartField = (typeof START_FIELDS)[number];

export function validateStart(data: FormData, m: M): FieldErrors<StartField> {
  const errors: FieldErrors<StartField> = {};
  const kind = text(data, "kind");
  if (!kind) errors.kind = m.kindRequired;
  const starts = text(data, "starts_on");
  if (!ISO_DATE.test(starts)) errors.starts_on = m.startRequired;
  if (text(data, "employer_id") && text(data, "partner_id")) errors.partner_id = m.employerOrPartner;
  return { ...errors, ...checkDetails(data, m, kind === "wage_subsidy", errors.starts_on ? null : starts) };
}

/** Start a period: the kind, the dates, the employer from the register, the hours, and for wage subsidy its percentage and decision. */
export function ServicePeriodStartForm({ clientId, enrolmentId }: { clientId: string; enrolmentId: string | null }) {
  const m = useMessages(servicePeriodMessages);
  const kinds = useMessages(servicePeriodKinds);
  const save = useClientSave(clientId);
  const form = useForm<StartField>({ fields: START_FIELDS });
  const [kind, setKind] = useState("");
  const wageSubsidy = kind === "wage_subsidy";
  const submit = save(
    (data, http) =>
      clientsApi.startServicePeriod(http, clientId, {
        kind: text(data, "kind") as ServicePeriodKind,
        starts_on: text(data, "starts_on"),
        planned_end_on: optionalText(data, "planned_end_on"),
        employer_id: optionalText(data, "employer_id"),
        partner_id: optionalText(data, "partner_id"),
        hours_per_week: numberOrNull(data, "hours_per_week"),
        enrolment_id: enrolmentId,
        ...(text(data, "kind") === "wage_subsidy"
          ? { subsidy_percent: numberOrNull(data, "subsidy_percent"), decision_ref: optionalText(data, "decision_ref") }
          : {}),
      }),
    m.started,
    // The form empties after the start: the subsidy fields go with the kind.
    () => setKind(""),
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateStart(data, m)} submitLabel={m.startSubmit}>
      <SelectField
        form={form}
        name="kind"
        label={m.kind}
        required
        placeholder={m.chooseKind}
        options={SERVICE_PERIOD_KINDS.map((value) => ({ value, label: kinds[value] }))}
        onChange={(event) => setKind(event.target.value)}
      />
      <div className="field-row">
        <TextField form={form} name="starts_on" label={m.startsOn} type="date" required defaultValue={helsinkiToday()} />
        <TextField form={form} name="planned_end_on" label={m.plannedEndOn} hint={m.plannedEndHint} type="date" />
      </div>
      <EmployerPicker form={form} name="employer_id" />
      <PartnerPicker form={form} name="partner_id" />
      <TextField form={form} name="hours_per_week" label={m.hours} hint={m.hoursHint} inputMode="numeric" size={4} />
      {wageSubsidy && <SubsidyFields form={form} />}
    </CheckedForm>
  );
}

// ---- correct a running period --------------------------------------------------------------------

const EDIT_FIELDS = ["planned_end_on", "employer_id", "hours_per_week", "subsidy_percent", "decision_ref"] as const;
type EditField = (typeof EDIT_FIELDS)[number];

export function validateEdit(data: FormData, m: M, period: ServicePeriod): FieldErrors<EditField> {
  return checkDetails(data, m, period.kind === "wage_subsidy", period.starts_on);
}

/** Correct a running period's planned end, employer, hours or wage-subsidy details (not its kind or start). */
export function ServicePeriodEditForm({ clientId, period }: { clientId: string; period: ServicePeriod }) {
  const m = useMessages(servicePeriodMessages);
  const save = useClientSave(clientId);
  const form = useForm<EditField>({ fields: EDIT_FIELDS, resetOnSuccess: false });
  const wageSubsidy = period.kind === "wage_subsidy";
  const submit = save(
    (data, http) =>
      clientsApi.updateServicePeriod(http, clientId, period.id, {
        planned_end_on: optionalText(data, "planned_end_on"),
        // A period at a partner keeps its partner unless an employer is picked instead.
        ...(text(data, "employer_id") || period.employer_id ? { employer_id: optionalText(data, "employer_id") } : {}),
        hours_per_week: numberOrNull(data, "hours_per_week"),
        ...(wageSubsidy ? { subsidy_percent: numberOrNull(data, "subsidy_percent"), decision_ref: optionalText(data, "decision_ref") } : {}),
      }),
    m.updated,
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateEdit(data, m, period)} submitLabel={m.editSubmit}>
      <p className="muted">{m.kindFixed}</p>
      <TextField form={form} name="planned_end_on" label={m.plannedEndOn} hint={m.plannedEndHint} type="date" defaultValue={period.planned_end_on ?? ""} />
      <EmployerPicker form={form} name="employer_id" current={period.employer_id} />
      <TextField form={form} name="hours_per_week" label={m.hours} hint={m.hoursHint} inputMode="numeric" size={4} defaultValue={period.hours_per_week ?? ""} />
      {wageSubsidy && <SubsidyFields form={form} period={period} />}
    </CheckedForm>
  );
}

// ---- end -------------------------------------------------------------------------------------

const END_FIELDS = ["ends_on"] as const;
type EndField = (typeof END_FIELDS)[number];

export function validateEnd(data: FormData, m: M, period: ServicePeriod): FieldErrors<EndField> {
  const ends = text(data, "ends_on");
  if (!ISO_DATE.test(ends)) return { ends_on: m.endRequired };
  if (ends < period.starts_on) return { ends_on: m.endBeforeStart(formatDate(period.starts_on)) };
  return {};
}

/** End the period on a day: the status before it resumes the next day unless a newer one is recorded. */
export function ServicePeriodEndForm({ clientId, period, onDone }: { clientId: string; period: ServicePeriod; onDone?: () => void }) {
  const m = useMessages(servicePeriodMessages);
  const save = useClientSave(clientId);
  const form = useForm<EndField>({ fields: END_FIELDS });
  const today = helsinkiToday();
  const submit = save((data, http) => clientsApi.endServicePeriod(http, clientId, period.id, text(data, "ends_on")), m.endedNow, onDone);
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateEnd(data, m, period)} submitLabel={m.endSubmit}>
      <TextField
        form={form}
        name="ends_on"
        label={m.endsOn}
        hint={m.endsOnHint}
        type="date"
        required
        defaultValue={today < period.starts_on ? period.starts_on : today}
      />
    </CheckedForm>
  );
}
