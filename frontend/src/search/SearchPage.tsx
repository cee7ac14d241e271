// The results of the header's search, grouped by what was found. Each group is its own
// service's answer: one that fails says so in its group and leaves the others standing.
import type { UseQueryResult } from "@tanstack/react-query";
import { useEffect, useRef, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useMe } from "../auth/session";
import { useApi } from "../common/ApiContext";
import { DataState } from "../common/DataState";
import { useMessages } from "../common/i18n";
import { sectionPath } from "../common/navigation";
import { PageHeading } from "../common/PageHeading";
import { useApiQuery } from "../common/query";
import type { ClientSummary } from "../clients/api";
import { useCrmRole } from "../employers/forms";
import { employerCodes } from "../employers/messages";
import { searchClients, searchEmployerSide, searchGroupsFor, type EmployerSideHits } from "./api";
import { searchMessages } from "./messages";
import "./search.css";

type Messages = (typeof searchMessages)["fi"];

interface Hit {
  key: string;
  href: string;
  title: string;
  detail: ReactNode;
}

function HitList({ id, title, hits, empty }: { id: string; title: string; hits: Hit[]; empty: string }) {
  return (
    <section className="search-group" aria-labelledby={id}>
      <h2 id={id}>
        {title} ({hits.length})
      </h2>
      {hits.length === 0 ? (
        <p className="data-empty">{empty}</p>
      ) : (
        <ul className="search-hits">
          {hits.map((hit) => (
            <li key={hit.key}>
              <Link to={hit.href}>{hit.title}</Link>
              <span className="search-hit-detail">{hit.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function clientHits(clients: ClientSummary[], t: Messages): Hit[] {
  const base = sectionPath("clients");
  return clients.map((client) => ({
    key: client.id,
    href: `${base}/${client.id}`,
    title: `${client.last_name} ${client.first_name}`,
    detail: client.personal_identity_code ? `${t.identityCode} ${client.personal_identity_code}` : (client.municipality ?? ""),
  }));
}

function ClientResults({ q }: { q: string }) {
  const t = useMessages(searchMessages);
  const query = useApiQuery(["search", "clients", q], (http) => searchClients(http, q));
  return (
    <DataState query={query}>
      {(clients) => <HitList id="search-clients" title={t.clients} hits={clientHits(clients, t)} empty={t.noClients} />}
    </DataState>
  );
}

function EmployerSideResults({ query, showLeads }: { query: UseQueryResult<EmployerSideHits>; showLeads: boolean }) {
  const t = useMessages(searchMessages);
  const codes = useMessages(employerCodes);
  const base = sectionPath("employers");
  const status = (code: string) => (codes as Record<string, string>)[code] ?? code;
  return (
    <DataState query={query}>
      {({ employers, leads, openings }) => (
        <>
          <HitList
            id="search-employers"
            title={t.employers}
            empty={t.noEmployers}
            hits={employers.map((employer) => ({
              key: employer.id,
              href: `${base}/${employer.id}`,
              title: employer.name,
              detail: [employer.business_id ? `${t.businessId} ${employer.business_id}` : null, status(employer.status)]
                .filter(Boolean)
                .join(" · "),
            }))}
          />
          {showLeads && (
            <HitList
              id="search-leads"
              title={t.leads}
              empty={t.noLeads}
              hits={leads.map(({ lead, company }) => ({
                key: lead.id,
                href: `${base}/liidit/${lead.id}`,
                title: company ?? t.companyUnknown,
                detail: `${lead.external_id ?? t.leadWithoutId} · ${status(lead.status)}`,
              }))}
            />
          )}
          <HitList
            id="search-openings"
            title={t.openings}
            empty={t.noOpenings}
            hits={openings.map(({ opening, employer }) => ({
              key: opening.id,
              href: `${base}/${opening.employer_id}`,
              title: opening.title,
              detail: employer ? t.employerOf(employer) : t.companyUnknown,
            }))}
          />
        </>
      )}
    </DataState>
  );
}

function EmployerSide({ q }: { q: string }) {
  const api = useApi();
  // Leads are the Rekrypiste desk's: a work-ability coordinator or a coach is not asked for them.
  const crm = useCrmRole();
  const query = useApiQuery(["search", "employers", q, crm], () => searchEmployerSide(api, q, { leads: crm }));
  return <EmployerSideResults query={query} showLeads={crm} />;
}

export function SearchPage() {
  const t = useMessages(searchMessages);
  const me = useMe();
  const [params] = useSearchParams();
  const q = (params.get("q") ?? "").trim();
  const groups = searchGroupsFor(me.roles);
  const previous = useRef(q);

  // A new search from the header stays on this page, so Layout does not move focus; the new
  // heading takes it here, and a screen reader hears what was searched.
  useEffect(() => {
    if (previous.current === q) return;
    previous.current = q;
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [q]);
  return (
    <>
      <PageHeading title={q ? t.resultsFor(q) : t.title}>{q ? t.resultsFor(q) : t.title}</PageHeading>
      <p className="lead">{t.howItWorks}</p>
      {!q ? (
        <p>{t.enterWords}</p>
      ) : (
        <>
          {groups.includes("clients") && <ClientResults q={q} />}
          {groups.includes("employers") && <EmployerSide q={q} />}
        </>
      )}
    </>
  );
}
