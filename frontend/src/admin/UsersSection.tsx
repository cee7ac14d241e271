import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { roleLabel } from "../auth/roles";
import { useMe } from "../auth/session";
import { useApi } from "../common/ApiContext";
import { Badge } from "../common/StatusBadge";
import { useLanguage, useMessages } from "../common/i18n";
import { adminApi, STAFF_ROLES, type StaffRole, type UserRead } from "./adminApi";
import { CheckboxGroup, describeSaveFailure, loadFailureText, type LoadState } from "./forms";
import { ConfirmAction, ReactivateButton } from "./RowActions";
import { adminMessages, type Announcement } from "./messages";
import { UserCreateForm } from "./UserCreateForm";

type RowMode = { username: string; mode: "roles" | "deactivate" } | null;

function focusById(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

function RolesEditor({
  user,
  onSaved,
  onCancel,
}: {
  user: UserRead;
  onSaved: (user: UserRead) => void;
  onCancel: () => void;
}) {
  const t = useMessages(adminMessages);
  const { language } = useLanguage();
  const api = useApi();
  const id = useId();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => focusById(`${id}-roles`), [id]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    if (roles.length === 0) {
      setError(t.rolesRequired);
      focusById(`${id}-roles`);
      return;
    }
    setSaving(true);
    try {
      onSaved(await adminApi.updateUser(api, user.username, { roles: roles as StaffRole[] }));
    } catch (caught) {
      const described = describeSaveFailure(caught, t, ["roles"] as const, "roles", t.saveFailed);
      setError(described.errors.roles ?? described.failure ?? t.saveFailed);
      setSaving(false);
    }
  }

  return (
    <form className="row-form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-label={t.changeRolesFor(user.display_name)}>
      <CheckboxGroup
        id={`${id}-roles`}
        legend={t.changeRolesFor(user.display_name)}
        error={error ?? undefined}
        options={STAFF_ROLES.map((role) => ({ value: role, label: roleLabel(role, language) }))}
        selected={roles}
        onChange={setRoles}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-busy={saving || undefined}>
          {saving ? t.saving : t.save}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

export function UsersSection({ announce }: { announce: (message: Announcement) => void }) {
  const t = useMessages(adminMessages);
  const { language } = useLanguage();
  const api = useApi();
  const me = useMe();
  const id = useId();
  const [users, setUsers] = useState<LoadState<UserRead[]>>({ status: "loading" });
  const [creating, setCreating] = useState(false);
  const [rowMode, setRowMode] = useState<RowMode>(null);
  const newButtonRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(() => {
    setUsers({ status: "loading" });
    adminApi.listUsers(api).then(
      (data) => setUsers({ status: "ok", data }),
      (error: unknown) => setUsers({ status: "error", error }),
    );
  }, [api]);

  useEffect(load, [load]);

  function replace(user: UserRead) {
    setUsers((previous) =>
      previous.status === "ok"
        ? { status: "ok", data: previous.data.map((item) => (item.username === user.username ? user : item)) }
        : previous,
    );
  }

  const actionId = (username: string, action: string) => `${id}-${action}-${username}`;

  function closeRow(username: string, action: "roles" | "deactivate" | "reactivate") {
    setRowMode(null);
    focusById(actionId(username, action === "roles" ? "roles" : "status"));
  }

  async function setActive(user: UserRead, active: boolean) {
    const updated = await adminApi.updateUser(api, user.username, { active });
    replace(updated);
    announce((m) => (active ? m.userReactivated(user.username) : m.userDeactivated(user.username)));
    closeRow(user.username, active ? "reactivate" : "deactivate");
  }

  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h2 id={`${id}-title`}>{t.usersTitle}</h2>
      {!creating && (
        <button
          type="button"
          className="button button-primary"
          ref={newButtonRef}
          onClick={() => setCreating(true)}
        >
          {t.newUser}
        </button>
      )}
      {creating && (
        <UserCreateForm
          onCreated={(user) => {
            setCreating(false);
            setUsers((previous) =>
              previous.status === "ok"
                ? { status: "ok", data: [...previous.data, user].sort((a, b) => a.username.localeCompare(b.username)) }
                : previous,
            );
            announce((m) => m.userCreated(user.username));
            requestAnimationFrame(() => newButtonRef.current?.focus());
          }}
          onCancel={() => {
            setCreating(false);
            requestAnimationFrame(() => newButtonRef.current?.focus());
          }}
        />
      )}

      {users.status === "loading" && <p className="placeholder">{t.loading}</p>}
      {users.status === "error" && (
        <div className="notice notice-error">
          <p>{loadFailureText(users.error, t)}</p>
          <button type="button" className="button button-secondary" onClick={load}>
            {t.retry}
          </button>
        </div>
      )}
      {users.status === "ok" && users.data.length === 0 && <p className="placeholder">{t.usersEmpty}</p>}
      {users.status === "ok" && users.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t.usersTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.userColumn}</th>
                <th scope="col">{t.roles}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => {
                const own = user.username === me.username;
                const mode = rowMode?.username === user.username ? rowMode.mode : null;
                return (
                  <tr key={user.username} className={user.active ? undefined : "row-inactive"}>
                    <th scope="row">
                      <span className="cell-primary">{user.display_name}</span>{" "}
                      <span className="cell-secondary">
                        <code>{user.username}</code> {own && t.you}
                      </span>
                    </th>
                    <td>{user.roles.map((role) => roleLabel(role, language)).join(", ")}</td>
                    <td>
                      <Badge tone={user.active ? "success" : "neutral"}>{user.active ? t.active : t.inactive}</Badge>
                    </td>
                    <td className="row-actions">
                      {mode === "roles" && (
                        <RolesEditor
                          user={user}
                          onSaved={(updated) => {
                            replace(updated);
                            announce((m) => m.rolesSaved(user.username));
                            closeRow(user.username, "roles");
                          }}
                          onCancel={() => closeRow(user.username, "roles")}
                        />
                      )}
                      {mode === "deactivate" && (
                        <ConfirmAction
                          question={t.confirmDeactivateUser(user.display_name)}
                          confirmLabel={t.confirmDeactivate}
                          onConfirm={() => setActive(user, false)}
                          onCancel={() => closeRow(user.username, "deactivate")}
                        />
                      )}
                      {mode === null && (
                        <div className="action-buttons">
                          <button
                            type="button"
                            id={actionId(user.username, "roles")}
                            className="button button-secondary"
                            aria-label={t.changeRolesFor(user.display_name)}
                            onClick={() => setRowMode({ username: user.username, mode: "roles" })}
                          >
                            {t.changeRoles}
                          </button>
                          {user.active && own && <span className="muted small">{t.ownAccount}</span>}
                          {user.active && !own && (
                            <button
                              type="button"
                              id={actionId(user.username, "status")}
                              className="button button-secondary"
                              aria-label={t.deactivateFor(user.display_name)}
                              onClick={() => setRowMode({ username: user.username, mode: "deactivate" })}
                            >
                              {t.deactivate}
                            </button>
                          )}
                          {!user.active && (
                            <ReactivateButton
                              id={actionId(user.username, "status")}
                              label={t.reactivate}
                              ariaLabel={t.reactivateFor(user.display_name)}
                              onActivate={() => setActive(user, true)}
                            />
                          )}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
