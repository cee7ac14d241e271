import { Link, useNavigate } from "react-router";
import {
  ChoiceGroup,
  FormMessages,
  optionalText,
  SelectField,
  SubmitButton,
  text,
  TextField,
  useForm,
  type FieldErrors,
} from "../common/form";
import { useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { keys, useHttp, useInvalidate } from "../common/query";
import { clientsApi, GENDERS, type Client, type ClientCreate } from "./api";
import { clientCodes, clientsMessages } from "./messages";
import { checkBackground } from "./validation";
import { workMessages } from "./workMessages";

const FIELDS = [
  "first_name",
  "last_name",
  "personal_identity_code",
  "birth_year",
  "gender",
  "municipality",
  "language",
  "interpreter_needed",
  "phone",
  "email",
] as const;
type Field = (typeof FIELDS)[number];
type Messages = (typeof clientsMessages)["fi"];

export function validateClient(data: FormData, t: Messages): FieldErrors<Field> {
  const errors: FieldErrors<Field> = { ...checkBackground(data, t) };
  if (!text(data, "first_name")) errors.first_name = t.firstNameRequired;
  if (!text(data, "last_name")) errors.last_name = t.lastNameRequired;
  return errors;
}

/** A new client's details; the caller decides what follows (the page, or the referral). */
export function ClientCreateForm({
  defaultIdentityCode = "",
  onCreated,
  submitLabel,
}: {
  defaultIdentityCode?: string;
  onCreated: (client: Client) => void;
  submitLabel?: string;
}) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes);
  const http = useHttp();
  const invalidate = useInvalidate();
  const form = useForm<Field>({ fields: FIELDS, resetOnSuccess: false });

  async function submit(data: FormData) {
    const birthYear = text(data, "birth_year");
    const body: ClientCreate = {
      first_name: text(data, "first_name"),
      last_name: text(data, "last_name"),
      personal_identity_code: optionalText(data, "personal_identity_code"),
      birth_year: birthYear ? Number(birthYear) : null,
      gender: (optionalText(data, "gender") as ClientCreate["gender"]) ?? null,
      municipality: optionalText(data, "municipality"),
      language: optionalText(data, "language"),
      phone: optionalText(data, "phone"),
      email: optionalText(data, "email"),
      interpreter_needed: data.get("interpreter_needed") === "yes",
      non_disclosure: false,
    };
    const client = await clientsApi.create(http, body);
    await invalidate(keys.clients);
    onCreated(client);
  }

  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateClient(data, t))}>
      <FormMessages form={form} />
      <div className="field-row">
        <TextField form={form} name="first_name" label={t.firstName} required autoComplete="off" maxLength={100} />
        <TextField form={form} name="last_name" label={t.lastName} required autoComplete="off" maxLength={100} />
      </div>
      <TextField
        form={form}
        name="personal_identity_code"
        label={t.identityCode}
        hint={t.identityCodeHint}
        autoComplete="off"
        spellCheck={false}
        defaultValue={defaultIdentityCode}
        maxLength={20}
      />
      <div className="field-row">
        <TextField form={form} name="birth_year" label={t.birthYear} inputMode="numeric" />
        <SelectField
          form={form}
          name="gender"
          label={t.gender}
          placeholder={t.chooseOne}
          options={GENDERS.map((value) => ({ value, label: codes[value] }))}
        />
      </div>
      <div className="field-row">
        <TextField form={form} name="municipality" label={t.municipality} maxLength={60} />
        <TextField form={form} name="language" label={t.language} hint={t.languageHint} defaultValue="fi" />
      </div>
      <ChoiceGroup
        form={form}
        name="interpreter_needed"
        type="checkbox"
        legend={w.interpreter}
        options={[{ value: "yes", label: w.interpreterNeeded }]}
      />
      <div className="field-row">
        <TextField form={form} name="phone" label={t.phone} type="tel" maxLength={40} />
        <TextField form={form} name="email" label={t.email} type="email" maxLength={254} />
      </div>
      <SubmitButton submitting={form.submitting}>{submitLabel ?? t.saveClient}</SubmitButton>
    </form>
  );
}

/** A coordinator registers a client; the new client's page opens next (a coach refers: ReferInPage). */
export function RegisterClientPage() {
  const t = useMessages(clientsMessages);
  const navigate = useNavigate();
  return (
    <div className="prose">
      <p>
        <Link to="/asiakkaat">{t.backToClients}</Link>
      </p>
      <PageHeading title={t.registerTitle}>{t.registerTitle}</PageHeading>
      <p className="lead">{t.registerIntro}</p>
      <ClientCreateForm onCreated={(client) => navigate(`/asiakkaat/${client.id}`)} />
    </div>
  );
}
