import type { FormEvent } from "react";
import { Link, Route, Routes, useSearchParams } from "react-router";
import { ClientAccessLogPage } from "../admin/ClientAccessLog";
import { RequireRole } from "../auth/guards";
import { useMe } from "../auth/session";
import { DataState } from "../common/DataState";
import { DataTable } from "../common/DataTable";
import { formatPercent } from "../common/format";
import { useLanguage, useMessages } from "../common/i18n";
import { NotFoundPage } from "../common/NotFoundPage";
import { PageHeading } from "../common/PageHeading";
import { Pagination, useCursorPages } from "../common/Pagination";
import { DateText } from "../common/DateText";
import { StaffName, StaffNames, staffWithRoles, useStaffDirectory, useStaffNameOf } from "../common/staff";
import { Badge, DueBadge, type BadgeTone } from "../common/StatusBadge";
import { keys, useApiQuery } from "../common/query";
import { clientsApi, LIST_STATES, SERVICE_LINES, type ClientListState, type ServiceLine } from "./api";
import { ClientPage } from "./ClientPage";
import { listMessages, sortLabels } from "./listMessages";
import { clientCodes, clientsMessages, codeLabel } from "./messages";
import { ReassignPage } from "./ReassignPage";
import { ReferInPage } from "./ReferInPage";
import { RegisterClientPage } from "./RegisterClientPage";

