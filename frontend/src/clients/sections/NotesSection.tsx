import { useState } from "react";
import { useMe } from "../../auth/session";
import { DateTimeText } from "../../common/DateText";
import { useMessages } from "../../common/i18n";
import { StaffName } from "../../common/staff";
import { Badge } from "../../common/StatusBadge";
import type { Note, Overview } from "../api";
import { can } from "../clientView";
import { NoteCorrectionForm, NoteForm } from "../forms";
import { clientsMessages } from "../messages";
import { workMessages } from "../workMessages";
import { Disclosure, NotShown, Section } from "./common";

export function NotesSection({ view }: { view: Overview }) {
  const t = useMessages(clientsMessages);
  const notes = [...(view.notes ?? [])].sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  const writable = can(view, "write");
  return (
    <Section id="notes" title={t.notes}>
      {view.notes === null ? (
        <NotShown />
      ) : notes.length === 0 ? (
        <p className="data-empty">{t.noNotes}</p>
      ) : (
        notes.map((note) => <NoteCard key={note.id} view={view} note={note} />)
      )}
      {writable && (
        <Disclosure summary={t.writeNote}>
          <NoteForm clientId={view.client.id} allowHealth={can(view, "health_notes")} />
        </Disclosure>
      )}
    </Section>
  );
}

function NoteCard({ view, note }: { view: Overview; note: Note }) {
  const t = useMessages(clientsMessages);
  const w = useMessages(workMessages);
  const me = useMe();
  const [correcting, setCorrecting] = useState(false);
  const health = note.sensitivity === "health";
  const mayCorrect = note.author === me.username && (can(view, "write") || can(view, "grace_write"));
  return (
    <article className={`card${health ? " card-health" : ""}`} aria-label={health ? `${t.tlNote}: ${t.healthNote}` : t.tlNote}>
      <p className="muted">
        {health && <Badge tone="health">{t.healthNote}</Badge>} <DateTimeText value={note.created_at} /> · <StaffName username={note.author} />
        {note.corrected_at && (
          <>
            {" · "}
            {w.correctedAt} <DateTimeText value={note.corrected_at} />
          </>
        )}
      </p>
      <p className="pre-wrap">{note.text}</p>
      {mayCorrect && (
        <button type="button" className="button button-quiet" aria-expanded={correcting} onClick={() => setCorrecting(!correcting)}>
          {w.correctNote}
        </button>
      )}
      {correcting && <NoteCorrectionForm clientId={view.client.id} note={note} onDone={() => setCorrecting(false)} />}
    </article>
  );
}
