// The team lead's unit view: what is overdue or waiting anywhere in the unit, each row a link
// to the item. Each part is its own service's answer (clients, employers, referrals), so one
// that fails says so in its section and leaves the others standing.
import type { ReactNode } from "react";
import { Link } from "react-router";
import { roleLabel } from "../auth/roles";
import { clientsApi, type UnitWorkItem } from "../clients/api";
import { clientCodes, codeLabel } from "../clients/messages";
import { useApi } from "../common/ApiContext";
import type { CursorPage } from "../common/apiTypes";
import { DataState } from "../common/DataState";
import { DataTable } from "../common/DataTable";
import { DateText, DateTimeText } from "../common/DateText";
import { formatPercent } from "../common/format";
import { useLanguage, useMessages } from "../common/i18n";
import { sectionPath } from "../common/navigation";
import { PageHeading } from "../common/PageHeading";
import { useApiQuery } from "../common/query";
import { StaffName, StaffNames } from "../common/staff";
import { employersApi, type Lead } from "../employers/api";
import { referralsApi } from "../referrals/api";
import { referralCodes } from "../referrals/messages";
import { employerNamesOf } from "../search/api";
import { unitMessages } from "./messages";

const ROWS = 200;

// Not a named region: the table inside is one, named by the same words.
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function ClientLink({ item }: { item: UnitWorkItem }) {
  return <Link to={`${sectionPath("clients")}/${item.client_id}`}>{`${item.last_name} ${item.first_name}`}</Link>;
}

function ClientsPart() {
  const t = useMessages(unitMessages);
  const codes = useMessages(clientCodes);
  const { language } = useLanguage();
  const query = useApiQuery(["unit", "clients"], (http) => clientsApi.unitWorklist(http));
  return (
    <>
      <Section id="unit-overdue-contacts" title={t.overdueContacts}>
        <DataState query={query} isEmpty={(data) => data.overdue_contacts.length === 0} empty={t.overdueContactsNone}>
          {(data) => (
            <DataTable
              caption={t.overdueContacts}
              captionHidden
              rows={data.overdue_contacts}
              rowKey={(item) => item.enrolment_id ?? item.client_id}
              columns={[
                { key: "client", header: t.client, cell: (item) => <ClientLink item={item} /> },
                { key: "coordinator", header: t.coordinator, cell: (item) => <StaffNames usernames={item.coordinators ?? []} /> },
                { key: "due", header: t.contactDue, cell: (item) => <DateText value={item.due} /> },
                { key: "late", header: t.late, numeric: true, cell: (item) => t.workingDaysLate(item.working_days_overdue ?? 0) },
              ]}
            />
          )}
        </DataState>
      </Section>
      <Section id="unit-exit-forms" title={t.exitForms}>
        <DataState query={query} isEmpty={(data) => data.exit_forms_missing.length === 0} empty={t.exitFormsNone}>
          {(data) => (
            <DataTable
              caption={t.exitForms}
              captionHidden
              rows={data.exit_forms_missing}
              rowKey={(item) => item.enrolment_id ?? item.client_id}
              columns={[
                { key: "client", header: t.client, cell: (item) => <ClientLink item={item} /> },
                { key: "coordinator", header: t.coordinator, cell: (item) => <StaffNames usernames={item.coordinators ?? []} /> },
                { key: "ended", header: t.endedOn, cell: (item) => <DateText value={item.due} /> },
                { key: "outcome", header: t.outcome, cell: (item) => codeLabel(codes, item.detail) },
              ]}
            />
          )}
        </DataState>
      </Section>
      <Section id="unit-caseload" title={t.caseload}>
        <DataState query={query} isEmpty={(data) => data.caseload.length === 0} empty={t.caseloadNone}>
          {(data) => (
            <DataTable
              caption={t.caseload}
              captionHidden
              rows={data.caseload}
              rowKey={(row) => `${row.username} ${row.role}`}
              columns={[
                { key: "coordinator", header: t.coordinator, cell: (row) => <StaffName username={row.username} /> },
                { key: "role", header: t.role, cell: (row) => roleLabel(row.role, language) },
                { key: "open", header: t.openEnrolments, numeric: true, cell: (row) => row.open_enrolments },
                { key: "target", header: t.target, numeric: true, cell: (row) => row.target },
                { key: "share", header: t.shareOfTarget, numeric: true, cell: (row) => formatPercent(row.share_of_target, language) },
              ]}
            />
          )}
        </DataState>
      </Section>
    </>
  );
}

