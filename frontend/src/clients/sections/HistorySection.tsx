import type { ReactNode } from "react";
import { DateText, DateTimeText } from "../../common/DateText";
import { useMessages } from "../../common/i18n";
import { StaffNames } from "../../common/staff";
import { Badge } from "../../common/StatusBadge";
import type { Overview } from "../api";
import { clientCodes, clientsMessages, codeLabel } from "../messages";
import { historyKinds, workMessages } from "../workMessages";
import { Section } from "./common";

interface Entry {
  key: string;
  at: string;
  text: ReactNode;
  health?: boolean;
}

/** The pathway's steps as the service tells them, with the contacts, meetings and notes between. */
export function HistorySection({ view }: { view: Overview }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const kinds = useMessages(historyKinds);
  const entries: Entry[] = view.history.map((event, index) => ({
    key: `h-${index}-${event.kind}-${event.on}`,
    at: event.on,
    text: (
      <>
        <strong>{kinds[event.kind]}</strong>
        {event.detail && `: ${codeLabel(codes, event.detail)}`}
        {(event.people ?? []).length > 0 && (
          <>
            {" · "}
            <StaffNames usernames={event.people ?? []} />
          </>
        )}
      </>
    ),
  }));
  for (const enrolment of view.enrolments) {
    for (const contact of enrolment.contacts ?? []) {
      entries.push({ key: contact.id, at: contact.at, text: t.tlContact(codeLabel(codes, contact.channel), contact.reached) });
    }
    for (const meeting of enrolment.meetings ?? []) {
      entries.push({ key: meeting.id, at: meeting.at, text: t.tlMeeting(codeLabel(codes, meeting.kind), codeLabel(codes, meeting.status)) });
    }
  }
  for (const note of view.notes ?? []) {
    entries.push({
      key: note.id,
      at: note.created_at,
      health: note.sensitivity === "health",
      text: `${t.tlNote}: ${note.text.length > 120 ? `${note.text.slice(0, 117)}…` : note.text}`,
    });
  }
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <Section id="history" title={w.sectionHistory}>
      {entries.length === 0 ? (
        <p className="data-empty">{t.timelineEmpty}</p>
      ) : (
        <ol className="timeline">
          {entries.map((entry) => (
            <li key={entry.key}>
              <span className="timeline-when">{entry.at.length === 10 ? <DateText value={entry.at} /> : <DateTimeText value={entry.at} />}</span>
              {entry.health && (
                <>
                  <Badge tone="health">{t.healthNote}</Badge>{" "}
                </>
              )}
              {entry.text}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
