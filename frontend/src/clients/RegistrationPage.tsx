import { useHttp } from "../common/query";
import { useState } from "react";
import {
  ChoiceGroup,
  FormMessages,
  optionalText,
  SubmitButton,
  text,
  TextField,
  useForm,
  type FieldErrors,
} from "../common/form";
import { useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { clientsApi, type RegistrationCreate, type ServiceLine } from "./api";
import { clientCodes, clientsMessages } from "./messages";
import { checkBackground } from "./validation";

const FIELDS = [
  "first_name",
  "last_name",
  "birth_year",
  "municipality",
  "phone",
  "email",
  "language",
  "preferred_service_line",
  "consents",
] as const;
type Field = (typeof FIELDS)[number];

type Messages = (typeof clientsMessages)["fi"];

export function validateRegistration(data: FormData, t: Messages): FieldErrors<Field> {
  const errors: FieldErrors<Field> = { ...checkBackground(data, t) };
  if (!text(data, "first_name")) errors.first_name = t.firstNameRequired;
  if (!text(data, "last_name")) errors.last_name = t.lastNameRequired;
  if (!text(data, "phone") && !text(data, "email")) errors.phone = t.contactRequired;
  if (!data.getAll("consents").includes("service")) errors.consents = t.serviceConsentRequired;
  return errors;
}

/** The public self-registration form: works without signing in; lands in the triage list. */
export function RegistrationPage() {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const http = useHttp();
  const form = useForm<Field>({ fields: FIELDS });
  const [done, setDone] = useState(false);

  async function submit(data: FormData) {
    const line = text(data, "preferred_service_line");
    const birthYear = text(data, "birth_year");
    const body: RegistrationCreate = {
      first_name: text(data, "first_name"),
      last_name: text(data, "last_name"),
      birth_year: birthYear ? Number(birthYear) : null,
      municipality: optionalText(data, "municipality"),
      phone: optionalText(data, "phone"),
      email: optionalText(data, "email"),
      language: optionalText(data, "language"),
      preferred_service_line: line === "work_ability" || line === "business" ? (line as ServiceLine) : null,
      consents: data.getAll("consents").map(String) as RegistrationCreate["consents"],
      interpreter_needed: false,
    };
    await clientsApi.register(http, body);
    setDone(true);
  }

  return (
    <div className="prose">
      <PageHeading title={t.selfTitle}>{t.selfTitle}</PageHeading>
      {done ? (
        <>
          <div className="notice notice-success" role="status">
            <p>{t.selfDone}</p>
          </div>
          <button type="button" className="button button-secondary" onClick={() => setDone(false)}>
            {t.selfAnother}
          </button>
        </>
      ) : (
        <>
          <p className="lead">{t.selfIntro}</p>
          <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateRegistration(data, t))}>
            <FormMessages form={form} />
            <div className="field-row">
              <TextField form={form} name="first_name" label={t.firstName} required autoComplete="given-name" />
              <TextField form={form} name="last_name" label={t.lastName} required autoComplete="family-name" />
            </div>
            <div className="field-row">
              <TextField form={form} name="birth_year" label={t.birthYear} inputMode="numeric" autoComplete="bday-year" />
              <TextField form={form} name="municipality" label={t.municipality} autoComplete="address-level2" />
            </div>
            <fieldset className="choice-group">
              <legend>{t.selfContactLegend}</legend>
              <p className="field-hint">{t.selfContactHint}</p>
              <div className="field-row">
                <TextField form={form} name="phone" label={t.phone} type="tel" autoComplete="tel" />
                <TextField form={form} name="email" label={t.email} type="email" autoComplete="email" />
              </div>
            </fieldset>
            <TextField form={form} name="language" label={t.language} hint={t.languageHint} defaultValue="fi" />
            <ChoiceGroup
              form={form}
              name="preferred_service_line"
              type="radio"
              legend={t.preferredLine}
              defaultValue=""
              options={[
                { value: "work_ability", label: t.preferredWorkAbility },
                { value: "business", label: t.preferredBusiness },
                { value: "", label: t.preferredUnknown },
              ]}
            />
            <ChoiceGroup
              form={form}
              name="consents"
              type="checkbox"
              legend={t.consentsLegend}
              hint={t.consentsHint}
              options={[
                { value: "service", label: codes.service },
                { value: "esf_data", label: codes.esf_data },
              ]}
            />
            <SubmitButton submitting={form.submitting}>{t.selfSubmit}</SubmitButton>
          </form>
        </>
      )}
    </div>
  );
}
