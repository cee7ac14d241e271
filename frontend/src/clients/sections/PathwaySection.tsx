import { useRef, useState } from "react";
import { Link } from "react-router";
import { DataTable } from "../../common/DataTable";
import { DateText, DateTimeText } from "../../common/DateText";
import { ConfirmButton } from "../../common/Dialog";
import { describeError } from "../../common/errors";
import { formatDate, formatTime } from "../../common/format";
import { commonMessages } from "../../common/messages";
import { useLanguage, useMessages } from "../../common/i18n";
import { keys, useApiMutation, useApiQuery } from "../../common/query";
import { StaffName, useStaffNameOf } from "../../common/staff";
import { Badge, DueBadge } from "../../common/StatusBadge";
import { referralsApi } from "../../referrals/api";
import { HandoffForm } from "../../referrals/HandoffForm";
import { referralCodes, referralsMessages } from "../../referrals/messages";
import { ReferralStatusBadge } from "../../referrals/ReferralsPage";
import { SendReferralForm } from "../../referrals/SendReferralForm";
import { clientsApi, type Catalogue, type EnrolmentOverview, type Meeting, type Overview } from "../api";
import { can, isOpen } from "../clientView";
import { clientCodes, clientsMessages, codeLabel } from "../messages";
import { ContactForm, EndForm, MeetingForm, MeetingMoveForm, outcomeChange, ServiceNeedForm, useCatalogue } from "../pathwayForms";
import { sourceLabels, workMessages } from "../workMessages";
import { Detail, Disclosure, NotShown, Section } from "./common";

export function PathwaySection({ view }: { view: Overview }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const catalogue = useCatalogue();
  const enrolments = [...view.enrolments].sort((a, b) =>
    isOpen(a) !== isOpen(b) ? (isOpen(a) ? -1 : 1) : a.registered_on < b.registered_on ? 1 : -1,
  );
  return (
    <>
      <Section id="enrolments" title={t.enrolments}>
        {enrolments.length === 0 && <p className="data-empty">{t.noEnrolments}</p>}
        {enrolments.map((enrolment) => (
          <EnrolmentCard key={enrolment.id} view={view} enrolment={enrolment} catalogue={catalogue.data} />
        ))}
      </Section>
      <Section id="service-need" title={w.serviceNeedTitle}>
        <ServiceNeeds view={view} />
      </Section>
      <Section id="referrals" title={t.referrals}>
        <ClientReferrals clientId={view.client.id} />
        {can(view, "write") && (
          <Disclosure summary={w.otherReferral}>
            <SendReferralForm
              clientId={view.client.id}
              enrolments={view.enrolments}
              allowHealth={can(view, "health_notes")}
              offered={["external", "job"]}
              onDone={() => undefined}
            />
          </Disclosure>
        )}
      </Section>
    </>
  );
}

function ServiceNeeds({ view }: { view: Overview }) {
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  if (view.service_need_assessments === null) return <NotShown />;
  if (view.service_need_assessments.length === 0) return <p className="data-empty">{w.noServiceNeed}</p>;
  return (
    <ul className="plain-list">
      {[...view.service_need_assessments]
        .sort((a, b) => (a.assessed_on < b.assessed_on ? 1 : -1))
        .map((need) => (
          <li key={need.id} className="card">
            <p>
              <strong>{codeLabel(codes, need.path)}</strong> · <DateText value={need.assessed_on} /> · <StaffName username={need.assessed_by} />
            </p>
            {need.reason && <p className="pre-wrap">{need.reason}</p>}
          </li>
        ))}
    </ul>
  );
}

/**
 * An enrolment handed over to another line says since when it has been on its line, so that it
 * does not read as if it had started on that line (the timeline below says who carried it when).
 */
function enrolmentTitle(t: (typeof clientsMessages)["fi"], line: string, enrolment: EnrolmentOverview): string {
  const onLine = (enrolment.responsibilities ?? []).filter((segment) => segment.service_line === enrolment.service_line);
  const since = onLine.reduce<string | null>((first, segment) => (first === null || segment.from < first ? segment.from : first), null);
  if (since !== null && since > enrolment.registered_on) {
    return t.enrolmentHeadingMoved(line, formatDate(since), formatDate(enrolment.registered_on));
  }
  return t.enrolmentHeading(line, formatDate(enrolment.registered_on));
}

