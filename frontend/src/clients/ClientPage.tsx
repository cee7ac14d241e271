// A client's page: one read (GET …/overview: access checked once, one access-log entry) and
// the sections as sub-routes, so each has an address My day can link to and the page is no
// longer one long scroll. A team lead or an admin is asked the reason of access first; it
// goes to the access log with the read (X-Access-Reason).
import { useState } from "react";
import { Link, NavLink, Route, Routes, useNavigate, useParams } from "react-router";
import { useMe } from "../auth/session";
import { DataState } from "../common/DataState";
import { Dialog } from "../common/Dialog";
import { FormMessages, SubmitButton, text, TextField, useForm, ChoiceGroup } from "../common/form";
import { useMessages } from "../common/i18n";
import { NotFoundPage } from "../common/NotFoundPage";
import { PageHeading } from "../common/PageHeading";
import { keys, useApiQuery } from "../common/query";
import { Badge } from "../common/StatusBadge";
import { clientsApi, type Overview } from "./api";
import { can, currentEnrolment, type Capability } from "./clientView";
import { clientCodes, clientsMessages, codeLabel } from "./messages";
import { isHeaderSafe } from "./validation";
import { AssessmentsSection } from "./sections/AssessmentsSection";
import { HistorySection } from "./sections/HistorySection";
import { NotesSection } from "./sections/NotesSection";
import { OverviewSection } from "./sections/OverviewSection";
import { PathwaySection } from "./sections/PathwaySection";
import { PlanSection } from "./sections/PlanSection";
import { ServicePeriodsSection } from "./sections/ServicePeriodsSection";
import { WorkAbilitySection } from "./sections/WorkAbilitySection";
import { workMessages } from "./workMessages";

export const CLIENT_SECTIONS = [
  { path: "", key: "sectionOverview" },
  { path: "polku", key: "sectionPathway" },
  { path: "suunnitelma", key: "sectionPlan" },
  { path: "kirjaukset", key: "sectionNotes" },
  { path: "arviot", key: "sectionAssessments" },
  // Shown to the pathway's readers only: the service answers 404 to anyone else.
  { path: "aktiivipalvelut", key: "sectionServicePeriods", needs: "pathway" },
  { path: "tyokyky", key: "sectionWorkAbility" },
  { path: "historia", key: "sectionHistory" },
] as const satisfies readonly { path: string; key: string; needs?: Capability }[];

export function ClientPage() {
  const { clientId = "" } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  // Team leads and admins see a client for a reason that the access log keeps.
  const asksReason = me.roles.includes("team_lead") || me.roles.includes("admin");
  const [reason, setReason] = useState<string | null>(asksReason ? null : "");
  const overview = useApiQuery(keys.client(clientId), (http) => clientsApi.overview(http, clientId, reason || null), {
    enabled: reason !== null,
    // Each opening of the page is a read the access log must see, with this opening's reason:
    // never stale-free cache from an earlier opening. Moving between the sections keeps this
    // page mounted, so it reads nothing more.
    staleTime: 0,
  });

  return (
    <>
      <p>
        <Link to="/asiakkaat">{t.backToClients}</Link>
      </p>
      {reason === null && <AccessReasonDialog onGiven={setReason} onCancel={() => navigate("/asiakkaat")} />}
      {overview.status !== "success" && <PageHeading title={t.clientLoading}>{t.clientLoading}</PageHeading>}
      {reason === null ? (
        <p>{w.reasonWaiting}</p>
      ) : (
        <DataState query={overview}>{(view) => <ClientSections view={view} />}</DataState>
      )}
    </>
  );
}

function ClientSections({ view }: { view: Overview }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const { client } = view;
  const name = `${client.first_name} ${client.last_name}`;
  const current = currentEnrolment(view);
  return (
    <>
      <PageHeading title={name}>{name}</PageHeading>
      <p className="muted">
        {current ? (
          <>
            <Badge tone={current.state === "ended" ? "neutral" : "info"}>{codeLabel(codes, current.state)}</Badge>{" "}
            {codeLabel(codes, current.service_line)}
          </>
        ) : (
          <Badge tone="neutral">{codeLabel(codes, client.awaiting_triage ? "triage" : "no_enrolment")}</Badge>
        )}
        {can(view, "access_log") && (
          <>
            {" · "}
            <Link to={`/asiakkaat/${client.id}/loki`}>{t.accessLogLink}</Link>
          </>
        )}
      </p>
      <nav aria-label={w.sectionsLabel} className="section-nav">
        <ul className="tabs">
          {CLIENT_SECTIONS.filter((section) => !("needs" in section) || can(view, section.needs)).map((section) => (
            <li key={section.path}>
              <NavLink end to={`/asiakkaat/${client.id}${section.path ? `/${section.path}` : ""}`}>
                {w[section.key]}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<OverviewSection view={view} />} />
        <Route path="polku" element={<PathwaySection view={view} />} />
        <Route path="suunnitelma" element={<PlanSection view={view} />} />
        <Route path="kirjaukset" element={<NotesSection view={view} />} />
        <Route path="arviot" element={<AssessmentsSection view={view} />} />
        <Route path="aktiivipalvelut" element={<ServicePeriodsSection view={view} />} />
        <Route path="historia" element={<HistorySection view={view} />} />
        <Route path="tyokyky/*" element={<WorkAbilitySection view={view} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}

const REASONS = ["reasonReassignment", "reasonQuality", "reasonClientRequest", "reasonReporting", "reasonOther"] as const;

/** The reason of access, asked before the client's data are read (team lead, admin). */
export function AccessReasonDialog({ onGiven, onCancel }: { onGiven: (reason: string) => void; onCancel: () => void }) {
  const w = useMessages(workMessages);
  const common = useMessages(clientsMessages);
  const form = useForm<"reason" | "other">({ fields: ["reason", "other"] });
  return (
    <Dialog title={w.reasonTitle} onCancel={onCancel}>
      <form
        className="form"
        noValidate
        onSubmit={form.handleSubmit(
          async (data) => {
            const chosen = text(data, "reason") as (typeof REASONS)[number];
            onGiven(chosen === "reasonOther" ? text(data, "other") : w[chosen]);
          },
          (data) => {
            const chosen = text(data, "reason");
            if (!chosen) return { reason: w.reasonRequired };
            if (chosen === "reasonOther" && !text(data, "other")) return { other: w.reasonOtherRequired };
            if (chosen === "reasonOther" && !isHeaderSafe(text(data, "other"))) return { other: w.reasonOtherCharacters };
            return {};
          },
        )}
      >
        <p>{w.reasonIntro}</p>
        <FormMessages form={form} />
        <ChoiceGroup
          form={form}
          name="reason"
          type="radio"
          legend={w.reasonLegend}
          required
          options={REASONS.map((reason) => ({ value: reason, label: w[reason] }))}
        />
        <TextField form={form} name="other" label={w.reasonOtherLabel} hint={w.reasonOtherHint} maxLength={200} />
        <div className="button-row">
          <SubmitButton submitting={form.submitting}>{w.reasonOpen}</SubmitButton>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {common.backToClients}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
