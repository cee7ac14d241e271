// The client's own version of the roadmap, to print and hand over: the stages in plain
// language and the next step, in the language chosen for the client, no health details. Print
// CSS (workability.css) hides the app around the sheet.
import { useState } from "react";
import { Link } from "react-router";
import { helsinkiToday } from "../../common/calendar";
import { DataState } from "../../common/DataState";
import { formatDate } from "../../common/format";
import { useLanguage, useMessages, type Language } from "../../common/i18n";
import { useApiQuery } from "../../common/query";
import { clientsApi, type ClientRoadmap } from "../api";
import { Section } from "../sections/common";
import { workAbilityMessages } from "./messages";
import { isProblem, workAbilityKeys } from "./shared";

export function PrintView({ clientId, clientName, clientLanguage }: { clientId: string; clientName: string; clientLanguage: string | null }) {
  const m = useMessages(workAbilityMessages);
  const { language: uiLanguage } = useLanguage();
  const [language, setLanguage] = useState<Language>(clientLanguage === "en" || clientLanguage === "fi" ? clientLanguage : uiLanguage);
  const version = useApiQuery(workAbilityKeys.clientVersion(clientId, language), (http) => clientsApi.clientRoadmap(http, clientId, language));
  return (
    <Section id="roadmap-print" title={m.printTitle}>
      <div className="no-print">
        <p>{m.printIntro}</p>
        <fieldset className="field choice-group">
          <legend>{m.printLanguage}</legend>
          {(["fi", "en"] as const).map((code) => (
            <div className="choice" key={code}>
              <input
                type="radio"
                name="print-language"
                id={`print-language-${code}`}
                value={code}
                checked={language === code}
                onChange={() => setLanguage(code)}
              />
              <label htmlFor={`print-language-${code}`}>{code === "fi" ? m.languageFi : m.languageEn}</label>
            </div>
          ))}
        </fieldset>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => window.print()} disabled={!version.isSuccess}>
            {m.print}
          </button>
          <Link to={`/asiakkaat/${clientId}/tyokyky`}>{m.backToWorkAbility}</Link>
        </div>
      </div>
      {version.isError && isProblem(version.error, "roadmap_not_found") ? (
        <p className="data-empty">{m.noRoadmapToPrint}</p>
      ) : (
        <DataState query={version}>{(read) => <Sheet read={read} clientName={clientName} language={language} />}</DataState>
      )}
    </Section>
  );
}

function Sheet({ read, clientName, language }: { read: ClientRoadmap; clientName: string; language: Language }) {
  // The sheet speaks the client's chosen language, whatever the app's.
  const words = workAbilityMessages[language];
  return (
    <article className="print-sheet" lang={language} aria-labelledby="print-sheet-title">
      <h3 id="print-sheet-title" className="print-sheet-title">
        {words.sheetTitle(clientName)}
      </h3>
      <p>{words.sheetIntro}</p>
      <section className="print-sheet-next" aria-labelledby="print-sheet-next">
        <h4 id="print-sheet-next">{words.sheetNextStep}</h4>
        <p>{read.next_step ?? words.sheetAllDone}</p>
      </section>
      <h4>{words.sheetStages}</h4>
      <ol className="print-sheet-stages">
        {read.stages.map((stage, index) => (
          <li key={index} className={`print-sheet-stage print-sheet-stage-${stage.status}`}>
            <p className="print-sheet-stage-name">
              <strong>{stage.name}</strong> – {words[stage.status]}
            </p>
            <p>{stage.text}</p>
          </li>
        ))}
      </ol>
      <p className="muted">{words.sheetPrinted(formatDate(helsinkiToday()))}</p>
    </article>
  );
}
