// The coach's referral in: find the client by the exact identity code (the answer says only
// that the person exists and may be referred; the look-up is in that client's access log) or
// add a new one, record the consents, and refer to a coordinator picked by name. The referral
// is the enrolment itself, naming the coordinator, with the coach as its referrer.
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useMe } from "../auth/session";
import { ApiError } from "../common/api";
import { helsinkiToday } from "../common/calendar";
import { ChoiceGroup, FormMessages, SubmitButton, text, TextField, useForm, type FieldErrors } from "../common/form";
import { useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { keys, useHttp, useInvalidate } from "../common/query";
import { StaffPicker, useStaffDirectory } from "../common/staff";
import { clientsApi, type ConsentPurpose } from "./api";
import { clientCodes, clientsMessages } from "./messages";
import { lineOfRoles } from "./pathwayForms";
import { ClientCreateForm } from "./RegisterClientPage";
import { referInMessages } from "./referInMessages";

type Step =
  | { step: "find" }
  | { step: "create"; identityCode: string }
  | { step: "refer"; clientId: string; name: string | null }
  | { step: "done"; clientId: string; coordinator: string };

const STEP_HEADINGS: Record<Step["step"], string> = {
  find: "refer-find-title",
  create: "refer-create-title",
  refer: "refer-form-title",
  done: "refer-done-title",
};

export function ReferInPage() {
  const r = useMessages(referInMessages);
  const t = useMessages(clientsMessages);
  const [state, setState] = useState<Step>({ step: "find" });
  // The form that was just sent is gone: the next step's heading takes focus, or a keyboard
  // and screen-reader user would be left on the page's start (WCAG 2.4.3).
  // Comparing steps (not counting renders) keeps StrictMode's repeated effects harmless.
  const shownStep = useRef(state.step);
  useEffect(() => {
    if (shownStep.current === state.step) return;
    shownStep.current = state.step;
    document.getElementById(STEP_HEADINGS[state.step])?.focus();
  }, [state.step]);
  return (
    <div className="prose">
      <p>
        <Link to="/asiakkaat">{t.backToClients}</Link>
      </p>
      <PageHeading title={r.title}>{r.title}</PageHeading>
      <p className="lead">{r.intro}</p>
      <ol className="steps" aria-label={r.stepsLabel}>
        <li aria-current={state.step === "find" || state.step === "create" ? "step" : undefined}>{r.stepFind}</li>
        <li aria-current={state.step === "refer" ? "step" : undefined}>{r.stepRefer}</li>
        <li aria-current={state.step === "done" ? "step" : undefined}>{r.stepDone}</li>
      </ol>
      {state.step === "find" && (
        <FindClient
          onFound={(clientId) => setState({ step: "refer", clientId, name: null })}
          onNotFound={(identityCode) => setState({ step: "create", identityCode })}
        />
      )}
      {state.step === "create" && (
        <section aria-labelledby="refer-create-title">
          <h2 id="refer-create-title" tabIndex={-1}>{r.createTitle}</h2>
          <p>{state.identityCode ? r.notFound : r.createIntro}</p>
          <ClientCreateForm
            defaultIdentityCode={state.identityCode}
            submitLabel={r.createAndContinue}
            onCreated={(client) => setState({ step: "refer", clientId: client.id, name: `${client.first_name} ${client.last_name}` })}
          />
        </section>
      )}
      {state.step === "refer" && (
        <ReferForm
          clientId={state.clientId}
          name={state.name}
          onDone={(coordinator) => setState({ step: "done", clientId: state.clientId, coordinator })}
        />
      )}
      {state.step === "done" && <Done clientId={state.clientId} coordinator={state.coordinator} onAnother={() => setState({ step: "find" })} />}
    </div>
  );
}

function FindClient({ onFound, onNotFound }: { onFound: (clientId: string) => void; onNotFound: (identityCode: string) => void }) {
  const r = useMessages(referInMessages);
  const t = useMessages(clientsMessages);
  const http = useHttp();
  const form = useForm<"personal_identity_code">({
    fields: ["personal_identity_code"],
    resetOnSuccess: false,
    describeFailure: (error) => (error instanceof ApiError && error.problem?.code === "may_not_refer_client" ? r.mayNotRefer : null),
  });
  async function submit(data: FormData) {
    const code = text(data, "personal_identity_code").toUpperCase();
    try {
      const found = await clientsApi.lookup(http, code);
      if (!found.may_refer) return r.mayNotRefer;
      onFound(found.client_id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        onNotFound(code);
        return;
      }
      throw error;
    }
  }
  return (
    <section aria-labelledby="refer-find-title">
      <h2 id="refer-find-title" tabIndex={-1}>{r.findTitle}</h2>
      <form
        className="form"
        noValidate
        onSubmit={form.handleSubmit(submit, (data): FieldErrors<"personal_identity_code"> =>
          text(data, "personal_identity_code") ? {} : { personal_identity_code: r.identityCodeRequired },
        )}
      >
        <FormMessages form={form} />
        <TextField
          form={form}
          name="personal_identity_code"
          label={t.identityCode}
          hint={r.identityCodeHint}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
        />
        <SubmitButton submitting={form.submitting}>{r.find}</SubmitButton>
      </form>
      <p>
        <button type="button" className="button button-quiet" onClick={() => onNotFound("")}>
          {r.noIdentityCode}
        </button>
      </p>
    </section>
  );
}

const REFER_FIELDS = ["consents", "coordinator", "registered_on"] as const;
type ReferField = (typeof REFER_FIELDS)[number];
const CONSENTS: readonly ConsentPurpose[] = ["service", "esf_data"];

export function validateReferIn(data: FormData, r: (typeof referInMessages)["fi"]): FieldErrors<ReferField> {
  const errors: FieldErrors<ReferField> = {};
  if (!data.getAll("consents").includes("service")) errors.consents = r.serviceConsentRequired;
  if (!text(data, "coordinator")) errors.coordinator = r.coordinatorRequired;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text(data, "registered_on"))) errors.registered_on = r.dateRequired;
  return errors;
}

