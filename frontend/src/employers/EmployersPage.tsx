import { useState, type FormEvent } from "react";
import { Link, NavLink, Route, Routes, useParams, useSearchParams } from "react-router";
import { ApiError, type ApiClient } from "../common/api";
import { useApi } from "../common/ApiContext";
import { helsinkiLocalNow, helsinkiLocalToIso } from "../common/calendar";
import { DataState } from "../common/DataState";
import { DataTable } from "../common/DataTable";
import { DateText, DateTimeText } from "../common/DateText";
import { FormMessages, optionalText, SelectField, SubmitButton, text, TextAreaField, TextField, useForm } from "../common/form";
import { useMessages } from "../common/i18n";
import { NotFoundPage } from "../common/NotFoundPage";
import { PageHeading } from "../common/PageHeading";
import { Pagination, useCursorPages } from "../common/Pagination";
import { StaffName } from "../common/staff";
import { Badge, DueBadge } from "../common/StatusBadge";
import { useQuery } from "../common/useQuery";
import {
  ACTIVITY_KINDS,
  CLOSE_REASONS,
  employersApi,
  leadNextStep,
  type ActivityKind,
  type CloseReason,
  type Employer,
  type Lead,
} from "./api";
import { ContactPersonForm, EmployerForm, EventForm, OpeningForm, useCrmRole } from "./forms";
import {
  ContactEditForm,
  EmployerEditForm,
  EventEditForm,
  HireTable,
  InviteClientForm,
  InvitedClients,
  LeadCompany,
  LeadEntryForm,
  LeadHistory,
  LeadReassignForm,
  LazyDisclosure,
  OpeningActions,
  useIndustryLabel,
} from "./desk";
import { deskMessages } from "./deskMessages";
import { EmployerServicePeriods } from "./EmployerServicePeriods";
import { useMe } from "../auth/session";
import { employerCodes, employersMessages } from "./messages";

