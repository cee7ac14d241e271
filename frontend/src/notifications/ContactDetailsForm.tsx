// One's own e-mail address and message language on the Minä page (PATCH /api/v1/me); the
// gateway checks the address and the notifications service reads both for mail.
import { useState } from "react";
import { Link } from "react-router";
import { useApi } from "../common/ApiContext";
import { dataOf } from "../common/api";
import { CheckedForm, SelectField, TextField, optionalText, text, useForm } from "../common/form";
import { useMessages } from "../common/i18n";
import { NOTIFICATION_PREFERENCES_PATH } from "../common/navigation";
import { notificationsMessages } from "./notificationsMessages";

const CONTACT_FIELDS = ["email", "language"] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

export function ContactDetailsForm({ email, language }: { email: string | null; language: "fi" | "en" }) {
  const t = useMessages(notificationsMessages);
  const { http } = useApi();
  const form = useForm<ContactField>({ fields: CONTACT_FIELDS });
  // The saved values, so the fields show what the server kept (e.g. a trimmed address).
  const [saved, setSaved] = useState({ email: email ?? "", language });
  return (
    <section aria-labelledby="contact-details-title">
      <h2 id="contact-details-title">{t.contactTitle}</h2>
      <p>{t.contactIntro}</p>
      <p>
        {t.mePreferencesText} <Link to={NOTIFICATION_PREFERENCES_PATH}>{t.preferencesLink}</Link>
      </p>
      <CheckedForm
        form={form}
        run={async (data) => {
          const me = await dataOf(
            http.gateway.PATCH("/api/v1/me", {
              body: { email: optionalText(data, "email"), language: text(data, "language") === "en" ? "en" : "fi" },
            }),
          );
          setSaved({ email: me.email ?? "", language: me.language ?? "fi" });
          return t.contactSaved;
        }}
        submitLabel={t.saveContact}
      >
        <TextField
          key={`email-${saved.email}`}
          form={form}
          name="email"
          label={t.email}
          hint={t.emailHint}
          type="email"
          autoComplete="email"
          defaultValue={saved.email}
        />
        <SelectField
          key={`language-${saved.language}`}
          form={form}
          name="language"
          label={t.language}
          defaultValue={saved.language}
          options={[
            { value: "fi", label: t.languageFi },
            { value: "en", label: t.languageEn },
          ]}
        />
      </CheckedForm>
    </section>
  );
}
