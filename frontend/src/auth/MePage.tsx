import { useLanguage, useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { ContactDetailsForm } from "../notifications/ContactDetailsForm";
import { authMessages } from "./messages";
import { PasswordForm } from "./PasswordForm";
import { roleLabel } from "./roles";
import { useMe } from "./session";

export function MePage() {
  const t = useMessages(authMessages);
  const { language } = useLanguage();
  const me = useMe();
  return (
    <>
      <PageHeading title={t.meTitle}>{t.meTitle}</PageHeading>
      <p className="lead">{t.meIntro}</p>
      <dl className="details">
        <div>
          <dt>{t.meName}</dt>
          <dd>{me.display_name}</dd>
        </div>
        <div>
          <dt>{t.meUsername}</dt>
          <dd>
            <code>{me.username}</code>
          </dd>
        </div>
        <div>
          <dt>{t.meRoles}</dt>
          <dd>
            {me.roles.length === 0 ? (
              t.meNoRoles
            ) : (
              <ul className="plain-list">
                {me.roles.map((role) => (
                  <li key={role}>
                    {roleLabel(role, language)} <code>{role}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t.meScopes}</dt>
          <dd>
            {me.scopes.length === 0 ? (
              t.meNoScopes
            ) : (
              <ul className="plain-list">
                {me.scopes.map((scope) => (
                  <li key={scope}>
                    <code>{scope}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <ContactDetailsForm email={me.email ?? null} language={me.language ?? "fi"} />
      <PasswordForm />
    </>
  );
}
