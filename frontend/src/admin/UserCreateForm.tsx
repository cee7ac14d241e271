import { useId, useRef, useState, type FormEvent } from "react";
import { roleLabel } from "../auth/roles";
import { useApi } from "../common/ApiContext";
import { useLanguage, useMessages } from "../common/i18n";
import { adminApi, STAFF_ROLES, type StaffRole, type UserRead } from "./adminApi";
import { CheckboxGroup, describeSaveFailure, ErrorSummary, TextField } from "./forms";
import { adminMessages } from "./messages";
import { validateUser, type Errors, type UserDraft, type UserField } from "./validation";

const FIELDS: readonly UserField[] = ["username", "display_name", "roles", "password"];

export function UserCreateForm({ onCreated, onCancel }: { onCreated: (user: UserRead) => void; onCancel: () => void }) {
  const t = useMessages(adminMessages);
  const { language } = useLanguage();
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState<UserDraft>({ username: "", display_name: "", roles: [], password: "" });
  const [errors, setErrors] = useState<Errors<UserField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const fieldId = (field: UserField) => `${id}-${field}`;

  function showProblems(nextErrors: Errors<UserField>, nextFailure: string | null) {
    setErrors(nextErrors);
    setFailure(nextFailure);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const found = validateUser(draft, t);
    if (Object.keys(found).length > 0) {
      showProblems(found, null);
      return;
    }
    setErrors({});
    setFailure(null);
    setSaving(true);
    try {
      const user = await adminApi.createUser(api, {
        username: draft.username.trim(),
        display_name: draft.display_name.trim(),
        roles: draft.roles as StaffRole[],
        password: draft.password,
      });
      onCreated(user);
    } catch (error) {
      const described = describeSaveFailure(error, t, FIELDS, "username", t.usernameTaken);
      setSaving(false);
      showProblems(described.errors, described.failure);
    }
  }

  const entries = FIELDS.filter((field) => errors[field]).map((field): [string, string] => [
    fieldId(field),
    errors[field] ?? "",
  ]);

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
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-busy={saving || undefined}>
          {saving ? t.saving : t.createUser}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
