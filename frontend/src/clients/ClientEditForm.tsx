// Editing a client: every field of CONTRACTS §6 plus the interpreter, target groups,
// education level and non-disclosure, and the identity code given later. Only the changed
// fields are sent (PATCH); a code already on another client comes back by its field.
import { ChoiceGroup, FormMessages, SelectField, SubmitButton, text, TextField, useForm, type FieldErrors } from "../common/form";
import { useMessages } from "../common/i18n";
import { useHttp } from "../common/query";
import { clientsApi, EDUCATION_LEVELS, GENDERS, TARGET_GROUPS, type ClientUpdate, type Overview } from "./api";
import { can } from "./clientView";
import { clientCodes, clientsMessages } from "./messages";
import { useClientChanged } from "./pathwayForms";
import { checkBackground, isHeaderSafe } from "./validation";
import { workMessages } from "./workMessages";

export const EDIT_FIELDS = [
  "first_name",
  "last_name",
  "personal_identity_code",
  "birth_year",
  "gender",
  "municipality",
  "language",
  "phone",
  "email",
  "address",
  "education_level",
  "target_groups",
  "interpreter_needed",
  "non_disclosure",
  "non_disclosure_reason",
] as const;
type Field = (typeof EDIT_FIELDS)[number];
type Messages = (typeof clientsMessages)["fi"];

type WorkWords = (typeof workMessages)["fi"];

export function validateClientEdit(data: FormData, t: Messages, w: WorkWords, client: Overview["client"]): FieldErrors<Field> {
  const errors: FieldErrors<Field> = { ...checkBackground(data, t) };
  if (!text(data, "first_name")) errors.first_name = t.firstNameRequired;
  if (!text(data, "last_name")) errors.last_name = t.lastNameRequired;
  // Setting or lifting non-disclosure is logged with its reason (the service refuses it without).
  const reason = text(data, "non_disclosure_reason");
  if (data.has("non_disclosure_reason")) {
    if ((data.get("non_disclosure") === "yes") !== client.non_disclosure && !reason) errors.non_disclosure_reason = w.nonDisclosureReasonRequired;
    else if (!isHeaderSafe(reason)) errors.non_disclosure_reason = w.reasonOtherCharacters;
  }
  return errors;
}

/** The changes a form makes to a client, field by field; nothing for what stayed the same. */
export function clientChanges(data: FormData, client: Overview["client"], options: { identityCode: boolean; nonDisclosure: boolean }): ClientUpdate {
  const changes: ClientUpdate = {};
  const textFields = ["first_name", "last_name", "municipality", "language", "phone", "email", "address"] as const;
  for (const name of textFields) {
    const value = text(data, name);
    if (value !== (client[name] ?? "")) changes[name] = value || null;
  }
  const birthYear = text(data, "birth_year");
  if (birthYear !== (client.birth_year === null ? "" : String(client.birth_year))) changes.birth_year = birthYear ? Number(birthYear) : null;
  const gender = text(data, "gender");
  if (gender !== (client.gender ?? "")) changes.gender = (gender || null) as ClientUpdate["gender"];
  const education = text(data, "education_level");
  if (education !== (client.education_level ?? "")) changes.education_level = (education || null) as ClientUpdate["education_level"];
  const groups = data.getAll("target_groups").map(String).sort();
  if (groups.join(",") !== [...client.target_groups].sort().join(",")) changes.target_groups = groups as ClientUpdate["target_groups"];
  const interpreter = data.get("interpreter_needed") === "yes";
  if (interpreter !== client.interpreter_needed) changes.interpreter_needed = interpreter;
  if (options.nonDisclosure) {
    const hidden = data.get("non_disclosure") === "yes";
    if (hidden !== client.non_disclosure) changes.non_disclosure = hidden;
  }
  if (options.identityCode) {
    const code = text(data, "personal_identity_code");
    if (code && code !== (client.personal_identity_code ?? "")) changes.personal_identity_code = code;
  }
  return changes;
}

