import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useMe } from "../auth/session";
import type { ServiceClients } from "../common/api";
import { DataState } from "../common/DataState";
import { DataTable } from "../common/DataTable";
import { DateText, DateTimeText } from "../common/DateText";
import { describeError } from "../common/errors";
import { formatDate } from "../common/format";
import { useLanguage, useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { Badge, DueBadge } from "../common/StatusBadge";
import { keys, useApiQuery, useHttp } from "../common/query";
import { referralsApi, type Referral } from "../referrals/api";
import { referralCodes, referralsMessages } from "../referrals/messages";
import { SendReferralForm } from "../referrals/SendReferralForm";
import {
  clientsApi,
  CONSENT_PURPOSES,
  type Assessment,
  type Catalogue,
  type Client,
  type Consent,
  type Contact,
  type Enrolment,
  type Meeting,
  type Note,
  type Plan,
} from "./api";
import { AssessmentChart } from "./AssessmentChart";
import { AssessmentForm, ContactForm, EndForm, EnrolForm, MeetingForm, NoteForm, PlanForm } from "./forms";
import { clientCodes, clientsMessages, codeLabel } from "./messages";

/** A part that failed to load (often: not for this role) is shown as such; the rest stays. */
type Part<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function part<T>(promise: Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

interface EnrolmentRecords {
  enrolment: Enrolment;
  contacts: Contact[];
  meetings: Meeting[];
}

interface ClientView {
  client: Client;
  enrolments: EnrolmentRecords[];
  notes: Part<Note[]>;
  assessments: Part<Assessment[]>;
  plan: Part<Plan | null>;
  consents: Part<Consent[]>;
  referrals: Part<Referral[]>;
  catalogue: Part<Catalogue>;
}

async function loadClient(http: ServiceClients, clientId: string): Promise<ClientView> {
  const client = await clientsApi.read(http, clientId);
  const [enrolments, notes, assessments, plan, consents, referrals, catalogue] = await Promise.all([
    Promise.all(
      client.enrolments.map(async (enrolment) => {
        const [contacts, meetings] = await Promise.all([
          clientsApi.contacts(http, clientId, enrolment.id).catch(() => []),
          clientsApi.meetings(http, clientId, enrolment.id).catch(() => []),
        ]);
        return { enrolment, contacts, meetings };
      }),
    ),
    part(clientsApi.notes(http, clientId)),
    part(clientsApi.assessments(http, clientId)),
    part(clientsApi.plan(http, clientId)),
    part(clientsApi.consents(http, clientId)),
    part(referralsApi.list(http, { client_id: clientId, limit: 50 }).then((page) => page.items)),
    part(clientsApi.catalogue(http)),
  ]);
  return { client, enrolments, notes, assessments, plan, consents, referrals, catalogue };
}

const isOpen = (enrolment: Enrolment) => !["ended", "cancelled", "not_reached"].includes(enrolment.state);

export function ClientPage() {
  const { clientId = "" } = useParams();
  const t = useMessages(clientsMessages);
  const query = useApiQuery(keys.client(clientId), (http) => loadClient(http, clientId));
  return (
    <>
      <p>
        <Link to="/asiakkaat">{t.backToClients}</Link>
      </p>
      {query.status !== "success" && <PageHeading title={t.clientLoading}>{t.clientLoading}</PageHeading>}
      <DataState query={query}>{(view) => <ClientContent view={view} reload={() => void query.refetch()} />}</DataState>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** A form behind a disclosure: the page stays readable, each form one click away. */
function Disclosure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="disclosure">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

function PartError({ error }: { error: unknown }) {
  const { language } = useLanguage();
  return <p className="muted">{describeError(error, language)}</p>;
}

function ClientContent({ view, reload }: { view: ClientView; reload: () => void }) {
  const t = useMessages(clientsMessages);
  const r = useMessages(referralsMessages);
  const me = useMe();
  const { client } = view;
  const name = `${client.first_name} ${client.last_name}`;
  const isWorkAbility = me.roles.includes("work_ability_coordinator");
  const isCoordinator = isWorkAbility || me.roles.includes("business_coordinator");
  const openEnrolments = client.enrolments.filter(isOpen);
  // Forms that disappear once used (the enrolment form) announce their result here.
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const defaultLine = isWorkAbility ? "work_ability" : me.roles.includes("business_coordinator") ? "business" : "";

  const sections = [
    ["details", t.details],
    ["enrolments", t.enrolments],
    ["timeline", t.timeline],
    ["notes", t.notes],
    ["assessments", t.assessments],
    ["plan", t.plan],
    ["consents", t.consents],
    ["referrals", t.referrals],
  ] as const;

  return (
    <>
      <PageHeading title={name}>{name}</PageHeading>
      {me.roles.includes("team_lead") && (
        <p>
          <Link to="loki">{t.accessLogLink}</Link>
        </p>
      )}
      {client.awaiting_triage && (
        <p>
          <Badge tone="warning">{t.awaitingTriage}</Badge>
        </p>
      )}
      <nav aria-label={t.details} className="page-actions">
        {sections.map(([id, label]) => (
          <a key={id} href={`#${id}`}>
            {label}
          </a>
        ))}
      </nav>

      <div role="status">{announcement && <p className="notice notice-success">{announcement}</p>}</div>
      <Section id="details" title={t.details}>
        {client.contact_details_hidden && <p className="notice">{t.contactDetailsHidden}</p>}
        <dl className="details">
          <Detail term={t.identityCode} value={client.personal_identity_code} />
          <Detail term={t.birthYear} value={client.birth_year} />
          <Detail term={t.municipality} value={client.municipality} />
          <Detail term={t.language} value={client.language} />
          <Detail term={t.phone} value={client.phone} />
          <Detail term={t.email} value={client.email} />
          <Detail term={t.responsible} value={client.responsible.join(", ")} />
        </dl>
      </Section>

      <Section id="enrolments" title={t.enrolments}>
        {view.enrolments.length === 0 && <p className="data-empty">{t.noEnrolments}</p>}
        {view.enrolments.map((records) => (
          <EnrolmentCard key={records.enrolment.id} clientId={client.id} records={records} catalogue={view.catalogue} reload={reload} />
        ))}
        {isCoordinator && openEnrolments.length === 0 && (
          <Disclosure summary={t.enrolTitle}>
            <EnrolForm
              clientId={client.id}
              defaultCoordinator={me.username}
              defaultLine={defaultLine}
              onDone={() => {
                setAnnouncement(t.enrolled);
                reload();
              }}
            />
          </Disclosure>
        )}
      </Section>

      <Section id="timeline" title={t.timeline}>
        <Timeline view={view} />
      </Section>

      <Section id="notes" title={t.notes}>
        {view.notes.ok ? (
          view.notes.value.length === 0 ? (
            <p className="data-empty">{t.noNotes}</p>
          ) : (
            view.notes.value.map((note) => <NoteCard key={note.id} note={note} />)
          )
        ) : (
          <PartError error={view.notes.error} />
        )}
        <Disclosure summary={t.writeNote}>
          <NoteForm clientId={client.id} allowHealth={isWorkAbility} onDone={reload} />
        </Disclosure>
      </Section>

      <Section id="assessments" title={t.assessments}>
        {view.assessments.ok ? <AssessmentChart assessments={view.assessments.value} /> : <PartError error={view.assessments.error} />}
        {isWorkAbility && (
          <Disclosure summary={t.addAssessment}>
            <AssessmentForm clientId={client.id} onDone={reload} />
          </Disclosure>
        )}
      </Section>

      <Section id="plan" title={t.plan}>
        {view.plan.ok ? <PlanView plan={view.plan.value} /> : <PartError error={view.plan.error} />}
        {isCoordinator && (
          <Disclosure summary={t.savePlan}>
            <PlanForm clientId={client.id} plan={view.plan.ok ? view.plan.value : null} onDone={reload} />
          </Disclosure>
        )}
      </Section>

      <Section id="consents" title={t.consents}>
        {view.consents.ok ? (
          <Consents clientId={client.id} consents={view.consents.value} reload={reload} />
        ) : (
          <PartError error={view.consents.error} />
        )}
      </Section>

      <Section id="referrals" title={t.referrals}>
        {view.referrals.ok ? <ClientReferrals referrals={view.referrals.value} /> : <PartError error={view.referrals.error} />}
        {(isCoordinator || me.roles.includes("coach")) && (
          <Disclosure summary={r.sendTitle}>
            <SendReferralForm clientId={client.id} enrolments={client.enrolments} allowHealth={isWorkAbility} onDone={reload} />
          </Disclosure>
        )}
      </Section>
    </>
  );
}

function Detail({ term, value }: { term: string; value: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value === null || value === undefined || value === "" ? "–" : value}</dd>
    </div>
  );
}

function EnrolmentCard({
  clientId,
  records,
  catalogue,
  reload,
}: {
  clientId: string;
  records: EnrolmentRecords;
  catalogue: Part<Catalogue>;
  reload: () => void;
}) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const { language } = useLanguage();
  const http = useHttp();
  const [status, setStatus] = useState<string | null>(null);
  const { enrolment, meetings } = records;
  const line = codeLabel(codes, enrolment.service_line);
  const outcome = catalogue.ok ? catalogue.value.outcomes.find((entry) => entry.code === enrolment.outcome) : undefined;
  const outcomeLabel = outcome ? (language === "fi" ? outcome.label_fi : outcome.label_en) : enrolment.outcome;
  const scheduled = meetings.filter((meeting) => meeting.status === "scheduled");

  async function setMeetingStatus(meeting: Meeting, next: "held" | "no_show") {
    try {
      await clientsApi.updateMeeting(http, clientId, enrolment.id, meeting.id, { status: next });
      setStatus(t.meetingUpdated);
      reload();
    } catch (error) {
      setStatus(describeError(error, language));
    }
  }

  return (
    <article className="card" id={`enrolment-${enrolment.id}`} aria-labelledby={`enrolment-${enrolment.id}-title`}>
      <h3 id={`enrolment-${enrolment.id}-title`}>{t.enrolmentHeading(line, formatDate(enrolment.registered_on))}</h3>
      <dl className="details">
        <Detail term={t.enrolmentState} value={<Badge tone={isOpen(enrolment) ? "info" : "neutral"}>{codeLabel(codes, enrolment.state)}</Badge>} />
        <Detail term={t.coordinators} value={enrolment.coordinators.map((coordinator) => coordinator.username).join(", ")} />
        <Detail
          term={t.contactDue}
          value={
            enrolment.first_contact_on ? (
              <DateText value={enrolment.contact_due} />
            ) : (
              <>
                <DateText value={enrolment.contact_due} /> <DueBadge due={enrolment.contact_due} />
              </>
            )
          }
        />
        <Detail term={t.firstContact} value={<DateText value={enrolment.first_contact_on} />} />
        <Detail term={t.firstMeeting} value={<DateText value={enrolment.first_meeting_on} />} />
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
      {scheduled.length > 0 && (
        <ul className="work-list">
          {scheduled.map((meeting) => (
            <li key={meeting.id}>
              <span className="work-what">
                {codeLabel(codes, meeting.kind)}: <DateTimeText value={meeting.at} />
                {meeting.place && `, ${meeting.place}`}
              </span>
              <span className="button-row">
                <button type="button" className="button button-secondary" onClick={() => void setMeetingStatus(meeting, "held")}>
                  {t.markHeld}
                </button>
                <button type="button" className="button button-secondary" onClick={() => void setMeetingStatus(meeting, "no_show")}>
                  {t.markNoShow}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p role="status">{status}</p>
      {isOpen(enrolment) && (
        <>
          <Disclosure summary={t.logContact}>
            <ContactForm clientId={clientId} enrolmentId={enrolment.id} onDone={reload} />
          </Disclosure>
          <Disclosure summary={t.meetingTitle}>
            <MeetingForm clientId={clientId} enrolment={enrolment} onDone={reload} />
          </Disclosure>
          {catalogue.ok && (
            <Disclosure summary={t.endTitle}>
              <EndForm clientId={clientId} enrolmentId={enrolment.id} catalogue={catalogue.value} onDone={reload} />
            </Disclosure>
          )}
        </>
      )}
    </article>
  );
}

function NoteCard({ note }: { note: Note }) {
  const t = useMessages(clientsMessages);
  const health = note.sensitivity === "health";
  return (
    <article className={`card${health ? " card-health" : ""}`} aria-label={health ? `${t.tlNote}: ${t.healthNote}` : t.tlNote}>
      <p className="muted">
        {health && <Badge tone="health">{t.healthNote}</Badge>} <DateTimeText value={note.created_at} /> · {t.by(note.author)}
      </p>
      <p className="pre-wrap">{note.text}</p>
    </article>
  );
}

interface TimelineEntry {
  key: string;
  at: string;
  text: ReactNode;
  health?: boolean;
}

function Timeline({ view }: { view: ClientView }) {
  const t = useMessages(clientsMessages);
  const { language } = useLanguage();
  const codes = useMessages(clientCodes) as Record<string, string>;
  const entries: TimelineEntry[] = [];
  for (const { enrolment, contacts, meetings } of view.enrolments) {
    entries.push({ key: `reg-${enrolment.id}`, at: enrolment.registered_on, text: `${t.tlRegistered}: ${codeLabel(codes, enrolment.service_line)}` });
    for (const contact of contacts) {
      entries.push({ key: contact.id, at: contact.at, text: t.tlContact(codeLabel(codes, contact.channel), contact.reached) });
    }
    for (const meeting of meetings) {
      entries.push({
        key: meeting.id,
        at: meeting.at,
        text: t.tlMeeting(codeLabel(codes, meeting.kind), codeLabel(codes, meeting.status)),
      });
    }
    if (enrolment.ended_on) {
      const outcome = view.catalogue.ok ? view.catalogue.value.outcomes.find((entry) => entry.code === enrolment.outcome) : undefined;
      const label = outcome ? (language === "fi" ? outcome.label_fi : outcome.label_en) : (enrolment.outcome ?? "");
      entries.push({ key: `end-${enrolment.id}`, at: enrolment.ended_on, text: t.tlEnded(label) });
    }
  }
  if (view.notes.ok) {
    for (const note of view.notes.value) {
      entries.push({
        key: note.id,
        at: note.created_at,
        health: note.sensitivity === "health",
        text: `${t.tlNote}: ${note.text.length > 120 ? `${note.text.slice(0, 117)}…` : note.text}`,
      });
    }
  }
  if (view.assessments.ok) {
    for (const assessment of view.assessments.value) {
      entries.push({ key: assessment.id, at: assessment.recorded_on, text: t.tlAssessment(assessment.overall) });
    }
  }
  if (entries.length === 0) return <p className="data-empty">{t.timelineEmpty}</p>;
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <ol className="timeline">
      {entries.map((entry) => (
        <li key={entry.key}>
          <span className="timeline-when">
            {entry.at.length === 10 ? <DateText value={entry.at} /> : <DateTimeText value={entry.at} />}
          </span>
          {entry.health && (
            <>
              <Badge tone="health">{t.healthNote}</Badge>{" "}
            </>
          )}
          {entry.text}
        </li>
      ))}
    </ol>
  );
}

function PlanView({ plan }: { plan: Plan | null }) {
  const t = useMessages(clientsMessages);
  const { language } = useLanguage();
  if (!plan) return <p className="data-empty">{t.noPlan}</p>;
  return (
    <>
      <p className="muted">
        {t.updatedBy(plan.updated_by, formatDate(plan.updated_at))}
        {plan.reviewed_on && ` · ${t.reviewedOn} ${formatDate(plan.reviewed_on)}`}
      </p>
      <h3>{t.goals}</h3>
      {plan.goals.length === 0 ? <p className="data-empty">–</p> : <ul>{plan.goals.map((goal) => <li key={goal}>{goal}</li>)}</ul>}
      {plan.actions.length > 0 && (
        <DataTable
          caption={t.actions}
          rows={plan.actions}
          rowKey={(action) => `${action.text}-${action.owner}`}
          columns={[
            { key: "text", header: t.actions, cell: (action) => action.text },
            { key: "owner", header: t.owner, cell: (action) => action.owner },
            { key: "due", header: t.due, cell: (action) => (action.due_on ? formatDate(action.due_on) : "–") },
            { key: "done", header: t.done, cell: (action) => (action.done ? (language === "fi" ? "kyllä" : "yes") : "–") },
          ]}
        />
      )}
    </>
  );
}

function Consents({ clientId, consents, reload }: { clientId: string; consents: Consent[]; reload: () => void }) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const { language } = useLanguage();
  const http = useHttp();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function change(purpose: string, action: () => Promise<unknown>) {
    setBusy(purpose);
    try {
      await action();
      setMessage(t.consentChanged);
      reload();
    } catch (error) {
      setMessage(describeError(error, language));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <DataTable
        caption={t.consents}
        captionHidden
        rows={CONSENT_PURPOSES}
        rowKey={(purpose) => purpose}
        columns={[
          { key: "purpose", header: t.consents, cell: (purpose) => codes[purpose] },
          {
            key: "status",
            header: t.status,
            cell: (purpose) => {
              const current = consents.find((consent) => consent.purpose === purpose && !consent.withdrawn_at);
              const withdrawn = consents.find((consent) => consent.purpose === purpose && consent.withdrawn_at);
              if (current) return <Badge tone="success">{t.consentGranted(formatDate(current.granted_at), current.granted_by)}</Badge>;
              if (withdrawn?.withdrawn_at) return <Badge tone="neutral">{t.consentWithdrawn(formatDate(withdrawn.withdrawn_at))}</Badge>;
              return <Badge tone="neutral">{t.consentMissing}</Badge>;
            },
          },
          {
            key: "action",
            header: <span className="visually-hidden">{t.status}</span>,
            cell: (purpose) => {
              const current = consents.find((consent) => consent.purpose === purpose && !consent.withdrawn_at);
              return current ? (
                <button
                  type="button"
                  className="button button-danger"
                  aria-busy={busy === purpose || undefined}
                  aria-label={`${t.withdraw}: ${codes[purpose]}`}
                  onClick={() => void change(purpose, () => clientsApi.withdrawConsent(http, clientId, current.id))}
                >
                  {t.withdraw}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button-secondary"
                  aria-busy={busy === purpose || undefined}
                  aria-label={`${t.grant}: ${codes[purpose]}`}
                  onClick={() => void change(purpose, () => clientsApi.grantConsent(http, clientId, purpose))}
                >
                  {t.grant}
                </button>
              );
            },
          },
        ]}
      />
      <p role="status">{message}</p>
    </>
  );
}

function ClientReferrals({ referrals }: { referrals: Referral[] }) {
  const r = useMessages(referralsMessages);
  const kinds = useMessages(referralCodes);
  if (referrals.length === 0) return <p className="data-empty">{r.noReferrals}</p>;
  return (
    <DataTable
      caption={r.clientReferrals}
      captionHidden
      rows={referrals}
      rowKey={(referral) => referral.id}
      columns={[
        {
          key: "kind",
          header: r.kind,
          cell: (referral) => <Link to={`/lahetteet/${referral.id}`}>{kinds[referral.kind]}</Link>,
        },
        { key: "from", header: r.from, cell: (referral) => referral.from_user },
        { key: "to", header: r.to, cell: (referral) => referral.to_user ?? "–" },
        { key: "sent", header: r.sentAt, cell: (referral) => <DateText value={referral.sent_at} /> },
        { key: "status", header: r.status, cell: (referral) => kinds[referral.status] },
      ]}
    />
  );
}
