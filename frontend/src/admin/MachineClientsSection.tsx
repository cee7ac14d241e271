import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useApi } from "../common/ApiContext";
import { Badge } from "../common/StatusBadge";
import { useLanguage, useMessages } from "../common/i18n";
import { adminApi, type MachineClientRead, type MachineClientSecret } from "./adminApi";
import { loadFailureText, type LoadState } from "./forms";
import { MachineClientCreateForm } from "./MachineClientCreateForm";
import { adminMessages, type Announcement } from "./messages";
import { ConfirmAction, ReactivateButton } from "./RowActions";

/** The secret, shown this once: a clear warning, a copy button, and nothing kept after "stored". */
export function SecretReveal({ secret, onDone }: { secret: MachineClientSecret; onDone: () => void }) {
  const t = useMessages(adminMessages);
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    requestAnimationFrame(() => headingRef.current?.focus());
  }, []);

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(secret.client_secret);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <div className="secret-reveal" role="region" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t.secretTitle}
      </h3>
      <p className="secret-warning">
        <strong>{t.secretWarning}</strong>
      </p>
      <p>{t.secretFor(secret.client_id)}</p>
      <div className="field">
        <label htmlFor={`${id}-secret`}>{t.secretLabel}</label>
        <input
          id={`${id}-secret`}
          className="secret-value"
          readOnly
          value={secret.client_secret}
          onFocus={(event) => event.target.select()}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={() => void handleCopy()}>
          {t.copy}
        </button>
        <button type="button" className="button button-primary" onClick={onDone}>
          {t.secretStored}
        </button>
      </div>
      <p role="status" className="small">
        {copy === "copied" && t.copied}
        {copy === "failed" && t.copyFailed}
      </p>
    </div>
  );
}

type RowMode = { clientId: string; mode: "rotate" | "deactivate" } | null;

