import { DataTable } from "../../common/DataTable";
import { DateText } from "../../common/DateText";
import { formatDate } from "../../common/format";
import { useMessages } from "../../common/i18n";
import { StaffName } from "../../common/staff";
import { Badge } from "../../common/StatusBadge";
import type { Overview } from "../api";
import { can } from "../clientView";
import { clientsMessages } from "../messages";
import { PlanEditor } from "../PlanEditor";
import { workMessages } from "../workMessages";
import { Disclosure, NotShown, Section } from "./common";

export function PlanSection({ view }: { view: Overview }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const plan = view.plan;
  const writable = can(view, "write");
  const pathwaySeen = can(view, "pathway");
  return (
    <Section id="plan" title={t.plan}>
      {!pathwaySeen ? (
        <NotShown />
      ) : !plan ? (
        <p className="data-empty">{t.noPlan}</p>
      ) : (
        <>
          <p className="muted">
            {w.updatedOn(formatDate(plan.updated_at))} <StaffName username={plan.updated_by} />
            {plan.reviewed_on && ` · ${t.reviewedOn} ${formatDate(plan.reviewed_on)}`}
          </p>
          <h3>{t.goals}</h3>
          {plan.goals.length === 0 ? (
            <p className="data-empty">{w.noGoals}</p>
          ) : (
            <ul>
              {plan.goals.map((goal, index) => (
                <li key={`${index}-${goal}`}>{goal}</li>
              ))}
            </ul>
          )}
          <h3>{t.actions}</h3>
          {plan.actions.length === 0 ? (
            <p className="data-empty">{w.noActions}</p>
          ) : (
            <DataTable
              caption={t.actions}
              captionHidden
              rows={plan.actions}
              rowKey={(action) => action.id}
              columns={[
                { key: "what", header: w.actionWhat, cell: (action) => action.what },
                {
                  key: "owner",
                  header: t.owner,
                  cell: (action) => (action.owner === "client" || !action.owner ? w.ownerClient : <StaffName username={action.owner} />),
                },
                { key: "due", header: t.due, cell: (action) => <DateText value={action.due_on} /> },
                {
                  key: "done",
                  header: t.done,
                  cell: (action) =>
                    action.done_on ? <Badge tone="success">{w.doneOn(formatDate(action.done_on))}</Badge> : <Badge tone="neutral">{w.notDone}</Badge>,
                },
              ]}
            />
          )}
        </>
      )}
      {writable && (
        <Disclosure summary={plan ? w.editPlan : w.writePlan}>
          <PlanEditor view={view} />
        </Disclosure>
      )}
    </Section>
  );
}
