import { DataTable } from "../../common/DataTable";
import { DateText } from "../../common/DateText";
import { useMessages } from "../../common/i18n";
import type { Overview } from "../api";
import { AssessmentChart } from "../AssessmentChart";
import { can, currentEnrolment } from "../clientView";
import { AssessmentForm, FeedbackForm, StatusEpisodeForm } from "../forms";
import { clientCodes, clientsMessages, codeLabel } from "../messages";
import { workMessages } from "../workMessages";
import { Disclosure, NotShown, Section } from "./common";

export function AssessmentsSection({ view }: { view: Overview }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const writable = can(view, "write");
  const clientId = view.client.id;
  const feedback = [...(view.feedback ?? [])].sort((a, b) => (a.given_on < b.given_on ? 1 : -1));
  const episodes = [...(view.status_episodes ?? [])].sort((a, b) => (a.starts_on < b.starts_on ? 1 : -1));
  return (
    <>
      <Section id="assessments" title={t.assessments}>
        {view.assessments === null ? <NotShown /> : <AssessmentChart assessments={view.assessments} />}
        {writable && can(view, "work_ability") && (
          <Disclosure summary={t.addAssessment}>
            <AssessmentForm clientId={clientId} />
          </Disclosure>
        )}
      </Section>
      <Section id="status-episodes" title={w.episodesTitle}>
        {view.status_episodes === null ? (
          <NotShown />
        ) : episodes.length === 0 ? (
          <p className="data-empty">{w.noEpisodes}</p>
        ) : (
          <DataTable
            caption={w.episodesTitle}
            captionHidden
            rows={episodes}
            rowKey={(episode) => episode.id}
            columns={[
              { key: "status", header: w.episodeStatus, cell: (episode) => codeLabel(codes, episode.status) },
              { key: "from", header: w.startsOn, cell: (episode) => <DateText value={episode.starts_on} /> },
              { key: "to", header: w.endsOn, cell: (episode) => (episode.ends_on ? <DateText value={episode.ends_on} /> : w.ongoing) },
              { key: "type", header: w.serviceType, cell: (episode) => episode.service_type ?? "–" },
            ]}
          />
        )}
        {writable && (
          <Disclosure summary={w.addEpisode}>
            <StatusEpisodeForm clientId={clientId} />
          </Disclosure>
        )}
      </Section>
      <Section id="feedback" title={w.feedbackTitle}>
        {view.feedback === null ? (
          <NotShown />
        ) : feedback.length === 0 ? (
          <p className="data-empty">{w.noFeedback}</p>
        ) : (
          <DataTable
            caption={w.feedbackTitle}
            captionHidden
            rows={feedback}
            rowKey={(entry) => entry.id}
            columns={[
              { key: "grade", header: w.grade, cell: (entry) => entry.grade, numeric: true },
              { key: "on", header: w.givenOn, cell: (entry) => <DateText value={entry.given_on} /> },
              { key: "text", header: w.feedbackText, cell: (entry) => entry.text ?? "–" },
            ]}
          />
        )}
        {writable && (
          <Disclosure summary={w.addFeedback}>
            <FeedbackForm clientId={clientId} enrolmentId={currentEnrolment(view)?.id ?? null} />
          </Disclosure>
        )}
      </Section>
    </>
  );
}
