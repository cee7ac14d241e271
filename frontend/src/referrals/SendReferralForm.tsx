import { useState } from "react";
import {
  CheckedForm,
  optionalText,
  SelectField,
  text,
  TextAreaField,
  useForm,
  type FieldErrors,
} from "../common/form";
import { useMessages } from "../common/i18n";
import { StaffPicker } from "../common/staff";
import { keys, useApiQuery, useHttp, useInvalidate } from "../common/query";
import { clientCodes } from "../clients/messages";
import type { Enrolment } from "../clients/api";
import { dataOf } from "../common/api";
import { missingConsents, REFERRAL_KINDS, referralsApi, type HandoverPart, type ReferralKind } from "./api";
import { referralCodes, referralsMessages } from "./messages";

const FIELDS = ["kind", "to_user", "to_partner", "to_opening", "enrolment_id", "message", "summary_normal", "summary_health"] as const;
type Field = (typeof FIELDS)[number];
type Messages = (typeof referralsMessages)["fi"];

export function validateReferral(data: FormData, t: Messages): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  const kind = text(data, "kind");
  if (!kind) errors.kind = t.kindRequired;
  if ((kind === "transfer" || kind === "consultation") && !text(data, "to_user")) errors.to_user = t.toUserRequired;
  if ((kind === "transfer" || kind === "consultation") && !text(data, "enrolment_id")) errors.enrolment_id = t.enrolmentRequired;
  if (kind === "external" && !text(data, "to_partner")) errors.to_partner = t.partnerRequired;
  if (kind === "job" && !text(data, "to_opening")) errors.to_opening = t.openingRequired;
  return errors;
}

/**
 * Send a referral from the client page. When the client's consents do not cover it, the
 * service answers 422 naming the missing consents; the form says which, in words.
 */
export function SendReferralForm({
  clientId,
  enrolments,
  allowHealth,
  onDone,
  offered = REFERRAL_KINDS,
}: {
  clientId: string;
  enrolments: readonly Enrolment[];
  allowHealth: boolean;
  onDone: () => void;
  /** The kinds this form sends; transfers and consultations go through the hand-off form. */
  offered?: readonly ReferralKind[];
}) {
  const t = useMessages(referralsMessages);
  const kinds = useMessages(referralCodes);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const http = useHttp();
  const invalidate = useInvalidate();
  const [kind, setKind] = useState<ReferralKind | "">("");
  const open = enrolments.filter((enrolment) => !["ended", "cancelled", "not_reached"].includes(enrolment.state));
  const form = useForm<Field>({
    fields: FIELDS,
    describeFailure: (error) => {
      const missing = missingConsents(error);
      return missing.length > 0 ? t.consentRefused(missing.map((purpose) => codes[purpose] ?? purpose).join(", ")) : null;
    },
  });

  async function submit(data: FormData) {
    const chosen = text(data, "kind") as ReferralKind;
    const summary: HandoverPart[] = [];
    const normal = text(data, "summary_normal");
    const health = text(data, "summary_health");
    if (normal) summary.push({ text: normal, sensitivity: "normal" });
    if (allowHealth && health) summary.push({ text: health, sensitivity: "health" });
    const needsPerson = chosen === "transfer" || chosen === "consultation";
    await referralsApi.send(http, {
      client_id: clientId,
      kind: chosen,
      to_user: needsPerson ? text(data, "to_user") : null,
      to_partner: chosen === "external" ? text(data, "to_partner") : null,
      to_opening: chosen === "job" ? text(data, "to_opening") : null,
      enrolment_id: optionalText(data, "enrolment_id"),
      message: optionalText(data, "message"),
      summary,
    });
    setKind("");
    // The client's referral list and My day show the new referral at once.
    await invalidate(keys.referrals, keys.worklist);
    onDone();
    return t.sent;
  }

  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateReferral(data, t)} submitLabel={t.send}>
      <SelectField
        form={form}
        name="kind"
        label={t.kind}
        required
        placeholder={t.kind}
        value={kind}
        onChange={(event) => setKind(event.target.value as ReferralKind | "")}
        options={offered.map((value) => ({ value, label: kinds[value] }))}
      />
      {(kind === "transfer" || kind === "consultation") && (
        <StaffPicker
          form={form}
          name="to_user"
          label={t.toUser}
          hint={t.toUserHint}
          roles={["work_ability_coordinator", "business_coordinator"]}
          required
        />
      )}
      {kind === "external" && <PartnerSelect form={form} />}
      {kind === "job" && <OpeningSelect form={form} />}
      <SelectField
        // A new open enrolment (after the form first rendered) becomes the default choice.
        key={open.map((enrolment) => enrolment.id).join(",")}
        form={form}
        name="enrolment_id"
        label={t.enrolment}
        required={kind === "transfer" || kind === "consultation"}
        placeholder="–"
        defaultValue={open[0]?.id ?? ""}
        options={open.map((enrolment) => ({ value: enrolment.id, label: codes[enrolment.service_line] ?? enrolment.service_line }))}
      />
      <TextAreaField form={form} name="message" label={t.messageLabel} rows={3} />
      <TextAreaField form={form} name="summary_normal" label={t.summaryNormal} hint={t.summaryNormalHint} rows={3} />
      {allowHealth && (
        <TextAreaField form={form} name="summary_health" label={t.summaryHealth} hint={t.summaryHealthHint} rows={3} />
      )}
    </CheckedForm>
  );
}

function PartnerSelect({ form }: { form: ReturnType<typeof useForm<Field>> }) {
  const t = useMessages(referralsMessages);
  const partners = useApiQuery(["partners"], (http) => referralsApi.partners(http));
  if (partners.status === "error") return <p role="alert">{t.partnersFailed}</p>;
  return (
    <SelectField
      form={form}
      name="to_partner"
      label={t.partner}
      required
      placeholder={partners.status === "pending" ? "…" : t.partner}
      options={(partners.status === "success" ? partners.data.items : [])
        .filter((partner) => partner.active)
        .map((partner) => ({ value: partner.id, label: `${partner.name} (${partner.kind})` }))}
    />
  );
}

function OpeningSelect({ form }: { form: ReturnType<typeof useForm<Field>> }) {
  const t = useMessages(referralsMessages);
  const openings = useApiQuery(["open-openings"], (http) =>
    dataOf(http.employers.GET("/api/v1/employers/openings", { params: { query: { status: "open", limit: 100 } } })),
  );
  if (openings.status === "error") return <p role="alert">{t.noOpenings}</p>;
  return (
    <SelectField
      form={form}
      name="to_opening"
      label={t.opening}
      required
      placeholder={openings.status === "pending" ? "…" : t.opening}
      options={(openings.status === "success" ? openings.data.items : []).map((opening) => ({
        value: opening.id,
        // Two employers may both have a "Varastotyöntekijä": the employer tells them apart.
        label: `${opening.title} – ${opening.employer_name}`,
      }))}
    />
  );
}