function EnrolmentCard({ view, enrolment, catalogue }: { view: Overview; enrolment: EnrolmentOverview; catalogue: Catalogue | undefined }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const { language } = useLanguage();
  const sources = useMessages(sourceLabels);
  const clientId = view.client.id;
  const open = isOpen(enrolment);
  const writable = can(view, "write") || (!open && can(view, "grace_write"));
  const outcome = catalogue?.outcomes.find((entry) => entry.code === enrolment.outcome);
  const outcomeLabel = outcome ? (language === "fi" ? outcome.label_fi : outcome.label_en) : enrolment.outcome;
  const labelOf = (code: string) => {
    const entry = catalogue?.outcomes.find((candidate) => candidate.code === code);
    return entry ? (language === "fi" ? entry.label_fi : entry.label_en) : code;
  };
  // A hire through a job referral suggests the outcome; it shows until the enrolment ends.
  const suggestions = open ? (enrolment.outcome_suggestions ?? []) : [];
  const title = enrolmentTitle(t, codeLabel(codes, enrolment.service_line), enrolment);
  const meetings = [...(enrolment.meetings ?? [])].sort((a, b) => (a.at < b.at ? 1 : -1));
  const contacts = [...(enrolment.contacts ?? [])].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <article className="card" id={`enrolment-${enrolment.id}`} aria-labelledby={`enrolment-${enrolment.id}-title`}>
      <h3 id={`enrolment-${enrolment.id}-title`}>{title}</h3>
      <dl className="details">
        <Detail term={t.enrolmentState} value={<Badge tone={open ? "info" : "neutral"}>{codeLabel(codes, enrolment.state)}</Badge>} />
        <Detail
          term={t.coordinators}
          value={enrolment.coordinators.map((coordinator, index) => (
            <span key={coordinator.username}>
              {index > 0 && ", "}
              <StaffName username={coordinator.username} />
              {coordinator.reason === "consultation" && ` (${w.consulting})`}
            </span>
          ))}
        />
        <Detail term={sources.source} value={(sources as Record<string, string>)[enrolment.source] ?? null} />
        <Detail term={w.referredBy} value={enrolment.referred_by ? <StaffName username={enrolment.referred_by} /> : null} />
        <Detail
          term={t.contactDue}
          value={
            <>
              <DateText value={enrolment.contact_due} /> {open && !enrolment.first_contact_on && <DueBadge due={enrolment.contact_due} />}
            </>
          }
        />
        <Detail term={t.firstContact} value={<DateText value={enrolment.first_contact_on} />} />
        <Detail term={t.firstMeeting} value={<DateText value={enrolment.first_meeting_on} />} />
        {enrolment.handoff_referral_id && (
          <Detail
            term={w.handoffOpen}
            value={
              <Link to={`/lahetteet/${enrolment.handoff_referral_id}`}>
                {w.handoffSince(formatDate(enrolment.handoff_started_on ?? enrolment.registered_on))}
              </Link>
            }
          />
        )}
        {suggestions.length > 0 && (
          <Detail
            term={t.suggestedOutcome}
            value={suggestions.map((suggestion, index) => (
              <span key={suggestion.id}>
                {index > 0 && ", "}
                {t.suggestedOn(labelOf(suggestion.outcome), formatDate(suggestion.suggested_at))}
              </span>
            ))}
          />
        )}
        {enrolment.ended_on && <Detail term={t.ended} value={<DateText value={enrolment.ended_on} />} />}
        {enrolment.outcome && (
          <Detail
            term={t.outcome}
            value={
              <>
                {outcomeLabel} {enrolment.exit_form_missing && <Badge tone="warning">{t.exitFormMissing}</Badge>}
              </>
            }
          />
        )}
      </dl>

      <h4>{w.responsibilityHistory}</h4>
      <ResponsibilityTimeline enrolment={enrolment} />

      <h4>{w.contactsTitle}</h4>
      {enrolment.contacts === null ? (
        <NotShown />
      ) : contacts.length === 0 ? (
        <p className="data-empty">{w.noContacts}</p>
      ) : (
        <ul className="plain-list">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <DateTimeText value={contact.at} />: {t.tlContact(codeLabel(codes, contact.channel), contact.reached)}
              {contact.comment && <> – {contact.comment}</>} (<StaffName username={contact.recorded_by} />)
            </li>
          ))}
        </ul>
      )}

      <h4>{w.meetingsTitle}</h4>
      {enrolment.meetings === null ? (
        <NotShown />
      ) : meetings.length === 0 ? (
        <p className="data-empty">{w.noMeetings}</p>
      ) : (
        <ul className="work-list">
          {meetings.map((meeting) => (
            <MeetingRow key={meeting.id} clientId={clientId} meeting={meeting} writable={writable && open} />
          ))}
        </ul>
      )}

      {writable && open && (
        <>
          <Disclosure summary={t.logContact}>
            <ContactForm clientId={clientId} enrolmentId={enrolment.id} />
          </Disclosure>
          <Disclosure summary={w.bookMeeting}>
            <MeetingForm clientId={clientId} enrolment={enrolment} />
          </Disclosure>
          <Disclosure summary={w.serviceNeedTitle}>
            <ServiceNeedForm clientId={clientId} enrolmentId={enrolment.id} />
          </Disclosure>
          {!enrolment.handoff_referral_id && (
            <Disclosure summary={w.handoffTitle}>
              <HandoffForm view={view} enrolment={enrolment} />
            </Disclosure>
          )}
          {catalogue && (
            <Disclosure summary={t.endTitle}>
              <EndForm clientId={clientId} enrolment={enrolment} catalogue={catalogue} />
            </Disclosure>
          )}
        </>
      )}
      {writable && !open && enrolment.exit_form_missing && catalogue && (
        <Disclosure summary={w.fillExitForm} open>
          <EndForm clientId={clientId} enrolment={enrolment} catalogue={catalogue} />
        </Disclosure>
      )}
    </article>
  );
}