function focusById(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

export function MachineClientsSection({ announce }: { announce: (message: Announcement) => void }) {
  const t = useMessages(adminMessages);
  const { language } = useLanguage();
  const api = useApi();
  const id = useId();
  const [clients, setClients] = useState<LoadState<MachineClientRead[]>>({ status: "loading" });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<MachineClientSecret | null>(null);
  const [rowMode, setRowMode] = useState<RowMode>(null);
  const newButtonRef = useRef<HTMLButtonElement>(null);
  const number = new Intl.NumberFormat(language === "fi" ? "fi-FI" : "en-GB", { maximumFractionDigits: 2 });

  const load = useCallback(() => {
    setClients({ status: "loading" });
    adminApi.listMachineClients(api).then(
      (data) => setClients({ status: "ok", data }),
      (error: unknown) => setClients({ status: "error", error }),
    );
  }, [api]);

  useEffect(load, [load]);

  function upsert(client: MachineClientRead) {
    const { client_id, name, scopes, active, rate_per_second, burst } = client;
    const read: MachineClientRead = { client_id, name, scopes, active, rate_per_second, burst };
    setClients((previous) => {
      if (previous.status !== "ok") return previous;
      const exists = previous.data.some((item) => item.client_id === client_id);
      const data = exists
        ? previous.data.map((item) => (item.client_id === client_id ? read : item))
        : [...previous.data, read].sort((a, b) => a.client_id.localeCompare(b.client_id));
      return { status: "ok", data };
    });
  }

  const actionId = (clientId: string, action: string) => `${id}-${action}-${clientId}`;

  function closeRow(clientId: string, action: "rotate" | "status") {
    setRowMode(null);
    focusById(actionId(clientId, action));
  }

  async function setActive(client: MachineClientRead, active: boolean) {
    upsert(await adminApi.updateMachineClient(api, client.client_id, { active }));
    announce((m) => (active ? m.clientReactivated(client.client_id) : m.clientDeactivated(client.client_id)));
    closeRow(client.client_id, "status");
  }

  async function rotate(client: MachineClientRead) {
    const rotated = await adminApi.rotateSecret(api, client.client_id);
    setRowMode(null);
    announce((m) => m.secretRotated(client.client_id));
    setSecret(rotated);
  }

  function rateText(client: MachineClientRead): string {
    if (client.rate_per_second === null && client.burst === null) return t.rateDefault;
    return t.rateValue(
      client.rate_per_second === null ? t.rateDefault : number.format(client.rate_per_second),
      client.burst === null ? t.rateDefault : number.format(client.burst),
    );
  }

  return (
    <section aria-labelledby={`${id}-title`} className="admin-section">
      <h2 id={`${id}-title`}>{t.machineClientsTitle}</h2>
      <p>{t.machineClientsIntro}</p>
      {secret && (
        <SecretReveal
          secret={secret}
          onDone={() => {
            setSecret(null);
            requestAnimationFrame(() => newButtonRef.current?.focus());
          }}
        />
      )}
      {!creating && !secret && (
        <button type="button" className="button button-primary" ref={newButtonRef} onClick={() => setCreating(true)}>
          {t.newMachineClient}
        </button>
      )}
      {creating && (
        <MachineClientCreateForm
          onCreated={(created) => {
            setCreating(false);
            upsert(created);
            announce((m) => m.machineClientCreated(created.client_id));
            setSecret(created);
          }}
          onCancel={() => {
            setCreating(false);
            requestAnimationFrame(() => newButtonRef.current?.focus());
          }}
        />
      )}

      {clients.status === "loading" && <p className="placeholder">{t.loading}</p>}
      {clients.status === "error" && (
        <div className="notice notice-error">
          <p>{loadFailureText(clients.error, t)}</p>
          <button type="button" className="button button-secondary" onClick={load}>
            {t.retry}
          </button>
        </div>
      )}
      {clients.status === "ok" && clients.data.length === 0 && <p className="placeholder">{t.machineClientsEmpty}</p>}
      {clients.status === "ok" && clients.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t.machineClientsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.clientColumn}</th>
                <th scope="col">{t.scopes}</th>
                <th scope="col">{t.rateLimit}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {clients.data.map((client) => {
                const mode = rowMode?.clientId === client.client_id ? rowMode.mode : null;
                return (
                  <tr key={client.client_id} className={client.active ? undefined : "row-inactive"}>
                    <th scope="row">
                      <span className="cell-primary">
                        <code>{client.client_id}</code>
                      </span>{" "}
                      <span className="cell-secondary">{client.name}</span>
                    </th>
                    <td>
                      <ul className="plain-list">
                        {client.scopes.map((scope) => (
                          <li key={scope}>
                            <code>{scope}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{rateText(client)}</td>
                    <td>
                      <Badge tone={client.active ? "success" : "neutral"}>{client.active ? t.active : t.inactive}</Badge>
                    </td>
                    <td className="row-actions">
                      {mode === "rotate" && (
                        <ConfirmAction
                          question={t.confirmRotate(client.client_id)}
                          confirmLabel={t.confirmRotateYes}
                          onConfirm={() => rotate(client)}
                          onCancel={() => closeRow(client.client_id, "rotate")}
                        />
                      )}
                      {mode === "deactivate" && (
                        <ConfirmAction
                          question={t.confirmDeactivateClient(client.client_id)}
                          confirmLabel={t.confirmDeactivate}
                          onConfirm={() => setActive(client, false)}
                          onCancel={() => closeRow(client.client_id, "status")}
                        />
                      )}
                      {mode === null && (
                        <div className="action-buttons">
                          <button
                            type="button"
                            id={actionId(client.client_id, "rotate")}
                            className="button button-secondary"
                            aria-label={t.rotateSecretFor(client.client_id)}
                            onClick={() => setRowMode({ clientId: client.client_id, mode: "rotate" })}
                          >
                            {t.rotateSecret}
                          </button>
                          {client.active ? (
                            <button
                              type="button"
                              id={actionId(client.client_id, "status")}
                              className="button button-secondary"
                              aria-label={t.deactivateFor(client.client_id)}
                              onClick={() => setRowMode({ clientId: client.client_id, mode: "deactivate" })}
                            >
                              {t.deactivate}
                            </button>
                          ) : (
                            <ReactivateButton
                              id={actionId(client.client_id, "status")}
                              label={t.reactivate}
                              ariaLabel={t.reactivateFor(client.client_id)}
                              onActivate={() => setActive(client, true)}
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
