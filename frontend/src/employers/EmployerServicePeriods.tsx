// The active-service periods placed with an employer (issue 15), on the employer's page. The
// clients service names a client only to those who may open the client; to anyone else the
// row says "asiakas" and links nowhere.
import { Link } from "react-router";
import { clientsApi } from "../clients/api";
import { periodDates, PeriodStateBadge, useKindLabel } from "../clients/sections/ServicePeriodsSection";
import { servicePeriodMessages } from "../clients/sections/servicePeriodMessages";
import { DataState } from "../common/DataState";
import { DataTable } from "../common/DataTable";
import { useMessages } from "../common/i18n";
import { sectionPath } from "../common/navigation";
import { useQuery } from "../common/useQuery";

export function EmployerServicePeriods({ employerId }: { employerId: string }) {
  const m = useMessages(servicePeriodMessages);
  const kindLabel = useKindLabel();
  const periods = useQuery(`employer-periods-${employerId}`, (api) => clientsApi.periodsAtEmployer(api.http, employerId));
  const anyHidden = periods.status === "ready" && periods.data.some((period) => period.client_name === null);
  return (
    <section aria-labelledby="employer-periods-title">
      <h2 id="employer-periods-title">{m.atEmployerTitle}</h2>
      <DataState query={periods} isEmpty={(rows) => rows.length === 0} empty={m.atEmployerNone}>
        {(rows) => (
          <DataTable
            caption={m.atEmployerTitle}
            captionHidden
            rows={rows}
            rowKey={(period) => period.id}
            columns={[
              { key: "kind", header: m.kind, cell: (period) => kindLabel(period.kind) },
              {
                key: "client",
                header: m.client,
                cell: (period) =>
                  period.client_id && period.client_name ? (
                    <Link to={`${sectionPath("clients")}/${period.client_id}`}>{period.client_name}</Link>
                  ) : (
                    m.clientHidden
                  ),
              },
              { key: "dates", header: m.period, cell: (period) => periodDates(m, period) },
              { key: "hours", header: m.hours, cell: (period) => period.hours_per_week ?? "–", numeric: true },
              { key: "status", header: m.status, cell: (period) => <PeriodStateBadge period={period} /> },
            ]}
          />
        )}
      </DataState>
      {anyHidden && <p className="muted">{m.clientHiddenHint}</p>}
    </section>
  );
}