interface OverdueLead {
  lead: Lead;
  company: string | null;
  late: "contact" | "follow_up";
  due: string | null | undefined;
}

function LeadsPart() {
  const t = useMessages(unitMessages);
  const api = useApi();
  const query = useApiQuery(["unit", "leads"], async (): Promise<OverdueLead[]> => {
    // The team lead's list holds every coordinator's leads; `overdue` keeps the late ones.
    const page = await employersApi.leads(api, { overdue: true, limit: ROWS });
    const names = await employerNamesOf(api, page.items.map((lead) => lead.employer_id));
    return page.items.map((lead) => ({
      lead,
      company: names.get(lead.employer_id) ?? null,
      late: lead.contact_overdue ? "contact" : "follow_up",
      due: lead.contact_overdue ? lead.contact_due : lead.follow_up_due,
    }));
  });
  return (
    <Section id="unit-overdue-leads" title={t.overdueLeads}>
      <DataState query={query} isEmpty={(rows) => rows.length === 0} empty={t.overdueLeadsNone}>
        {(rows) => (
          <DataTable
            caption={t.overdueLeads}
            captionHidden
            rows={rows}
            rowKey={(row) => row.lead.id}
            columns={[
              {
                key: "company",
                header: t.company,
                cell: (row) => <Link to={`${sectionPath("employers")}/liidit/${row.lead.id}`}>{row.company ?? t.companyUnknown}</Link>,
              },
              { key: "coordinator", header: t.coordinator, cell: (row) => <StaffName username={row.lead.coordinator} /> },
              { key: "what", header: t.whatIsLate, cell: (row) => (row.late === "contact" ? t.leadContact : t.leadFollowUp) },
              { key: "due", header: t.due, cell: (row) => <DateText value={row.due} /> },
            ]}
          />
        )}
      </DataState>
    </Section>
  );
}

function ReferralsPart() {
  const t = useMessages(unitMessages);
  const kinds = useMessages(referralCodes);
  const query = useApiQuery(["unit", "referrals"], (http) => referralsApi.list(http, { status: "sent", limit: ROWS }));
  return (
    <Section id="unit-waiting-referrals" title={t.waitingReferrals}>
      <DataState
        query={query}
        isEmpty={(page: CursorPage<unknown>) => page.items.length === 0}
        empty={t.waitingReferralsNone}
      >
        {(page) => (
          <DataTable
            caption={t.waitingReferrals}
            captionHidden
            rows={page.items}
            rowKey={(referral) => referral.id}
            columns={[
              {
                key: "referral",
                header: t.referral,
                cell: (referral) => (
                  <Link to={`${sectionPath("referrals")}/${referral.id}`}>
                    {`${codeLabel(kinds, referral.kind)}: ${referral.client_name ?? t.client}`}
                  </Link>
                ),
              },
              { key: "from", header: t.from, cell: (referral) => <StaffName username={referral.from_user} /> },
              {
                key: "to",
                header: t.to,
                cell: (referral) => (referral.to_user ? <StaffName username={referral.to_user} /> : t.partnerService),
              },
              { key: "sent", header: t.sent, cell: (referral) => <DateTimeText value={referral.sent_at} /> },
              {
                key: "due",
                header: t.responseDue,
                cell: (referral) => (
                  <>
                    <DateText value={referral.response_due} />
                    {referral.overdue && <strong>{` (${t.overdueMark})`}</strong>}
                  </>
                ),
              },
            ]}
          />
        )}
      </DataState>
    </Section>
  );
}

export function UnitPage() {
  const t = useMessages(unitMessages);
  return (
    <>
      <PageHeading title={t.title}>{t.title}</PageHeading>
      <p className="lead">{t.intro}</p>
      <ClientsPart />
      <LeadsPart />
      <ReferralsPart />
    </>
  );
}
