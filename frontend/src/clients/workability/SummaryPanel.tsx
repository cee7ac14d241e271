// The work-ability summary (Työkykyyhteenveto): what helps the client work, as approved, in
// labels only (no diagnosis, no note text). A business coordinator reads it while the client's
// consent stands; the work-ability coordinator sees it as the others do.
import { DataState } from "../../common/DataState";
import { formatDateTime } from "../../common/format";
import { useLanguage, useMessages } from "../../common/i18n";
import { useApiQuery } from "../../common/query";
import { useStaffNameOf } from "../../common/staff";
import { clientsApi, type WorkAbilitySummary } from "../api";
import { Section } from "../sections/common";
import { workAbilityMessages } from "./messages";
import { isProblem, workAbilityKeys } from "./shared";
import { SupportsDetails } from "./SupportsPanel";

export function SummaryPanel({ clientId, asOthersSee }: { clientId: string; asOthersSee: boolean }) {
  const m = useMessages(workAbilityMessages);
  const summary = useApiQuery(workAbilityKeys.summary(clientId), (http) => clientsApi.workAbilitySummary(http, clientId));
  return (
    <Section id="work-ability-summary" title={m.summaryTitle}>
      {asOthersSee && <p className="muted">{m.summaryOthersSee}</p>}
      {summary.isError && isProblem(summary.error, "work_ability_summary_not_found") ? (
        <p className="data-empty">{m.noSummary}</p>
      ) : (
        <DataState query={summary}>{(read) => <SummaryView summary={read} />}</DataState>
      )}
    </Section>
  );
}

export function SummaryView({ summary }: { summary: WorkAbilitySummary }) {
  const m = useMessages(workAbilityMessages);
  const { language } = useLanguage();
  const nameOf = useStaffNameOf();
  return (
    <>
      <SupportsDetails supports={summary} words={m} />
      <dl className="details">
        <div>
          <dt>{m.selfAssessment}</dt>
          <dd>{summary.self_assessment_overall ?? "–"}</dd>
        </div>
        <div>
          <dt>{m.summaryApproved}</dt>
          <dd>{m.approverAt(nameOf(summary.approved_by), formatDateTime(summary.approved_at, language))}</dd>
        </div>
        <div>
          <dt>{m.employerSharing}</dt>
          <dd>{summary.shareable_with_employer ? m.shareable : m.notShareable}</dd>
        </div>
      </dl>
    </>
  );
}
