import { accessibilityMessages } from "./accessibilityMessages";
import { useLanguage, useMessages } from "./i18n";
import { PageHeading } from "./PageHeading";

// The address is the municipality's to choose; the build takes it from the environment so
// that no one edits the statement's text to change it.
const FEEDBACK_EMAIL: string = import.meta.env.VITE_ACCESSIBILITY_FEEDBACK_EMAIL ?? "saavutettavuus@polku.example";
const STATEMENT_DATE = new Date(2026, 10, 23);
const SUPERVISION_URL = "https://www.saavutettavuusvaatimukset.fi/";

export function AccessibilityStatementPage() {
  const t = useMessages(accessibilityMessages);
  const { language } = useLanguage();
  const date = STATEMENT_DATE.toLocaleDateString(language === "fi" ? "fi-FI" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const mailto = `mailto:${FEEDBACK_EMAIL}?subject=${encodeURIComponent(t.feedbackSubject)}`;

  return (
    <article className="prose">
      <PageHeading title={t.title}>{t.title}</PageHeading>
      <p className="lead">{t.intro}</p>

      <h2>{t.statusTitle}</h2>
      <p>{t.status}</p>

      <h2>{t.gapsTitle}</h2>
      <p>{t.gapsIntro}</p>
      <ul>
        <li>{t.gapPlaceholders}</li>
        <li>{t.gapManualTesting}</li>
      </ul>

      <h2>{t.methodTitle}</h2>
      <p>{t.method(date)}</p>

      <h2>{t.feedbackTitle}</h2>
      <p>{t.feedback}</p>
      <p>
        <a href={mailto}>{t.feedbackLink}</a>: <span className="nowrap">{FEEDBACK_EMAIL}</span>
      </p>

      <h2>{t.supervisionTitle}</h2>
      <p>{t.supervision}</p>
      <p>
        <a href={SUPERVISION_URL}>{t.supervisionLink}</a>
      </p>
    </article>
  );
}