/** /asiakkaat owns its sub-routes: the list, a new client, and each client's page. */
export function ClientsPage() {
  return (
    <Routes>
      <Route index element={<ClientList />} />
      <Route path="uusi" element={<RegisterClientPage />} />
      <Route path="ohjaa" element={<ReferInPage />} />
      <Route
        path="siirrot"
        element={
          <RequireRole roles={["team_lead"]}>
            <ReassignPage />
          </RequireRole>
        }
      />
      <Route path=":clientId/*" element={<ClientPage />} />
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

const SORTS = ["name", "registered_on", "contact_due", "state"] as const;
type Sort = (typeof SORTS)[number];
const STATE_TONES: Record<ClientListState, BadgeTone> = {
  triage: "warning",
  no_enrolment: "neutral",
  registered: "info",
  contacted: "info",
  active: "success",
  ended: "neutral",
};

/** The list's filters as they stand in the address, so a filtered list can be linked to. */
function filtersOf(params: URLSearchParams) {
  const state = params.get("state");
  const line = params.get("service_line");
  const sort = params.get("sort");
  return {
    q: params.get("q") ?? "",
    mine: params.get("mine") === "true",
    state: (LIST_STATES as readonly string[]).includes(state ?? "") ? (state as ClientListState) : undefined,
    service_line: (SERVICE_LINES as readonly string[]).includes(line ?? "") ? (line as ServiceLine) : undefined,
    coordinator: params.get("coordinator") || undefined,
    overdue: params.get("overdue") === "true",
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as Sort) : ("name" as Sort),
    order: params.get("order") === "desc" ? ("desc" as const) : ("asc" as const),
  };
}

function ClientList() {
  const t = useMessages(clientsMessages);
  const l = useMessages(listMessages);
  const sorts = useMessages(sortLabels);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const me = useMe();
  const directory = useStaffDirectory();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const pages = useCursorPages(params.toString());
  const list = useApiQuery(keys.clientList({ ...filters, cursor: pages.cursor }), (http) =>
    clientsApi.list(http, {
      q: filters.q || undefined,
      mine: filters.mine,
      state: filters.state,
      service_line: filters.service_line,
      coordinator: filters.coordinator,
      overdue: filters.overdue,
      sort: filters.sort,
      order: filters.order,
      cursor: pages.cursor,
      limit: 25,
    }),
  );
  const isCoordinator = me.roles.includes("work_ability_coordinator") || me.roles.includes("business_coordinator");
  const isCoach = me.roles.includes("coach");
  const isLead = me.roles.includes("team_lead");
  const coordinators = staffWithRoles(directory.data, ["work_ability_coordinator", "business_coordinator"]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ["q", "state", "service_line", "coordinator", "sort", "order"]) {
      const value = String(data.get(name) ?? "").trim();
      if (value && !(name === "sort" && value === "name") && !(name === "order" && value === "asc")) next.set(name, value);
    }
    if (data.get("mine") === "true") next.set("mine", "true");
    if (data.get("overdue") === "true") next.set("overdue", "true");
    setParams(next);
  }

  return (
    <>
      <PageHeading title={t.clientsTitle}>{t.clientsTitle}</PageHeading>
      <div className="page-actions">
        {isCoach && (
          <Link className="button button-primary link-button" to="ohjaa">
            {l.referClient}
          </Link>
        )}
        {(isCoordinator || (!isCoach && !isLead)) && (
          <Link className="button button-primary link-button" to="uusi">
            {t.registerClient}
          </Link>
        )}
        {isLead && (
          <Link className="button button-secondary link-button" to="siirrot">
            {l.reassignTitle}
          </Link>
        )}
      </div>
      {(isCoordinator || isLead) && <CaseloadSummary />}
      <form className="search-form filters" role="search" aria-label={l.filtersLabel} onSubmit={apply} key={params.toString()}>
        <div className="field">
          <label htmlFor="client-search">{t.searchLabel}</label>
          <input id="client-search" name="q" type="search" defaultValue={filters.q} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="client-state">{l.state}</label>
          <select id="client-state" name="state" defaultValue={filters.state ?? ""}>
            <option value="">{l.anyState}</option>
            {LIST_STATES.map((state) => (
              <option key={state} value={state}>
                {codeLabel(codes, state)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="client-line">{t.serviceLine}</label>
          <select id="client-line" name="service_line" defaultValue={filters.service_line ?? ""}>
            <option value="">{l.anyLine}</option>
            {SERVICE_LINES.map((line) => (
              <option key={line} value={line}>
                {codes[line]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="client-coordinator">{l.coordinator}</label>
          <select id="client-coordinator" name="coordinator" defaultValue={filters.coordinator ?? ""}>
            <option value="">{l.anyCoordinator}</option>
            {coordinators.map((member) => (
              <option key={member.username} value={member.username}>
                {member.display_name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="client-sort">{l.sortBy}</label>
          <select id="client-sort" name="sort" defaultValue={filters.sort}>
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {sorts[sort]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="client-order">{l.order}</label>
          <select id="client-order" name="order" defaultValue={filters.order}>
            <option value="asc">{l.ascending}</option>
            <option value="desc">{l.descending}</option>
          </select>
        </div>
        <div className="choice">
          <input id="client-overdue" name="overdue" value="true" type="checkbox" defaultChecked={filters.overdue} />
          <label htmlFor="client-overdue">{l.overdueOnly}</label>
        </div>
        <div className="choice">
          <input id="client-mine" name="mine" value="true" type="checkbox" defaultChecked={filters.mine} />
          <label htmlFor="client-mine">{t.mineOnly}</label>
        </div>
        <button type="submit" className="button button-primary">
          {t.searchButton}
        </button>
      </form>
      <DataState query={list} isEmpty={(page) => page.items.length === 0} empty={t.noClients}>
        {(page) => (
          <>
            <p role="status" className="muted">
              {l.total(page.total)}
            </p>
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
                {
                  key: "state",
                  header: l.state,
                  cell: (client) =>
                    client.state ? <Badge tone={STATE_TONES[client.state]}>{codeLabel(codes, client.state)}</Badge> : "–",
                },
                { key: "line", header: t.serviceLine, cell: (client) => codeLabel(codes, client.service_line) || "–" },
                {
                  key: "coordinators",
                  header: t.coordinators,
                  cell: (client) => <StaffNames usernames={(client.coordinators ?? []).map((coordinator) => coordinator.username)} />,
                },
                {
                  key: "due",
                  header: t.contactDue,
                  cell: (client) =>
                    client.contact_due ? (
                      client.overdue_working_days ? (
                        <DueBadge due={client.contact_due} overdueWorkingDays={client.overdue_working_days} />
                      ) : (
                        <DateText value={client.contact_due} />
                      )
                    ) : (
                      "–"
                    ),
                },
                { key: "code", header: t.identityCode, cell: (client) => client.personal_identity_code ?? "–" },
                { key: "municipality", header: t.municipality, cell: (client) => client.municipality ?? "–" },
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
  const { language } = useLanguage();
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
                </strong>: {t.caseloadRow(row.open_enrolments, row.target, formatPercent(row.share_of_target, language))},{" "}
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
