// The warm hand-off from the client page: a transfer (or a consultation) to a coordinator
// picked by name, the consents it needs asked and recorded right here when the service says
// they are missing, and optionally the tripartite meeting (client + both coordinators)
// booked with it. The receiver's accept makes both responsible; either completes it.
import { useRef, useState } from "react";
import { useMe } from "../auth/session";
import { helsinkiLocalNow, helsinkiLocalToIso } from "../common/calendar";
import { ConfirmButton } from "../common/Dialog";
import { describeError } from "../common/errors";
import {
  ChoiceGroup,
  FormMessages,
  optionalText,
  SubmitButton,
  text,
  TextAreaField,
  TextField,
  useForm,
  type FieldErrors,
} from "../common/form";
import { useLanguage, useMessages } from "../common/i18n";
import { keys, useHttp, useInvalidate } from "../common/query";
import { StaffPicker } from "../common/staff";
import { clientsApi, type ConsentPurpose, type EnrolmentOverview, type Overview } from "../clients/api";
import { can } from "../clients/clientView";
import { clientCodes } from "../clients/messages";
import { anHourLater, validateMeetingTimes } from "../clients/pathwayForms";
import { clientsMessages } from "../clients/messages";
import { workMessages } from "../clients/workMessages";
import { missingConsents, referralsApi, type HandoverPart } from "./api";

const FIELDS = ["kind", "to_user", "message", "summary_normal", "summary_health", "tripartite", "at", "ends_at", "place", "remote_link"] as const;
type Field = (typeof FIELDS)[number];
type W = (typeof workMessages)["fi"];

export function validateHandoff(data: FormData, w: W, t: (typeof clientsMessages)["fi"]): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!text(data, "kind")) errors.kind = w.handoffKindRequired;
  if (!text(data, "to_user")) errors.to_user = w.receiverRequired;
  if (data.get("tripartite") === "yes") Object.assign(errors, validateMeetingTimes<Field>(data, w, t));
  return errors;
}

export function HandoffForm({ view, enrolment }: { view: Overview; enrolment: EnrolmentOverview }) {
  const w = useMessages(workMessages);
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const { language } = useLanguage();
  const me = useMe();
  const http = useHttp();
  const invalidate = useInvalidate();
  const clientId = view.client.id;
  const [missing, setMissing] = useState<string[]>([]);
  const [consentStatus, setConsentStatus] = useState<string | null>(null);
  const [tripartite, setTripartite] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<Field>({
    fields: FIELDS,
    describeFailure: (error) => {
      const lacking = missingConsents(error);
      setMissing(lacking);
      return lacking.length > 0 ? w.consentsMissing(lacking.map((purpose) => codes[purpose] ?? purpose).join(", ")) : null;
    },
  });
  const allowHealth = can(view, "health_notes");
  const start = helsinkiLocalNow();

  async function submit(data: FormData) {
    const summary: HandoverPart[] = [];
    const normal = text(data, "summary_normal");
    const health = text(data, "summary_health");
    if (normal) summary.push({ text: normal, sensitivity: "normal" });
    if (allowHealth && health) summary.push({ text: health, sensitivity: "health" });
    const toUser = text(data, "to_user");
    const referral = await referralsApi.send(http, {
      client_id: clientId,
      enrolment_id: enrolment.id,
      kind: text(data, "kind") as "transfer" | "consultation",
      to_user: toUser,
      message: optionalText(data, "message"),
      summary,
    });
    setMissing([]);
    if (data.get("tripartite") === "yes") {
      const ends = text(data, "ends_at");
      await clientsApi.recordMeeting(http, clientId, enrolment.id, {
        kind: "tripartite",
        status: "scheduled",
        at: helsinkiLocalToIso(text(data, "at")),
        ends_at: ends ? helsinkiLocalToIso(ends) : null,
        place: optionalText(data, "place"),
        remote_link: optionalText(data, "remote_link"),
        participants: [me.username, toUser],
        referral_id: referral.id,
      });
    }
    await invalidate(keys.client(clientId), keys.referrals, keys.worklist);
    setTripartite(false);
    return data.get("tripartite") === "yes" ? w.handoffSentWithMeeting : w.handoffSent;
  }

  async function grantMissing() {
    try {
      for (const purpose of missing) await clientsApi.grantConsent(http, clientId, purpose as ConsentPurpose);
      setMissing([]);
      setConsentStatus(w.consentsRecorded);
      // The consent button goes with the question; what comes next is sending again.
      formRef.current?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
      await invalidate(keys.client(clientId));
    } catch (error) {
      setConsentStatus(describeError(error, language));
    }
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={form.handleSubmit(submit, (data) => validateHandoff(data, w, t))}>
      <FormMessages form={form} />
      {missing.length > 0 && can(view, "write") && (
        <div className="notice">
          <p>{w.askConsent(missing.map((purpose) => codes[purpose] ?? purpose).join(", "))}</p>
          <ConfirmButton
            danger={false}
            title={w.recordConsentTitle}
            text={w.recordConsentText(missing.map((purpose) => codes[purpose] ?? purpose).join(", "))}
            confirmLabel={w.recordConsent}
            onConfirm={grantMissing}
          >
            {w.recordConsent}
          </ConfirmButton>
        </div>
      )}
      <p role="status">{consentStatus}</p>
      <ChoiceGroup
        form={form}
        name="kind"
        type="radio"
        legend={w.handoffKind}
        required
        defaultValue="transfer"
        options={[
          { value: "transfer", label: w.kindTransfer },
          { value: "consultation", label: w.kindConsultation },
        ]}
      />
      <StaffPicker
        form={form}
        name="to_user"
        label={w.receiver}
        hint={w.receiverHint}
        roles={["work_ability_coordinator", "business_coordinator"]}
        exclude={[me.username]}
        required
      />
      <TextAreaField form={form} name="message" label={w.handoffMessage} rows={3} maxLength={2000} />
      <TextAreaField form={form} name="summary_normal" label={w.summaryNormal} hint={w.summaryNormalHint} rows={3} />
      {allowHealth && <TextAreaField form={form} name="summary_health" label={w.summaryHealth} hint={w.summaryHealthHint} rows={3} />}
      <div className="choice">
        <input
          id={`${form.fieldId("tripartite")}`}
          type="checkbox"
          name="tripartite"
          value="yes"
          checked={tripartite}
          onChange={(event) => setTripartite(event.target.checked)}
        />
        <label htmlFor={form.fieldId("tripartite")}>{w.bookTripartite}</label>
      </div>
      {tripartite && (
        <fieldset className="field choice-group">
          <legend>{w.tripartiteLegend}</legend>
          <p className="field-hint">{w.tripartiteHint}</p>
          <div className="field-row">
            <TextField form={form} name="at" label={w.startsAt} hint={t.whenHint} type="datetime-local" required defaultValue={start} />
            <TextField form={form} name="ends_at" label={w.endsAt} hint={t.whenHint} type="datetime-local" defaultValue={anHourLater(start)} />
          </div>
          <div className="field-row">
            <TextField form={form} name="place" label={t.place} hint={t.placeHint} maxLength={200} />
            <TextField form={form} name="remote_link" label={w.remoteLink} hint={w.remoteLinkHint} type="url" maxLength={500} />
          </div>
        </fieldset>
      )}
      <SubmitButton submitting={form.submitting}>{w.sendHandoff}</SubmitButton>
    </form>
  );
}
