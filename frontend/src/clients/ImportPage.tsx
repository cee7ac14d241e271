import { useState } from "react";
import { useSearchParams } from "react-router";
import { useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { IMPORT_COLUMNS, startImport } from "./import/importApi";
import { ImportForm } from "./import/ImportForm";
import { ImportProgress } from "./import/ImportProgress";
import { importMessages } from "./import/messages";
import { useApi } from "../common/ApiContext";
import "./import/import.css";

/** The import being followed is in the address (?tuonti=<id>), so a reload keeps following it. */
const IMPORT_PARAM = "tuonti";

export function ImportPage() {
  const t = useMessages(importMessages);
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const importId = params.get(IMPORT_PARAM);
  // The chosen file stays in memory only, for "import now" after a dry run.
  const [file, setFile] = useState<File | null>(null);
  const [restartFailed, setRestartFailed] = useState<string | null>(null);

  function follow(id: string) {
    setParams({ [IMPORT_PARAM]: id });
  }

  async function importNow() {
    if (!file) return;
    setRestartFailed(null);
    try {
      const accepted = await startImport(api, file, false);
      follow(accepted.id);
    } catch {
      setRestartFailed(t.startFailed);
    }
  }

  return (
    <div className="import-scope">
      <PageHeading title={t.title}>{t.title}</PageHeading>
      <p className="lead">{t.intro}</p>
      {importId === null ? (
        <>
          <ImportForm
            onStarted={(accepted, chosen) => {
              setFile(chosen);
              follow(accepted.id);
            }}
          />
          <details className="disclosure">
            <summary>{t.columnsTitle}</summary>
            <p>{t.columnsIntro}</p>
            <p>
              <code className="column-list">{IMPORT_COLUMNS.join(",")}</code>
            </p>
            <p>{t.columnsRerun}</p>
          </details>
        </>
      ) : (
        <>
          {restartFailed && (
            <div className="notice notice-error" role="alert">
              <p>{restartFailed}</p>
            </div>
          )}
          <ImportProgress
            key={importId}
            importId={importId}
            fileName={file?.name ?? null}
            onImportNow={file ? () => void importNow() : null}
            onNewImport={() => {
              setFile(null);
              setRestartFailed(null);
              setParams({});
            }}
          />
        </>
      )}
    </div>
  );
}