function ReferForm({ clientId, name, onDone }: { clientId: string; name: string | null; onDone: (coordinator: string) => void }) {
  const r = useMessages(referInMessages);
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const me = useMe();
  const http = useHttp();
  const invalidate = useInvalidate();
  const directory = useStaffDirectory();
  const form = useForm<ReferField>({ fields: REFER_FIELDS, resetOnSuccess: false });
  async function submit(data: FormData) {
    const coordinator = text(data, "coordinator");
    const roles = directory.data?.byUsername.get(coordinator)?.roles ?? [];
    // The consents travel with the referral: a client found by identity code is not yet the
    // coach's to record consents for, and one already in force stays as it is.
    await clientsApi.enrol(http, clientId, {
      service_line: lineOfRoles(roles) ?? "work_ability",
      coordinator,
      referred_by: me.username,
      registered_on: text(data, "registered_on"),
      consents: data.getAll("consents").map(String) as ConsentPurpose[],
    });
    await invalidate(keys.clients, keys.client(clientId));
    onDone(coordinator);
  }
  return (
    <section aria-labelledby="refer-form-title">
      <h2 id="refer-form-title" tabIndex={-1}>{name ? r.referTitleNamed(name) : r.referTitle}</h2>
      <form className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateReferIn(data, r))}>
        <FormMessages form={form} />
        <ChoiceGroup
          form={form}
          name="consents"
          type="checkbox"
          legend={r.consentsLegend}
          hint={r.consentsHint}
          required
          options={CONSENTS.map((purpose) => ({ value: purpose, label: codes[purpose] }))}
        />
        <StaffPicker
          form={form}
          name="coordinator"
          label={r.coordinator}
          hint={r.coordinatorHint}
          roles={["work_ability_coordinator", "business_coordinator"]}
          required
        />
        <TextField form={form} name="registered_on" label={t.registeredOn} type="date" required defaultValue={helsinkiToday()} />
        <SubmitButton submitting={form.submitting}>{r.refer}</SubmitButton>
      </form>
    </section>
  );
}

function Done({ clientId, coordinator, onAnother }: { clientId: string; coordinator: string; onAnother: () => void }) {
  const r = useMessages(referInMessages);
  const directory = useStaffDirectory();
  const name = directory.data?.byUsername.get(coordinator)?.display_name ?? coordinator;
  return (
    <section aria-labelledby="refer-done-title">
      <div className="notice notice-success" role="status">
        <h2 id="refer-done-title" className="notice-title" tabIndex={-1}>
          {r.doneTitle}
        </h2>
        <p>{r.doneText(name)}</p>
      </div>
      <p>
        <Link to={`/asiakkaat/${clientId}`}>{r.openClient}</Link>
      </p>
      <button type="button" className="button button-secondary" onClick={onAnother}>
        {r.another}
      </button>
    </section>
  );
}
