import { DateText } from "../../common/DateText";
import { ConfirmButton } from "../../common/Dialog";
import { describeError } from "../../common/errors";
import { formatDate, languageName } from "../../common/format";
import { useLanguage, useMessages } from "../../common/i18n";
import { keys, useApiMutation } from "../../common/query";
import { StaffName, StaffNames } from "../../common/staff";
import { Badge, DueBadge } from "../../common/StatusBadge";
import { DataTable } from "../../common/DataTable";
import { clientsApi, CONSENT_PURPOSES, type ConsentPurpose, type Overview } from "../api";
import { ClientEditForm } from "../ClientEditForm";
import { can, currentEnrolment, isOpen, responsibleOf } from "../clientView";
import { EnrolForm } from "../pathwayForms";
import { clientCodes, clientsMessages, codeLabel } from "../messages";
import { sourceLabels, workMessages } from "../workMessages";
import { Detail, Disclosure, NotShown, Section } from "./common";

export function OverviewSection({ view }: { view: Overview }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const sources = useMessages(sourceLabels);
  const { language } = useLanguage();
  const { client } = view;
  const current = currentEnrolment(view);
  const latestNeed = [...(view.service_need_assessments ?? [])].sort((a, b) => (a.assessed_on < b.assessed_on ? 1 : -1))[0];
  const hasOpen = view.enrolments.some(isOpen);
  return (
    <>
      <Section id="details" title={t.details}>
        {client.contact_details_hidden && <p className="notice">{t.contactDetailsHidden}</p>}
        <dl className="details">
          <Detail term={t.identityCode} value={client.personal_identity_code} />
          <Detail term={t.birthYear} value={client.birth_year} />
          <Detail term={t.gender} value={codeLabel(codes, client.gender)} />
          <Detail term={t.municipality} value={client.municipality} />
          <Detail term={t.language} value={languageName(client.language, language)} />
          <Detail term={w.interpreter} value={client.interpreter_needed ? w.yes : w.no} />
          <Detail term={t.phone} value={client.phone} />
          <Detail term={t.email} value={client.email} />
          <Detail term={w.address} value={client.address} />
          <Detail term={w.educationLevel} value={codeLabel(codes, client.education_level)} />
          <Detail
            term={w.targetGroups}
            value={client.target_groups.map((group) => codeLabel(codes, group)).join(", ")}
          />
          <Detail term={w.nonDisclosure} value={client.non_disclosure ? w.yes : w.no} />
          <Detail term={t.responsible} value={<StaffNames usernames={client.responsible} />} />
          <Detail term={w.createdBy} value={<StaffName username={client.created_by} />} />
          <Detail term={sources.source} value={(sources as Record<string, string>)[client.source] ?? null} />
        </dl>
        {can(view, "write") && (
          <Disclosure summary={w.editClient}>
            <ClientEditForm view={view} />
          </Disclosure>
        )}
      </Section>

      <Section id="current" title={w.currentEnrolment}>
        {!current ? (
          <p className="data-empty">{t.noEnrolments}</p>
        ) : (
          <dl className="details">
            <Detail term={t.enrolmentState} value={<Badge tone={isOpen(current) ? "info" : "neutral"}>{codeLabel(codes, current.state)}</Badge>} />
            <Detail term={t.serviceLine} value={codeLabel(codes, current.service_line)} />
            <Detail term={t.coordinators} value={<StaffNames usernames={responsibleOf(current)} />} />
            <Detail term={w.referredBy} value={current.referred_by ? <StaffName username={current.referred_by} /> : null} />
            <Detail term={t.registeredOn} value={<DateText value={current.registered_on} />} />
            <Detail
              term={t.contactDue}
              value={
                current.first_contact_on ? (
                  <DateText value={current.contact_due} />
                ) : (
                  <>
                    <DateText value={current.contact_due} /> {isOpen(current) && <DueBadge due={current.contact_due} />}
                  </>
                )
              }
            />
            <Detail
              term={w.servicePath}
              value={latestNeed ? `${codeLabel(codes, latestNeed.path)} (${formatDate(latestNeed.assessed_on)})` : null}
            />
            {current.handoff_started_on && (
              <Detail term={w.handoffOpen} value={w.handoffSince(formatDate(current.handoff_started_on))} />
            )}
            {current.exit_form_missing && <Detail term={t.outcome} value={<Badge tone="warning">{t.exitFormMissing}</Badge>} />}
          </dl>
        )}
        {can(view, "enrol") && !hasOpen && (
          <Disclosure summary={t.enrolTitle}>
            <EnrolForm clientId={client.id} />
          </Disclosure>
        )}
      </Section>

      <Section id="consents" title={t.consents}>
        {view.consents === null ? <NotShown /> : <Consents view={view} />}
      </Section>
    </>
  );
}

function Consents({ view }: { view: Overview }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes);
  const { language } = useLanguage();
  const clientId = view.client.id;
  const consents = view.consents ?? [];
  const writable = can(view, "write");
  const change = useApiMutation(
    (http, action: { grant: ConsentPurpose } | { withdraw: string }) =>
      "grant" in action ? clientsApi.grantConsent(http, clientId, action.grant) : clientsApi.withdrawConsent(http, clientId, action.withdraw),
    [keys.client(clientId)],
  );
  return (
    <>
      <DataTable
        caption={t.consents}
        captionHidden
        rows={CONSENT_PURPOSES}
        rowKey={(purpose) => purpose}
        columns={[
          { key: "purpose", header: w.consentPurpose, cell: (purpose) => codes[purpose] },
          {
            key: "status",
            header: t.status,
            cell: (purpose) => {
              const current = consents.find((consent) => consent.purpose === purpose && !consent.withdrawn_at);
              const withdrawn = consents.find((consent) => consent.purpose === purpose && consent.withdrawn_at);
              if (current)
                return (
                  <Badge tone="success">
                    {w.consentGiven(formatDate(current.granted_at))} (<StaffName username={current.granted_by} />)
                  </Badge>
                );
              if (withdrawn?.withdrawn_at) return <Badge tone="neutral">{t.consentWithdrawn(formatDate(withdrawn.withdrawn_at))}</Badge>;
              return <Badge tone="neutral">{t.consentMissing}</Badge>;
            },
          },
          ...(writable
            ? [
                {
                  key: "action",
                  header: <span className="visually-hidden">{w.consentAction}</span>,
                  cell: (purpose: ConsentPurpose) => {
                    const current = consents.find((consent) => consent.purpose === purpose && !consent.withdrawn_at);
                    return current ? (
                      <ConfirmButton
                        title={w.withdrawConsentTitle}
                        text={w.withdrawConsentText(codes[purpose])}
                        confirmLabel={t.withdraw}
                        ariaLabel={`${t.withdraw}: ${codes[purpose]}`}
                        busy={change.isPending}
                        onConfirm={() => change.mutateAsync({ withdraw: current.id }).catch(() => undefined)}
                      >
                        {t.withdraw}
                      </ConfirmButton>
                    ) : (
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-busy={change.isPending || undefined}
                        aria-label={`${t.grant}: ${codes[purpose]}`}
                        onClick={() => change.mutate({ grant: purpose })}
                      >
                        {t.grant}
                      </button>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      <p role="status">
        {change.isSuccess && t.consentChanged}
        {change.isError && describeError(change.error, language)}
      </p>
    </>
  );
}
