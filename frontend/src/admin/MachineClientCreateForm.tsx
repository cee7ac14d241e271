import { useApi } from "../common/ApiContext";
import { useMessages } from "../common/i18n";
import { adminApi, MACHINE_SCOPES, type MachineClientSecret, type MachineScope } from "./adminApi";
import { CheckboxGroup, CreateFormActions, ErrorSummary, TextField, useCreateForm } from "./forms";
import { adminMessages, scopeLabel } from "./messages";
import {
  parseDecimal,
  validateMachineClient,
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
  const { id, draft, setDraft, errors, failure, saving, summaryRef, fieldId, handleSubmit, entries } = useCreateForm({
    fields: FIELDS,
    initial: { client_id: "", name: "", scopes: [], rate_per_second: "", burst: "" } as MachineClientDraft,
    validate: validateMachineClient,
    save: (client: MachineClientDraft) =>
      adminApi.createMachineClient(api, {
        client_id: client.client_id.trim(),
        name: client.name.trim(),
        scopes: client.scopes as MachineScope[],
        rate_per_second: client.rate_per_second.trim() === "" ? null : parseDecimal(client.rate_per_second),
        burst: client.burst.trim() === "" ? null : parseDecimal(client.burst),
      }),
    taken: { field: "client_id", message: t.clientIdTaken },
    onCreated,
    t,
  });

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
      <CreateFormActions saving={saving} label={t.createMachineClient} onCancel={onCancel} t={t} />
    </form>
  );
}
