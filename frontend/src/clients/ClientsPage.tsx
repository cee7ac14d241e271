import { useState, type FormEvent } from "react";
import { Link, Route, Routes, useSearchParams } from "react-router";
import { ClientAccessLogPage } from "../admin/ClientAccessLog";
import { RequireRole } from "../auth/guards";
import { useMe } from "../auth/session";
import { DataState } from "../common/DataState";
import { DataTable } from "../common/DataTable";
import { useMessages } from "../common/i18n";
import { NotFoundPage } from "../common/NotFoundPage";
import { PageHeading } from "../common/PageHeading";
import { Pagination, useCursorPages } from "../common/Pagination";
import { Badge } from "../common/StatusBadge";
import { keys, useApiQuery } from "../common/query";
import { clientsApi } from "./api";
import { ClientPage } from "./ClientPage";
import { clientsMessages } from "./messages";
import { RegisterClientPage } from "./RegisterClientPage";
import { StaffName, useStaffNameOf } from "../common/staff";

/** /asiakkaat owns its sub-routes: the list, a new client, and each client's page. */
export function ClientsPage() {
  return (
    <Routes>
      <Route index element={<ClientList />} />
      <Route path="uusi" element={<RegisterClientPage />} />
      <Route path=":clientId" element={<ClientPage />} />
      <Route
        path=":clientId/loki"
        element={
          <RequireRole roles={["team_lead", "admin"]}>
            <ClientAccessLogPage />
          </RequireRole>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function ClientList() {
  const t = useMessages(clientsMessages);
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const mine = params.get("mine") === "true";
  const [draft, setDraft] = useState({ q, mine });
  const pages = useCursorPages(`${q}|${mine}`);
  const list = useApiQuery(keys.clientList({ q, mine, cursor: pages.cursor }), (http) =>
    clientsApi.list(http, { q: q || undefined, mine, cursor: pages.cursor, limit: 25 }),
  );
  const isCoordinator = me.roles.includes("work_ability_coordinator") || me.roles.includes("business_coordinator");
  const showCaseload = isCoordinator || me.roles.includes("team_lead");

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set("q", draft.q.trim());
    if (draft.mine) next.set("mine", "true");
    setParams(next);
  }

  return (
    <>
      <PageHeading title={t.clientsTitle}>{t.clientsTitle}</PageHeading>
      <div className="page-actions">
        <Link className="button button-primary link-button" to="uusi">
          {t.registerClient}
        </Link>
      </div>
      {showCaseload && <CaseloadSummary />}
      <form className="search-form" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor="client-search">{t.searchLabel}</label>
          <input id="client-search" type="search" value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} />
        </div>
        <div className="choice">
          <input
            id="client-mine"
            type="checkbox"
            checked={draft.mine}
            onChange={(event) => setDraft({ ...draft, mine: event.target.checked })}
          />
          <label htmlFor="client-mine">{t.mineOnly}</label>
        </div>
        <button type="submit" className="button button-primary">
          {t.searchButton}
        </button>
      </form>
      <DataState query={list} isEmpty={(page) => page.items.length === 0} empty={t.noClients}>
        {(page) => (
          <>
            <DataTable
              caption={t.listCaption}
              rows={page.items}
              rowKey={(client) => client.id}
              columns={[
                {
                  key: "name",
                  header: t.name,
                  cell: (client) => <Link to={client.id}>{`${client.last_name} ${client.first_name}`}</Link>,
                },
                { key: "code", header: t.identityCode, cell: (client) => client.personal_identity_code ?? "–" },
                { key: "year", header: t.birthYear, cell: (client) => client.birth_year ?? "–", numeric: true },
                { key: "municipality", header: t.municipality, cell: (client) => client.municipality ?? "–" },
                {
                  key: "status",
                  header: t.status,
                  cell: (client) => (client.awaiting_triage ? <Badge tone="warning">{t.awaitingTriage}</Badge> : ""),
                },
              ]}
            />
            <Pagination
              page={pages.page}
              nextCursor={page.next_cursor}
              hasPrevious={pages.hasPrevious}
              onNext={pages.next}
              onPrevious={pages.previous}
            />
          </>
        )}
      </DataState>
    </>
  );
}

function CaseloadSummary() {
  const t = useMessages(clientsMessages);
  const nameOf = useStaffNameOf();
  const caseload = useApiQuery(keys.caseload, (http) => clientsApi.caseload(http));
  return (
    <section aria-labelledby="caseload-title" className="card">
      <h2 id="caseload-title" className="notice-title">
        {t.caseloadTitle}
      </h2>
      <DataState query={caseload} isEmpty={(data) => data.items.length === 0} empty={t.caseloadNone}>
        {(data) => (
          <ul className="plain-list">
            {data.items.map((row) => (
              <li key={`${row.username}-${row.role}`}>
                <strong>
                  <StaffName username={row.username} />
                </strong>: {t.caseloadRow(row.open_enrolments, row.target, row.share_of_target.toFixed(1))},{" "}
                {t.caseloadActive(row.active_enrolments)}{" "}
                <meter min={0} max={Math.max(row.target, row.open_enrolments)} value={row.open_enrolments} aria-label={nameOf(row.username)} />
              </li>
            ))}
          </ul>
        )}
      </DataState>
    </section>
  );
}
