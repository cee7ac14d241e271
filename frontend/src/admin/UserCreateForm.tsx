import { roleLabel } from "../auth/roles";
import { useApi } from "../common/ApiContext";
import { useLanguage, useMessages } from "../common/i18n";
import { adminApi, STAFF_ROLES, type StaffRole, type UserRead } from "./adminApi";
import { CheckboxGroup, CreateFormActions, ErrorSummary, TextField, useCreateForm } from "./forms";
import { notificationsMessages } from "../notifications/notificationsMessages";
import { adminMessages } from "./messages";
import { validateUser, type UserDraft, type UserField } from "./validation";

const FIELDS: readonly UserField[] = ["username", "display_name", "email", "roles", "password"];

export function UserCreateForm({ onCreated, onCancel }: { onCreated: (user: UserRead) => void; onCancel: () => void }) {
  const t = useMessages(adminMessages);
  const n = useMessages(notificationsMessages);
  const { language } = useLanguage();
  const api = useApi();
  const { id, draft, setDraft, errors, failure, saving, summaryRef, fieldId, handleSubmit, entries } = useCreateForm({
    fields: FIELDS,
    initial: { username: "", display_name: "", roles: [], password: "", email: "" } as UserDraft,
    validate: validateUser,
    save: (user: UserDraft) =>
      adminApi.createUser(api, {
        username: user.username.trim(),
        display_name: user.display_name.trim(),
        roles: user.roles as StaffRole[],
        password: user.password,
        email: user.email.trim() || null,
        // Finnish until the person chooses otherwise on their own Minä page.
        language: "fi",
      }),
    taken: { field: "username", message: t.usernameTaken },
    onCreated,
    t,
  });

  return (
    <form className="form admin-form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t.newUserTitle}</h3>
      <ErrorSummary id={id} title={t.errorSummaryTitle} failure={failure} entries={entries} summaryRef={summaryRef} />
      <TextField
        id={fieldId("username")}
        label={t.username}
        hint={t.usernameHint}
        error={errors.username}
        value={draft.username}
        onChange={(event) => setDraft({ ...draft, username: event.target.value })}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField
        id={fieldId("display_name")}
        label={t.displayName}
        error={errors.display_name}
        value={draft.display_name}
        onChange={(event) => setDraft({ ...draft, display_name: event.target.value })}
        autoComplete="off"
      />
      <TextField
        id={fieldId("email")}
        label={n.email}
        hint={n.emailHint}
        error={errors.email}
        type="email"
        value={draft.email}
        onChange={(event) => setDraft({ ...draft, email: event.target.value })}
        autoComplete="off"
      />
      <CheckboxGroup
        id={fieldId("roles")}
        legend={t.roles}
        hint={t.rolesHint}
        error={errors.roles}
        options={STAFF_ROLES.map((role) => ({ value: role, label: roleLabel(role, language) }))}
        selected={draft.roles}
        onChange={(roles) => setDraft({ ...draft, roles })}
      />
      <TextField
        id={fieldId("password")}
        label={t.initialPassword}
        hint={t.passwordHint}
        error={errors.password}
        type="password"
        value={draft.password}
        onChange={(event) => setDraft({ ...draft, password: event.target.value })}
        autoComplete="new-password"
      />
      <CreateFormActions saving={saving} label={t.createUser} onCancel={onCancel} t={t} />
    </form>
  );
}