/** Who carried the client when: a segment per person and line, oldest first. */
export function ResponsibilityTimeline({ enrolment }: { enrolment: EnrolmentOverview }) {
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  if ((enrolment.responsibilities ?? []).length === 0) return <p className="data-empty">{w.noResponsibilities}</p>;
  return (
    <ol className="timeline responsibility-timeline" aria-label={w.responsibilityHistory}>
      {(enrolment.responsibilities ?? []).map((segment) => (
        <li key={`${segment.username}-${segment.from}-${segment.service_line}`}>
          <span className="timeline-when">
            {segment.to ? w.period(formatDate(segment.from), formatDate(segment.to)) : w.periodOpen(formatDate(segment.from))}
          </span>
          <StaffName username={segment.username} />, {codeLabel(codes, segment.service_line)}
          {segment.reason === "consultation" && ` (${w.consulting})`}
          {!segment.to && (
            <>
              {" "}
              <Badge tone="info">{w.current}</Badge>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

function MeetingRow({ clientId, meeting, writable }: { clientId: string; meeting: Meeting; writable: boolean }) {
  const w = useMessages(workMessages);
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const { language } = useLanguage();
  const nameOf = useStaffNameOf();
  const [moving, setMoving] = useState(false);
  // The move form closes when it is done, so the row says the meeting moved.
  const [moved, setMoved] = useState(false);
  const row = useRef<HTMLLIElement>(null);
  const moveButton = useRef<HTMLButtonElement>(null);
  // Held, missed or cancelled, the meeting loses its buttons: focus goes to the meeting itself
  // rather than to the page's start (WCAG 2.4.3).
  const focusRow = () => row.current?.focus();
  const change = useApiMutation(
    (http, body: Parameters<typeof clientsApi.updateMeeting>[4]) => clientsApi.updateMeeting(http, clientId, meeting.enrolment_id, meeting.id, body),
    [keys.client(clientId), keys.worklist],
  );
  const scheduled = meeting.status === "scheduled";
  const label = `${codeLabel(codes, meeting.kind)} ${formatDate(meeting.at)}`;
  return (
    <li ref={row} tabIndex={-1}>
      <span className="work-badge">
        <Badge tone={scheduled ? "info" : meeting.status === "held" ? "success" : "neutral"}>{codeLabel(codes, meeting.status)}</Badge>
      </span>
      <span className="work-what">
        {codeLabel(codes, meeting.kind)}: <DateTimeText value={meeting.at} />
        {meeting.ends_at && <>–{formatTime(meeting.ends_at, language)}</>}
        {meeting.place && `, ${meeting.place}`}
        {meeting.remote_link && (
          <>
            {", "}
            <a href={meeting.remote_link} target="_blank" rel="noreferrer">
              {w.remoteLinkOpen}
            </a>
          </>
        )}
        {(meeting.participants ?? []).length > 0 && <span className="muted"> · {(meeting.participants ?? []).map(nameOf).join(", ")}</span>}
      </span>
      {writable && scheduled && (
        <span className="button-row">
          <button type="button" className="button button-secondary" aria-label={`${t.markHeld}: ${label}`} onClick={() => change.mutate(outcomeChange(meeting, "held"), { onSuccess: focusRow })}>
            {t.markHeld}
          </button>
          <button type="button" className="button button-secondary" aria-label={`${t.markNoShow}: ${label}`} onClick={() => change.mutate(outcomeChange(meeting, "no_show"), { onSuccess: focusRow })}>
            {t.markNoShow}
          </button>
          <button ref={moveButton} type="button" className="button button-secondary" aria-expanded={moving} aria-label={`${w.moveMeeting}: ${label}`} onClick={() => setMoving(!moving)}>
            {w.moveMeeting}
          </button>
          <ConfirmButton
            title={w.cancelMeetingTitle}
            text={w.cancelMeetingText(label)}
            confirmLabel={w.cancelMeeting}
            ariaLabel={`${w.cancelMeeting}: ${label}`}
            onConfirm={() => change.mutateAsync({ status: "cancelled" }).then(focusRow, () => undefined)}
          >
            {w.cancelMeeting}
          </ConfirmButton>
        </span>
      )}
      <span role="status" className="fix-hint">
        {change.isSuccess ? t.meetingUpdated : moved && w.meetingMoved}
        {change.isError && describeError(change.error, language)}
      </span>
      {moving && (
        <MeetingMoveForm
          clientId={clientId}
          meeting={meeting}
          onDone={() => {
            setMoving(false);
            setMoved(true);
            // The form closes under the focus: back to the button that opened it.
            moveButton.current?.focus();
          }}
        />
      )}
    </li>
  );
}

function ClientReferrals({ clientId }: { clientId: string }) {
  const r = useMessages(referralsMessages);
  const kinds = useMessages(referralCodes);
  const { language } = useLanguage();
  const common = useMessages(commonMessages);
  const referrals = useApiQuery([...keys.referrals, "client", clientId], (http) => referralsApi.list(http, { client_id: clientId, limit: 50 }));
  if (referrals.isPending) {
    return (
      <p role="status" className="data-loading">
        {common.loading}
      </p>
    );
  }
  if (referrals.isError) return <p className="muted">{describeError(referrals.error, language)}</p>;
  const items = referrals.data.items;
  if (items.length === 0) return <p className="data-empty">{r.noReferrals}</p>;
  return (
    <DataTable
      caption={r.clientReferrals}
      captionHidden
      rows={items}
      rowKey={(referral) => referral.id}
      columns={[
        { key: "kind", header: r.kind, cell: (referral) => <Link to={`/lahetteet/${referral.id}`}>{kinds[referral.kind]}</Link> },
        { key: "from", header: r.from, cell: (referral) => <StaffName username={referral.from_user} /> },
        { key: "to", header: r.to, cell: (referral) =>
            referral.to_user ? <StaffName username={referral.to_user} /> : referral.kind === "job" ? r.toEmployer : (referral.partner_kind ?? "–"),
        },
        { key: "sent", header: r.sentAt, cell: (referral) => <DateText value={referral.sent_at} /> },
        { key: "status", header: r.status, cell: (referral) => <ReferralStatusBadge status={referral.status} /> },
      ]}
    />
  );
}

