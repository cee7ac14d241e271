import { useId, useRef, useState, type FormEvent } from "react";
import { useApi } from "../common/ApiContext";
import { useMessages } from "../common/i18n";
import { adminApi, MACHINE_SCOPES, type MachineClientSecret, type MachineScope } from "./adminApi";
import { CheckboxGroup, describeSaveFailure, ErrorSummary, TextField } from "./forms";
import { adminMessages, scopeLabel } from "./messages";
import {
  parseDecimal,
  validateMachineClient,
  type Errors,
  type MachineClientDraft,
  type MachineClientField,
} from "./validation";

const FIELDS: readonly MachineClientField[] = ["client_id", "name", "scopes", "rate_per_second", "burst"];

export function MachineClientCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (client: MachineClientSecret) => void;
  onCancel: () => void;
}) {
  const t = useMessages(adminMessages);
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState<MachineClientDraft>({
    client_id: "",
    name: "",
    scopes: [],
    rate_per_second: "",
    burst: "",
  });
  const [errors, setErrors] = useState<Errors<MachineClientField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const fieldId = (field: MachineClientField) => `${id}-${field}`;

  function showProblems(nextErrors: Errors<MachineClientField>, nextFailure: string | null) {
    setErrors(nextErrors);
    setFailure(nextFailure);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const found = validateMachineClient(draft, t);
    if (Object.keys(found).length > 0) {
      showProblems(found, null);
      return;
    }
    setErrors({});
    setFailure(null);
    setSaving(true);
    try {
      const created = await adminApi.createMachineClient(api, {
        client_id: draft.client_id.trim(),
        name: draft.name.trim(),
        scopes: draft.scopes as MachineScope[],
        rate_per_second: draft.rate_per_second.trim() === "" ? null : parseDecimal(draft.rate_per_second),
        burst: draft.burst.trim() === "" ? null : parseDecimal(draft.burst),
      });
      onCreated(created);
    } catch (error) {
      const described = describeSaveFailure(error, t, FIELDS, "client_id", t.clientIdTaken);
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
      <h3 id={`${id}-title`}>{t.newMachineClientTitle}</h3>
      <ErrorSummary id={id} title={t.errorSummaryTitle} failure={failure} entries={entries} summaryRef={summaryRef} />
      <TextField
        id={fieldId("client_id")}
        label={t.clientId}
        hint={t.clientIdHint}
        error={errors.client_id}
        value={draft.client_id}
        onChange={(event) => setDraft({ ...draft, client_id: event.target.value })}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField
        id={fieldId("name")}
        label={t.clientName}
        hint={t.clientNameHint}
        error={errors.name}
        value={draft.name}
        onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        autoComplete="off"
      />
      <CheckboxGroup
        id={fieldId("scopes")}
        legend={t.scopes}
        hint={t.scopesHint}
        error={errors.scopes}
        options={MACHINE_SCOPES.map((scope) => ({ value: scope, label: scopeLabel(scope, t) }))}
        selected={draft.scopes}
        onChange={(scopes) => setDraft({ ...draft, scopes })}
      />
      <fieldset className="field rate-fieldset" aria-describedby={`${id}-rate-hint`}>
        <legend>
          {t.rateLimit} <span className="muted">{t.optional}</span>
        </legend>
        <p className="field-hint" id={`${id}-rate-hint`}>
          {t.rateLimitHint}
        </p>
        <div className="rate-fields">
          <TextField
            id={fieldId("rate_per_second")}
            label={t.ratePerSecond}
            error={errors.rate_per_second}
            inputMode="decimal"
            value={draft.rate_per_second}
            onChange={(event) => setDraft({ ...draft, rate_per_second: event.target.value })}
            autoComplete="off"
          />
          <TextField
            id={fieldId("burst")}
            label={t.burst}
            error={errors.burst}
            inputMode="numeric"
            value={draft.burst}
            onChange={(event) => setDraft({ ...draft, burst: event.target.value })}
            autoComplete="off"
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-busy={saving || undefined}>
          {saving ? t.saving : t.createMachineClient}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