/** /tyonantajat owns its sub-routes: the register, Rekrypiste, a lead, events, an employer. */
export function EmployersPage() {
  return (
    <Routes>
      <Route index element={<EmployerList />} />
      <Route path="rekrypiste" element={<LeadInbox />} />
      <Route path="liidit/:leadId" element={<LeadPage />} />
      <Route path="tapahtumat" element={<EventList />} />
      <Route path="tapahtumat/:eventId" element={<EventPage />} />
      <Route path="paikat" element={<OpeningList />} />
      <Route path=":employerId" element={<EmployerPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function code(labels: Record<string, string>, value: string | null | undefined) {
  return value ? (labels[value] ?? value) : "–";
}

/** The three views of the section, as tabs; Rekrypiste only for those who work leads. */
function EmployerTabs() {
  const t = useMessages(employersMessages);
  const d = useMessages(deskMessages);
  const crm = useCrmRole();
  return (
    <nav aria-label={t.views}>
      <ul className="tabs">
        <li>
          <NavLink to="/tyonantajat" end>
            {t.register}
          </NavLink>
        </li>
        {crm && (
          <li>
            <NavLink to="/tyonantajat/rekrypiste">{t.rekrypiste}</NavLink>
          </li>
        )}
        <li>
          <NavLink to="/tyonantajat/paikat">{d.openingsTitle}</NavLink>
        </li>
        <li>
          <NavLink to="/tyonantajat/tapahtumat">{t.events}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

function EmployerList() {
  const t = useMessages(employersMessages);
  const industryLabel = useIndustryLabel();
  const codes = useMessages(employerCodes) as Record<string, string>;
  const crm = useCrmRole();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const status = params.get("status") ?? "";
  const [draft, setDraft] = useState({ q, status });
  const pages = useCursorPages(`${q}|${status}`);
  const list = useQuery(`employers|${q}|${status}|${pages.cursor ?? ""}`, (api) =>
    employersApi.list(api, { q: q || undefined, status: status || undefined, cursor: pages.cursor }),
  );

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set("q", draft.q.trim());
    if (draft.status) next.set("status", draft.status);
    setParams(next);
  }

  // The register is ordered by name; searching for the new Y-tunnus shows the new employer.
  function showCreated(employer: Employer) {
    setDraft({ q: employer.business_id, status: "" });
    setParams(new URLSearchParams({ q: employer.business_id }));
    list.reload();
  }

  return (
    <>
      <PageHeading title={t.employersTitle}>{t.employersTitle}</PageHeading>
      <EmployerTabs />
      {crm && (
        <details className="disclosure">
          <summary>{t.newEmployer}</summary>
          <EmployerForm onCreated={showCreated} />
        </details>
      )}
      <form className="search-form" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor="employer-search">{t.searchLabel}</label>
          <input id="employer-search" type="search" value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="employer-status">{t.statusFilter}</label>
          <select id="employer-status" value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.target.value })}>
            <option value="">{t.allStatuses}</option>
            {["prospect", "contacted", "partner", "inactive"].map((value) => (
              <option key={value} value={value}>
                {codes[value]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary">
          {t.search}
        </button>
      </form>
      <DataState query={list} isEmpty={(page) => page.items.length === 0} empty={t.noEmployers}>
        {(page) => (
          <>
            <DataTable
              caption={t.listCaption}
              rows={page.items}
              rowKey={(employer) => employer.id}
              columns={[
                { key: "name", header: t.name, cell: (employer) => <Link to={employer.id}>{employer.name}</Link> },
                { key: "id", header: t.businessId, cell: (employer) => employer.business_id },
                { key: "industry", header: t.industry, cell: (employer) => industryLabel(employer.industry) },
                { key: "municipality", header: t.municipality, cell: (employer) => employer.municipality ?? "–" },
                { key: "status", header: t.status, cell: (employer) => <Badge>{code(codes, employer.status)}</Badge> },
                { key: "contacted", header: t.contactedOn, cell: (employer) => <DateText value={employer.contacted_on} /> },
              ]}
            />
            <Pagination page={pages.page} nextCursor={page.next_cursor} hasPrevious={pages.hasPrevious} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )}
      </DataState>
    </>
  );
}

async function loadEmployer(api: ApiClient, id: string, crm: boolean) {
  const employer = await employersApi.read(api, id);
  const [contacts, activities, openings, leads, hires, events] = await Promise.all([
    employersApi.contacts(api, id),
    // The CRM's activity log is the business coordinators' (a work-ability coordinator gets 403):
    // without it the rest of the page, the periods placed there among it, still shows.
    employersApi.activities(api, id).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 403) return null;
      throw error;
    }),
    employersApi.openings(api, id),
    crm ? employersApi.leads(api, { employer_id: id, limit: 50 }) : Promise.resolve(null),
    employersApi.hires(api, id),
    crm ? employersApi.events(api, { limit: 200 }) : Promise.resolve(null),
  ]);
  return {
    employer,
    contacts: contacts.items,
    activities: activities?.items ?? null,
    openings: openings.items,
    leads: leads?.items ?? null,
    hires: hires.items,
    events: events ? events.items.filter((event) => event.employers.some((taking) => taking.id === id)) : null,
  };
}

function EmployerPage() {
  const { employerId = "" } = useParams();
  const t = useMessages(employersMessages);
  const codes = useMessages(employerCodes) as Record<string, string>;
  const crm = useCrmRole();
  const d = useMessages(deskMessages);
  const industryLabel = useIndustryLabel();
  const query = useQuery(`employer-${employerId}`, (api) => loadEmployer(api, employerId, crm));
  return (
    <>
      <p>
        <Link to="/tyonantajat">{t.backToEmployers}</Link>
      </p>
      {query.status !== "ready" && <PageHeading title={t.employersTitle}>{t.employersTitle}</PageHeading>}
      <DataState query={query}>
        {({ employer, contacts, activities, openings, leads, hires, events }) => (
          <>
            <PageHeading title={employer.name}>{employer.name}</PageHeading>
            <p>
              <Badge>{code(codes, employer.status)}</Badge>{" "}
              {employer.network_member && <Badge tone="success">{t.networkMember}</Badge>}{" "}
              {employer.tailored_work_interest && <Badge tone="info">{t.tailoredWork}</Badge>}
            </p>
            <dl className="details">
              <div>
                <dt>{t.businessId}</dt>
                <dd>{employer.business_id}</dd>
              </div>
              <div>
                <dt>{t.industry}</dt>
                <dd>{industryLabel(employer.industry)}</dd>
              </div>
              <div>
                <dt>{t.sector}</dt>
                <dd>{code(codes, employer.sector)}</dd>
              </div>
              <div>
                <dt>{t.municipality}</dt>
                <dd>{employer.municipality ?? "–"}</dd>
              </div>
              <div>
                <dt>{t.contactedOn}</dt>
                <dd>{employer.contacted_on ? <DateText value={employer.contacted_on} /> : "–"}</dd>
              </div>
            </dl>
            {crm && (
              <LazyDisclosure summary={d.editEmployer}>{() => <EmployerEditForm employer={employer} onDone={query.reload} />}</LazyDisclosure>
            )}

            <h2>{t.contacts}</h2>
            {contacts.length === 0 ? (
              <p className="data-empty">{t.noContacts}</p>
            ) : (
              <DataTable
                caption={t.contacts}
                captionHidden
                rows={contacts}
                rowKey={(contact) => contact.id}
                columns={[
                  { key: "name", header: t.name, cell: (contact) => contact.name },
                  { key: "role", header: t.role, cell: (contact) => contact.role ?? "–" },
                  { key: "phone", header: t.phone, cell: (contact) => contact.phone ?? "–" },
                  { key: "email", header: t.email, cell: (contact) => contact.email ?? "–" },
                ]}
              />
            )}
            {crm &&
              contacts.map((contact) => (
                <LazyDisclosure key={contact.id} summary={d.editContact(contact.name)}>
                  {() => <ContactEditForm employerId={employer.id} contact={contact} onDone={query.reload} />}
                </LazyDisclosure>
              ))}
            {crm && (
              <details className="disclosure">
                <summary>{t.newContact}</summary>
                <ContactPersonForm employerId={employer.id} onDone={query.reload} />
              </details>
            )}

            {leads !== null && (
              <>
                <h2>{t.leads}</h2>
                <LeadTable leads={leads} caption={t.leads} />
              </>
            )}

            <h2>{t.openings}</h2>
            {openings.length === 0 ? (
              <p className="data-empty">{t.noOpenings}</p>
            ) : (
              <DataTable
                caption={t.openings}
                captionHidden
                rows={openings}
                rowKey={(opening) => opening.id}
                columns={[
                  { key: "title", header: t.title, cell: (opening) => opening.title },
                  { key: "kind", header: t.kind, cell: (opening) => code(codes, opening.kind) },
                  { key: "positions", header: t.positions, cell: (opening) => d.filledOf(opening.filled_positions, opening.positions) },
                  { key: "status", header: t.status, cell: (opening) => code(codes, opening.status) },
                  { key: "closes", header: t.closesOn, cell: (opening) => <DateText value={opening.closes_on} /> },
                ]}
              />
            )}
            {crm &&
              openings.map((opening) => (
                <section key={opening.id} aria-label={opening.title} className="opening-actions">
                  <h3>{opening.title}</h3>
                  <OpeningActions opening={opening} onDone={query.reload} />
                  <HireTable hires={hires.filter((hire) => hire.opening_id === opening.id)} caption={`${d.hires}: ${opening.title}`} />
                </section>
              ))}
            {crm && (
              <details className="disclosure">
                <summary>{t.newOpening}</summary>
                <OpeningForm
                  employerId={employer.id}
                  leads={(leads ?? [])
                    .filter((lead) => lead.status !== "closed")
                    .map((lead) => ({ id: lead.id, label: `${lead.external_id ?? ""} ${lead.need}`.trim() }))}
                  onDone={query.reload}
                />
              </details>
            )}

            <h2>{d.hires}</h2>
            <HireTable hires={hires} caption={d.hiresCaption} />

            <EmployerServicePeriods employerId={employer.id} />

            {events !== null && (
              <>
                <h2>{d.eventsOfEmployer}</h2>
                {events.length === 0 ? (
                  <p className="data-empty">{d.noEvents}</p>
                ) : (
                  <ul>
                    {events.map((event) => (
                      <li key={event.id}>
                        <Link to={`/tyonantajat/tapahtumat/${event.id}`}>{event.name}</Link> (<DateText value={event.held_on} />)
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}

            {activities !== null && <h2>{t.activities}</h2>}
            {activities === null ? null : activities.length === 0 ? (
              <p className="data-empty">{t.noActivities}</p>
            ) : (
              <DataTable
                caption={t.activities}
                captionHidden
                rows={activities}
                rowKey={(activity) => activity.id}
                columns={[
                  { key: "at", header: t.when, cell: (activity) => <DateTimeText value={activity.at} /> },
                  { key: "kind", header: t.kind, cell: (activity) => code(codes, activity.kind) },
                  { key: "by", header: t.by, cell: (activity) => <StaffName username={activity.by} /> },
                  { key: "summary", header: t.summary, cell: (activity) => activity.summary ?? "–" },
                  { key: "agreed", header: t.agreed, cell: (activity) => activity.agreed ?? "–" },
                ]}
              />
            )}
            {crm && (
              <details className="disclosure">
                <summary>{t.logActivity}</summary>
                <ActivityForm
                  onSubmit={(api, body) => employersApi.recordActivity(api, employer.id, body)}
                  onDone={query.reload}
                  done={t.activitySaved}
                />
              </details>
            )}
          </>
        )}
      </DataState>
    </>
  );
}

type ActivityBody = Parameters<typeof employersApi.recordActivity>[2];

/** Log an activity with an employer or on a lead (contact, follow-up, visit …). */
function ActivityForm({
  onSubmit,
  onDone,
  done,
  fixedKind,
}: {
  onSubmit: (api: ApiClient, body: ActivityBody) => Promise<unknown>;
  onDone: () => void;
  done: string;
  fixedKind?: ActivityKind;
}) {
  const t = useMessages(employersMessages);
  const codes = useMessages(employerCodes);
  const api = useApi();
  const form = useForm<"kind" | "at" | "summary" | "agreed">({ fields: ["kind", "at", "summary", "agreed"] });
  return (
    <form
      className="form"
      noValidate
      onSubmit={form.handleSubmit(
        async (data) => {
          await onSubmit(api, {
            kind: (fixedKind ?? text(data, "kind")) as ActivityKind,
            at: helsinkiLocalToIso(text(data, "at")),
            summary: optionalText(data, "summary"),
            agreed: optionalText(data, "agreed"),
          });
          onDone();
          return done;
        },
        (data) => ({
          ...(fixedKind || text(data, "kind") ? {} : { kind: t.kindRequired }),
          ...(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text(data, "at")) ? {} : { at: t.whenRequired }),
        }),
      )}
    >
      <FormMessages form={form} />
      {!fixedKind && (
        <SelectField
          form={form}
          name="kind"
          label={t.kind}
          required
          placeholder={t.kind}
          options={ACTIVITY_KINDS.map((kind) => ({ value: kind, label: codes[kind] }))}
        />
      )}
      <TextField form={form} name="at" label={t.when} hint={t.whenHint} type="datetime-local" required defaultValue={helsinkiLocalNow()} />
      <TextAreaField form={form} name="summary" label={t.summary} rows={3} />
      <TextAreaField form={form} name="agreed" label={t.agreed} rows={2} />
      <SubmitButton submitting={form.submitting}>{t.save}</SubmitButton>
    </form>
  );
}

function NextStep({ lead }: { lead: Lead }) {
  const t = useMessages(employersMessages);
  const next = leadNextStep(lead);
  if (!next) return <>{t.noStep}</>;
  return (
    <>
      {next.step === "contact" ? t.stepContact : t.stepFollowUp} <DueBadge due={next.due} overdue={next.overdue} />
    </>
  );
}

function LeadTable({ leads, caption }: { leads: Lead[]; caption: string }) {
  const t = useMessages(employersMessages);
  const d = useMessages(deskMessages);
  const codes = useMessages(employerCodes) as Record<string, string>;
  if (leads.length === 0) return <p className="data-empty">{t.noLeads}</p>;
  return (
    <DataTable
      caption={caption}
      captionHidden
      rows={leads}
      rowKey={(lead) => lead.id}
      columns={[
        { key: "company", header: d.company, cell: (lead) => lead.employer_name },
        {
          key: "need",
          header: t.need,
          cell: (lead) => <Link to={`/tyonantajat/liidit/${lead.id}`}>{lead.need.length > 70 ? `${lead.need.slice(0, 67)}…` : lead.need}</Link>,
        },
        { key: "received", header: t.received, cell: (lead) => <DateText value={lead.received_at} /> },
        { key: "status", header: t.status, cell: (lead) => <Badge>{code(codes, lead.status)}</Badge> },
        { key: "next", header: t.nextStep, cell: (lead) => <NextStep lead={lead} /> },
        { key: "coordinator", header: t.coordinator, cell: (lead) => <StaffName username={lead.coordinator} /> },
      ]}
    />
  );
}

function LeadInbox() {
  const t = useMessages(employersMessages);
  const d = useMessages(deskMessages);
  const [params, setParams] = useSearchParams();
  const mine = params.get("mine") !== "false";
  const overdue = params.get("overdue") === "true";
  const [draft, setDraft] = useState({ mine, overdue });
  const pages = useCursorPages(`${mine}|${overdue}`);
  const list = useQuery(`leads|${mine}|${overdue}|${pages.cursor ?? ""}`, (api) =>
    employersApi.leads(api, { mine, overdue, cursor: pages.cursor, limit: 25 }),
  );
  function filter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    next.set("mine", String(draft.mine));
    if (draft.overdue) next.set("overdue", "true");
    setParams(next);
  }
  return (
    <>
      <PageHeading title={t.rekrypiste}>{t.rekrypiste}</PageHeading>
      <EmployerTabs />
      <p className="lead">{t.inboxIntro}</p>
      <details className="disclosure">
        <summary>{d.newLead}</summary>
        <LeadEntryForm onCreated={list.reload} />
      </details>
      <form className="search-form" onSubmit={filter} aria-label={t.show}>
        <div className="choice">
          <input id="lead-mine" type="checkbox" checked={draft.mine} onChange={(event) => setDraft({ ...draft, mine: event.target.checked })} />
          <label htmlFor="lead-mine">{t.onlyMine}</label>
        </div>
        <div className="choice">
          <input id="lead-overdue" type="checkbox" checked={draft.overdue} onChange={(event) => setDraft({ ...draft, overdue: event.target.checked })} />
          <label htmlFor="lead-overdue">{t.onlyOverdue}</label>
        </div>
        <button type="submit" className="button button-primary">
          {t.show}
        </button>
      </form>
      <DataState query={list} isEmpty={(page) => page.items.length === 0} empty={t.noLeads}>
        {(page) => (
          <>
            <LeadTable leads={page.items} caption={t.leadsCaption} />
            <Pagination page={pages.page} nextCursor={page.next_cursor} hasPrevious={pages.hasPrevious} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )}
      </DataState>
    </>
  );
}

function LeadPage() {
  const { leadId = "" } = useParams();
  const t = useMessages(employersMessages);
  const d = useMessages(deskMessages);
  const me = useMe();
  const codes = useMessages(employerCodes) as Record<string, string>;
  const query = useQuery(`lead-${leadId}`, (api) => employersApi.lead(api, leadId));
  return (
    <>
      <p>
        <Link to="/tyonantajat/rekrypiste">{t.backToInbox}</Link>
      </p>
      <PageHeading title={t.leadTitle}>{t.leadTitle}</PageHeading>
      <DataState query={query}>
        {(lead) => (
          <>
            <p>
              <Badge>{code(codes, lead.status)}</Badge> <NextStep lead={lead} />
            </p>
            {lead.possible_duplicate_of && (
              <p className="notice">
                {d.possibleDuplicate} <Link to={`/tyonantajat/liidit/${lead.possible_duplicate_of}`}>{d.openOtherLead}</Link>
              </p>
            )}
            <dl className="details">
              <div>
                <dt>{t.need}</dt>
                <dd className="pre-wrap">{lead.need}</dd>
              </div>
              <div>
                <dt>{t.employer}</dt>
                <dd>
                  <LeadCompany lead={lead} />
                </dd>
              </div>
              <div>
                <dt>{t.coordinator}</dt>
                <dd>
                  <StaffName username={lead.coordinator} />
                </dd>
              </div>
              <div>
                <dt>{t.source}</dt>
                <dd>{code(codes, lead.source)}</dd>
              </div>
              <div>
                <dt>{t.contactPerson}</dt>
                <dd>{[lead.contact.name, lead.contact.phone, lead.contact.email].filter(Boolean).join(", ") || "–"}</dd>
              </div>
              <div>
                <dt>{t.received}</dt>
                <dd>
                  <DateTimeText value={lead.received_at} />
                </dd>
              </div>
              <div>
                <dt>{t.contactDue}</dt>
                <dd>
                  <DateText value={lead.contact_due} />
                </dd>
              </div>
              <div>
                <dt>{t.contactedAt}</dt>
                <dd>{lead.contacted_at ? <DateTimeText value={lead.contacted_at} /> : "–"}</dd>
              </div>
              <div>
                <dt>{t.followUpDue}</dt>
                <dd>{lead.follow_up_due ? <DateText value={lead.follow_up_due} /> : "–"}</dd>
              </div>
              <div>
                <dt>{t.followedUpAt}</dt>
                <dd>{lead.followed_up_at ? <DateTimeText value={lead.followed_up_at} /> : "–"}</dd>
              </div>
              {lead.closed_at && (
                <div>
                  <dt>{t.closeReason}</dt>
                  <dd>
                    {code(codes, lead.close_reason)} (<DateText value={lead.closed_at} />)
                  </dd>
                </div>
              )}
              {lead.closed_by && (
                <div>
                  <dt>{d.closedBy}</dt>
                  <dd>
                    <StaffName username={lead.closed_by} />
                  </dd>
                </div>
              )}
            </dl>
            <h2>{d.history}</h2>
            <LeadHistory leadId={lead.id} version={lead.updated_at} />
            {lead.status !== "closed" && (
              <>
                <details className="disclosure">
                  <summary>{t.logContact}</summary>
                  <ActivityForm fixedKind="contact" onSubmit={(api, body) => employersApi.leadActivity(api, lead.id, body)} onDone={query.reload} done={t.contactSaved} />
                </details>
                <details className="disclosure">
                  <summary>{t.logFollowUp}</summary>
                  <ActivityForm fixedKind="follow_up" onSubmit={(api, body) => employersApi.leadActivity(api, lead.id, body)} onDone={query.reload} done={t.followUpSaved} />
                </details>
                <details className="disclosure">
                  <summary>{t.closeLead}</summary>
                  <CloseLeadForm leadId={lead.id} onDone={query.reload} />
                </details>
                {me.roles.includes("team_lead") && (
                  <details className="disclosure">
                    <summary>{d.reassign}</summary>
                    <LeadReassignForm lead={lead} onDone={query.reload} />
                  </details>
                )}
              </>
            )}
          </>
        )}
      </DataState>
    </>
  );
}

function CloseLeadForm({ leadId, onDone }: { leadId: string; onDone: () => void }) {
  const t = useMessages(employersMessages);
  const codes = useMessages(employerCodes);
  const api = useApi();
  const form = useForm<"reason">({ fields: ["reason"] });
  return (
    <form
      className="form"
      noValidate
      onSubmit={form.handleSubmit(
        async (data) => {
          await employersApi.closeLead(api, leadId, text(data, "reason") as CloseReason);
          onDone();
          return t.leadClosed;
        },
        (data) => (text(data, "reason") ? {} : { reason: t.reasonRequired }),
      )}
    >
      <FormMessages form={form} />
      <SelectField
        form={form}
        name="reason"
        label={t.closeReason}
        required
        placeholder={t.chooseReason}
        options={CLOSE_REASONS.map((reason) => ({ value: reason, label: codes[reason] }))}
      />
      <SubmitButton submitting={form.submitting}>{t.closeLead}</SubmitButton>
    </form>
  );
}

function EventList() {
  const t = useMessages(employersMessages);
  const codes = useMessages(employerCodes) as Record<string, string>;
  const pages = useCursorPages("events");
  const list = useQuery(`events|${pages.cursor ?? ""}`, (api) => employersApi.events(api, { cursor: pages.cursor }));
  const crm = useCrmRole();
  return (
    <>
      <PageHeading title={t.events}>{t.events}</PageHeading>
      <EmployerTabs />
      {crm && (
        <details className="disclosure">
          <summary>{t.newEvent}</summary>
          <EventForm onDone={list.reload} />
        </details>
      )}
      <DataState query={list} isEmpty={(page) => page.items.length === 0} empty={t.noEvents}>
        {(page) => (
          <>
            <DataTable
              caption={t.eventsCaption}
              rows={page.items}
              rowKey={(event) => event.id}
              columns={[
                { key: "date", header: t.heldOn, cell: (event) => <DateText value={event.held_on} /> },
                { key: "name", header: t.name, cell: (event) => <Link to={event.id}>{event.name}</Link> },
                { key: "kind", header: t.kind, cell: (event) => code(codes, event.kind) },
                { key: "place", header: t.place, cell: (event) => event.place ?? "–" },
                {
                  key: "employers",
                  header: t.participants,
                  cell: (event) =>
                    event.employers.length === 0
                      ? "–"
                      : event.employers.map((employer, index) => (
                          <span key={employer.id}>
                            {index > 0 && ", "}
                            <Link to={`/tyonantajat/${employer.id}`}>{employer.name}</Link>
                          </span>
                        )),
                },
                { key: "attended", header: t.attended, cell: (event) => event.jobseekers_attended ?? "–", numeric: true },
              ]}
            />
            <Pagination page={pages.page} nextCursor={page.next_cursor} hasPrevious={pages.hasPrevious} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )}
      </DataState>
    </>
  );
}

function OpeningList() {
  const t = useMessages(employersMessages);
  const d = useMessages(deskMessages);
  const codes = useMessages(employerCodes) as Record<string, string>;
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [draft, setDraft] = useState(q);
  const pages = useCursorPages(q);
  const list = useQuery(`openings|${q}|${pages.cursor ?? ""}`, (api) => employersApi.allOpenings(api, { q: q || undefined, cursor: pages.cursor }));
  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(draft.trim() ? new URLSearchParams({ q: draft.trim() }) : new URLSearchParams());
  }
  return (
    <>
      <PageHeading title={d.openingsTitle}>{d.openingsTitle}</PageHeading>
      <EmployerTabs />
      <form className="search-form" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor="opening-search">{d.openingsSearch}</label>
          <input id="opening-search" type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
        </div>
        <button type="submit" className="button button-primary">
          {d.search}
        </button>
      </form>
      <DataState query={list} isEmpty={(page) => page.items.length === 0} empty={d.noOpenings}>
        {(page) => (
          <>
            <DataTable
              caption={d.openingsCaption}
              rows={page.items}
              rowKey={(opening) => opening.id}
              columns={[
                { key: "title", header: t.title, cell: (opening) => opening.title },
                { key: "employer", header: d.employer, cell: (opening) => <Link to={`/tyonantajat/${opening.employer_id}`}>{opening.employer_name}</Link> },
                { key: "kind", header: t.kind, cell: (opening) => code(codes, opening.kind) },
                { key: "filled", header: t.positions, cell: (opening) => d.filledOf(opening.filled_positions, opening.positions) },
                { key: "status", header: t.status, cell: (opening) => code(codes, opening.status) },
              ]}
            />
            <Pagination page={pages.page} nextCursor={page.next_cursor} hasPrevious={pages.hasPrevious} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )}
      </DataState>
    </>
  );
}

async function loadEvent(api: ApiClient, id: string) {
  const [event, clients, hires] = await Promise.all([employersApi.event(api, id), employersApi.eventClients(api, id), employersApi.eventHires(api, id)]);
  return { event, clients: clients.items, hires: hires.items };
}

function EventPage() {
  const { eventId = "" } = useParams();
  const t = useMessages(employersMessages);
  const d = useMessages(deskMessages);
  const codes = useMessages(employerCodes) as Record<string, string>;
  const query = useQuery(`event-${eventId}`, (api) => loadEvent(api, eventId));
  return (
    <>
      <p>
        <Link to="/tyonantajat/tapahtumat">{d.backToEvents}</Link>
      </p>
      {query.status !== "ready" && <PageHeading title={t.events}>{t.events}</PageHeading>}
      <DataState query={query}>
        {({ event, clients, hires }) => (
          <>
            <PageHeading title={event.name}>{event.name}</PageHeading>
            <dl className="details">
              <div>
                <dt>{d.kind}</dt>
                <dd>{code(codes, event.kind)}</dd>
              </div>
              <div>
                <dt>{d.heldOn}</dt>
                <dd>
                  <DateText value={event.held_on} />
                </dd>
              </div>
              <div>
                <dt>{d.place}</dt>
                <dd>{event.place ?? "–"}</dd>
              </div>
            </dl>
            <LazyDisclosure summary={d.editEvent}>{() => <EventEditForm event={event} onDone={query.reload} />}</LazyDisclosure>
            <h2>{d.participants}</h2>
            {event.employers.length === 0 ? (
              <p className="data-empty">{d.noParticipants}</p>
            ) : (
              <ul>
                {event.employers.map((employer) => (
                  <li key={employer.id}>
                    <Link to={`/tyonantajat/${employer.id}`}>{employer.name}</Link>
                  </li>
                ))}
              </ul>
            )}
            <h2>{d.invitedClients}</h2>
            <InvitedClients eventId={event.id} clients={clients} onDone={query.reload} />
            <LazyDisclosure summary={d.invite}>
              {() => <InviteClientForm eventId={event.id} invited={clients.map((client) => client.client_id)} onDone={query.reload} />}
            </LazyDisclosure>
            <h2>{d.hiresAfterEvent}</h2>
            {hires.length === 0 ? (
              <p className="data-empty">{d.noHires}</p>
            ) : (
              <DataTable
                caption={d.hiresAfterEvent}
                captionHidden
                rows={hires}
                rowKey={(hire) => hire.id}
                columns={[
                  { key: "client", header: d.client, cell: (hire) => hire.client_name ?? d.clientHidden },
                  { key: "employer", header: d.employer, cell: (hire) => <Link to={`/tyonantajat/${hire.employer_id}`}>{hire.employer_name}</Link> },
                  { key: "opening", header: d.opening, cell: (hire) => hire.opening_title },
                  { key: "on", header: d.hiredOn, cell: (hire) => <DateText value={hire.hired_on} /> },
                ]}
              />
            )}
          </>
        )}
      </DataState>
    </>
  );
}