export function ClientEditForm({ view }: { view: Overview }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes);
  const http = useHttp();
  const changed = useClientChanged(view.client.id);
  const form = useForm<Field>({ fields: EDIT_FIELDS, resetOnSuccess: false });
  const { client } = view;
  // The code can be given later, once; a masked code on screen is not the code itself.
  const identityCode = can(view, "identity_code") && !client.personal_identity_code;
  const nonDisclosure = can(view, "non_disclosure");
  async function submit(data: FormData) {
    const changes = clientChanges(data, client, { identityCode, nonDisclosure });
    if (Object.keys(changes).length === 0) return w.nothingChanged;
    // The reason goes only with a change of non-disclosure: it is that change's log entry.
    const reason = "non_disclosure" in changes ? text(data, "non_disclosure_reason") : null;
    await clientsApi.update(http, client.id, changes, reason);
    await changed();
    return w.clientUpdated;
  }
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateClientEdit(data, t, w, client))}>
      <FormMessages form={form} />
      <div className="field-row">
        <TextField form={form} name="first_name" label={t.firstName} required defaultValue={client.first_name} autoComplete="off" maxLength={100} />
        <TextField form={form} name="last_name" label={t.lastName} required defaultValue={client.last_name} autoComplete="off" maxLength={100} />
      </div>
      {identityCode && (
        <TextField form={form} name="personal_identity_code" label={t.identityCode} hint={w.identityCodeLaterHint} autoComplete="off" spellCheck={false} maxLength={20} />
      )}
      <div className="field-row">
        <TextField form={form} name="birth_year" label={t.birthYear} inputMode="numeric" defaultValue={client.birth_year ?? ""} />
        <SelectField
          form={form}
          name="gender"
          label={t.gender}
          placeholder={t.chooseOne}
          defaultValue={client.gender ?? ""}
          options={GENDERS.map((value) => ({ value, label: codes[value] }))}
        />
      </div>
      <div className="field-row">
        <TextField form={form} name="municipality" label={t.municipality} defaultValue={client.municipality ?? ""} maxLength={60} />
        <TextField form={form} name="language" label={t.language} hint={t.languageHint} defaultValue={client.language ?? ""} />
      </div>
      <ChoiceGroup
        form={form}
        name="interpreter_needed"
        type="checkbox"
        legend={w.interpreter}
        defaultValue={client.interpreter_needed ? "yes" : ""}
        options={[{ value: "yes", label: w.interpreterNeeded }]}
      />
      {!client.contact_details_hidden && (
        <>
          <div className="field-row">
            <TextField form={form} name="phone" label={t.phone} type="tel" defaultValue={client.phone ?? ""} maxLength={40} />
            <TextField form={form} name="email" label={t.email} type="email" defaultValue={client.email ?? ""} maxLength={254} />
          </div>
          <TextField form={form} name="address" label={w.address} defaultValue={client.address ?? ""} maxLength={300} />
        </>
      )}
      <SelectField
        form={form}
        name="education_level"
        label={w.educationLevel}
        placeholder={t.chooseOne}
        defaultValue={client.education_level ?? ""}
        options={EDUCATION_LEVELS.map((value) => ({ value, label: codes[value] }))}
      />
      <ChoiceGroup
        form={form}
        name="target_groups"
        type="checkbox"
        legend={w.targetGroups}
        hint={w.targetGroupsHint}
        defaultValue={client.target_groups}
        options={TARGET_GROUPS.map((value) => ({ value, label: codes[value] }))}
      />
      {nonDisclosure && (
        <ChoiceGroup
          form={form}
          name="non_disclosure"
          type="checkbox"
          legend={w.nonDisclosure}
          hint={w.nonDisclosureHint}
          defaultValue={client.non_disclosure ? "yes" : ""}
          options={[{ value: "yes", label: w.nonDisclosureOn }]}
        />
      )}
      {nonDisclosure && (
        <TextField form={form} name="non_disclosure_reason" label={w.nonDisclosureReason} hint={w.nonDisclosureReasonHint} maxLength={200} autoComplete="off" />
      )}
      <SubmitButton submitting={form.submitting}>{w.saveClient}</SubmitButton>
    </form>
  );
}
