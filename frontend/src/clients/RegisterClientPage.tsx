import { useHttp } from "../common/query";
import { Link, useNavigate } from "react-router";
import {
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
import { clientsApi, type ClientCreate } from "./api";
import { clientCodes, clientsMessages } from "./messages";
import { checkBackground } from "./validation";

const FIELDS = [
  "first_name",
  "last_name",
  "personal_identity_code",
  "birth_year",
  "gender",
  "municipality",
  "language",
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

/** A coordinator or coach registers a client; the new client's page opens next. */
export function RegisterClientPage() {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const http = useHttp();
  const navigate = useNavigate();
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
      interpreter_needed: false,
      non_disclosure: false,
    };
    const client = await clientsApi.create(http, body);
    navigate(`/asiakkaat/${client.id}`);
  }

  return (
    <div className="prose">
      <p>
        <Link to="/asiakkaat">{t.backToClients}</Link>
      </p>
      <PageHeading title={t.registerTitle}>{t.registerTitle}</PageHeading>
      <p className="lead">{t.registerIntro}</p>
      <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateClient(data, t))}>
        <FormMessages form={form} />
        <div className="field-row">
          <TextField form={form} name="first_name" label={t.firstName} required autoComplete="off" />
          <TextField form={form} name="last_name" label={t.lastName} required autoComplete="off" />
        </div>
        <TextField
          form={form}
          name="personal_identity_code"
          label={t.identityCode}
          hint={t.identityCodeHint}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="field-row">
          <TextField form={form} name="birth_year" label={t.birthYear} inputMode="numeric" />
          <SelectField
            form={form}
            name="gender"
            label={t.gender}
            placeholder={t.chooseOne}
            options={(["female", "male", "other", "unknown"] as const).map((value) => ({ value, label: codes[value] }))}
          />
        </div>
        <div className="field-row">
          <TextField form={form} name="municipality" label={t.municipality} />
          <TextField form={form} name="language" label={t.language} hint={t.languageHint} defaultValue="fi" />
        </div>
        <div className="field-row">
          <TextField form={form} name="phone" label={t.phone} type="tel" />
          <TextField form={form} name="email" label={t.email} type="email" />
        </div>
        <SubmitButton submitting={form.submitting}>{t.saveClient}</SubmitButton>
      </form>
    </div>
  );
}
