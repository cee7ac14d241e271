// Pieces every section of the client page uses.
import type { ReactNode } from "react";
import { useMessages } from "../../common/i18n";
import { workMessages } from "../workMessages";

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** A form behind a disclosure: the section stays readable, each form one click away. */
export function Disclosure({ summary, children, open }: { summary: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="disclosure" open={open}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

export function Detail({ term, value }: { term: string; value: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value === null || value === undefined || value === "" ? "–" : value}</dd>
    </div>
  );
}

/** A part the reader's role does not show (the overview answers `null` for it). */
export function NotShown() {
  const w = useMessages(workMessages);
  return <p className="muted">{w.notShown}</p>;
}
