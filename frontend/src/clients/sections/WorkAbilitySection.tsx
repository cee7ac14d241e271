// The client page's section "Työkyky": the work-ability method. A work-ability coordinator
// working with the client (capability `work_ability`) sees and edits the roadmap, the
// functional measures and the means to support work, and sees the approved summary as others
// do; a coordinator with `work_ability_summary` (the client's consent) sees only the summary;
// others who see the pathway learn only whether an investigation is under way.
import { Route, Routes } from "react-router";
import { useMessages } from "../../common/i18n";
import { NotFoundPage } from "../../common/NotFoundPage";
import type { Overview } from "../api";
import { can } from "../clientView";
import { FunctionalPanel } from "../workability/FunctionalPanel";
import { workAbilityMessages } from "../workability/messages";
import { PrintView } from "../workability/PrintView";
import { RoadmapPanel, RoadmapUnderWay } from "../workability/RoadmapPanel";
import { SummaryPanel } from "../workability/SummaryPanel";
import { SupportsPanel } from "../workability/SupportsPanel";
import "../workability/workability.css";
import { NotShown } from "./common";

export function WorkAbilitySection({ view }: { view: Overview }) {
  const clientId = view.client.id;
  return (
    <Routes>
      <Route index element={<WorkAbilityOverview view={view} />} />
      <Route
        path="tulostettava"
        element={
          can(view, "work_ability") ? (
            <PrintView
              clientId={clientId}
              clientName={`${view.client.first_name} ${view.client.last_name}`}
              clientLanguage={view.client.language}
            />
          ) : (
            <NotShown />
          )
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function WorkAbilityOverview({ view }: { view: Overview }) {
  const m = useMessages(workAbilityMessages);
  const clientId = view.client.id;
  const writable = can(view, "write");
  if (can(view, "work_ability")) {
    return (
      <>
        <p className="muted">{m.sectionIntro}</p>
        <RoadmapPanel clientId={clientId} writable={writable} />
        <FunctionalPanel clientId={clientId} writable={writable} />
        <SupportsPanel clientId={clientId} writable={writable} />
        <SummaryPanel clientId={clientId} asOthersSee />
      </>
    );
  }
  const summary = can(view, "work_ability_summary");
  // An administrator reads a client only with a stated reason, which the overview's read
  // carried; this section's own read would go without it and be refused, so it is not made.
  const adminOnly = view.relations.length > 0 && view.relations.every((relation) => relation === "admin");
  const pathway = can(view, "pathway") && !adminOnly;
  if (!summary && !pathway) return <NotShown />;
  return (
    <>
      {pathway && <RoadmapUnderWay clientId={clientId} />}
      {summary && <SummaryPanel clientId={clientId} asOthersSee={false} />}
    </>
  );
}
