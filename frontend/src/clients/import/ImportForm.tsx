import { describeError, documentLanguage, fieldErrorTexts } from "../../common/errors";
import { useId, useRef, useState, type FormEvent } from "react";
import { ApiError } from "../../common/api";
import { useApi } from "../../common/ApiContext";
import { useMessages } from "../../common/i18n";
import { ACCEPTED_EXTENSIONS, hasAcceptedExtension, startImport, type ImportAccepted } from "./importApi";
import { importMessages, type ImportMessages } from "./messages";

export function validateFile(file: File | null, t: ImportMessages): string | null {
  if (file === null) return t.fileRequired;
  if (!hasAcceptedExtension(file.name)) return t.fileType;
  if (file.size === 0) return t.fileEmpty;
  return null;
}

/** A refused start in words: the service's file message (422) belongs to the file field. */
export function describeStartFailure(error: unknown, t: ImportMessages): { field: string | null; failure: string | null } {
  if (!(error instanceof ApiError)) return { field: null, failure: t.startFailed };
  if (error.kind === "network") return { field: null, failure: t.networkFailed };
  if (error.status === 403 || error.status === 404) return { field: null, failure: t.forbidden };
  if (error.status === 422) {
    const language = documentLanguage();
    const detail = fieldErrorTexts(error, language).file ?? describeError(error, language);
    return { field: t.fileRejected(detail), failure: null };
  }
  return { field: null, failure: `${t.startFailed} ${describeError(error, documentLanguage())}` };
}

export function ImportForm({
  onStarted,
}: {
  onStarted: (accepted: ImportAccepted, file: File, dryRun: boolean) => void;
}) {
  const t = useMessages(importMessages);
  const api = useApi();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const fileId = `${id}-file`;

  function showProblems(nextFileError: string | null, nextFailure: string | null) {
    setFileError(nextFileError);
    setFailure(nextFailure);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const problem = validateFile(file, t);
    if (problem !== null || file === null) {
      showProblems(problem ?? t.fileRequired, null);
      return;
    }
    setFileError(null);
    setFailure(null);
    setSending(true);
    try {
      const accepted = await startImport(api, file, dryRun);
      onStarted(accepted, file, dryRun);
    } catch (error) {
      const described = describeStartFailure(error, t);
      setSending(false);
      showProblems(described.field, described.failure);
    }
  }

  const showSummary = fileError !== null || failure !== null;

  return (
    <form className="form import-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      {showSummary && (
        <div className="notice notice-error" ref={summaryRef} tabIndex={-1} aria-labelledby={`${id}-summary`}>
          <h2 id={`${id}-summary`} className="notice-title">
            {failure !== null ? t.startFailed : t.errorSummaryTitle}
          </h2>
          {failure !== null && <p>{failure}</p>}
          {fileError !== null && (
            <ul>
              <li>
                <a href={`#${fileId}`}>{fileError}</a>
              </li>
            </ul>
          )}
        </div>
      )}
      <div className={`field${fileError ? " field-invalid" : ""}`}>
        <label htmlFor={fileId}>{t.file}</label>
        <p className="field-hint" id={`${fileId}-hint`}>
          {t.fileHint}
        </p>
        {fileError && (
          <p className="field-error" id={`${fileId}-error`}>
            {fileError}
          </p>
        )}
        <input
          id={fileId}
          type="file"
          accept={[...ACCEPTED_EXTENSIONS, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"].join(",")}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <div className="field checkbox">
        <input id={`${id}-dry-run`} type="checkbox" checked={dryRun} onChange={(event) => setDryRun(event.target.checked)} />
        <label htmlFor={`${id}-dry-run`}>{t.dryRun}</label>
      </div>
      <button type="submit" className="button button-primary" aria-busy={sending || undefined}>
        {sending ? t.starting : dryRun ? t.startDryRun : t.startImport}
      </button>
    </form>
  );
}
