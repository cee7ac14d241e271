import { useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../common/api";
import { useApi } from "../../common/ApiContext";
import { paramWords } from "../../common/errors";
import { useLanguage, useMessages } from "../../common/i18n";
import { fieldErrorText } from "../../common/problemText";
import { isFinished, percentProcessed, readImport, refusedRowCount, type ImportJob, type RowProblem } from "./importApi";
import { importMessages, rowMessage, type ImportMessages } from "./messages";

export const POLL_INTERVAL_MS = 1000;
const POLL_RETRY_MS = 3000;
const MAX_LISTED = 1000;

function ProblemTable({ caption, problems, t }: { caption: string; problems: readonly RowProblem[]; t: ImportMessages }) {
  const { language } = useLanguage();
  const sorted = [...problems].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  const shown = sorted.slice(0, MAX_LISTED);
  return (
    <>
      {sorted.length > MAX_LISTED && <p>{t.listTruncated(MAX_LISTED, sorted.length)}</p>}
      {/* Focusable so a keyboard can scroll a table wider than the screen (WCAG 2.1.1). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                {t.colRow}
              </th>
              <th scope="col">{t.colColumn}</th>
              <th scope="col">{t.colMessage}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((problem, index) => {
              // The rule's code says it in the UI's language; reports stored before codes keep
              // the older word match.
              const message = problem.code
                ? { text: fieldErrorText({ code: problem.code, params: problem.params ?? null }, language, paramWords), translated: true }
                : rowMessage(problem.message, t);
              return (
                <tr key={`${problem.row}-${problem.column}-${index}`}>
                  <th scope="row" className="numeric">
                    {problem.row}
                  </th>
                  <td>
                    <code>{problem.column}</code>
                  </td>
                  <td lang={message.translated ? undefined : "en"}>{message.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function summaryOf(job: ImportJob, t: ImportMessages): string {
  if (job.status === "failed") return t.failedSummary;
  const refused = refusedRowCount(job.errors);
  return job.dry_run ? t.dryRunSummary(job.created, job.updated, refused) : t.doneSummary(job.created, job.updated, refused);
}

/** Follows one import until it is done: a progress bar, then the counts, the error report and the warnings. */
export function ImportProgress({
  importId,
  fileName,
  onImportNow,
  onNewImport,
}: {
  importId: string;
  fileName: string | null;
  /** Offered after a clean-enough dry run when the file is still at hand. */
  onImportNow: (() => void) | null;
  onNewImport: () => void;
}) {
  const t = useMessages(importMessages);
  const { language } = useLanguage();
  const api = useApi();
  const id = useId();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [pollProblem, setPollProblem] = useState<"retrying" | "not-found" | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const number = new Intl.NumberFormat(language === "fi" ? "fi-FI" : "en-GB");

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setJob(null);
    setPollProblem(null);

    async function poll() {
      try {
        const next = await readImport(api, importId);
        if (stopped) return;
        setJob(next);
        setPollProblem(null);
        if (!isFinished(next.status)) timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiError && error.status === 404) {
          setPollProblem("not-found");
          return;
        }
        setPollProblem("retrying");
        timer = setTimeout(() => void poll(), POLL_RETRY_MS);
      }
    }
    void poll();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, importId]);

  const finished = job !== null && isFinished(job.status);
  useEffect(() => {
    // When the result arrives, bring the reader to it.
    if (finished) headingRef.current?.focus();
  }, [finished]);

  const percent = job ? percentProcessed(job) : 0;
  // The live text changes in tens of percent, so a screen reader is told progress without chatter.
  const liveText = job
    ? finished
      ? summaryOf(job, t)
      : `${t[`status_${job.status}`]}. ${t.progressPercent(Math.floor(percent / 10) * 10)}`
    : "";

  return (
    <section className="import-progress" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {job?.dry_run === false ? t.progressTitle : t.dryRunTitle}
      </h2>
      {fileName && <p>{t.fileName(fileName)}</p>}
      {pollProblem === "not-found" && (
        <div className="notice notice-error">
          <p>{t.pollNotFound}</p>
        </div>
      )}
      {pollProblem === "retrying" && (
        <div className="notice notice-error">
          <p>{t.pollFailed}</p>
        </div>
      )}
      {job === null && pollProblem === null && <p>{t.starting}</p>}
      {job && (
        <>
          <p>
            <span className="label">{t.statusLabel}:</span>{" "}
            <span className={`import-status import-status-${job.status}`}>{t[`status_${job.status}`]}</span>
          </p>
          <div className="progress-field">
            <label htmlFor={`${id}-progress`}>{t.progressLabel}</label>
            <progress
              id={`${id}-progress`}
              max={Math.max(job.total_rows, 1)}
              value={job.total_rows > 0 ? job.processed_rows : finished ? 1 : 0}
              aria-describedby={`${id}-progress-text`}
            >
              {percent} %
            </progress>
            <p id={`${id}-progress-text`} className="progress-text">
              {t.progressText(number.format(job.processed_rows), number.format(job.total_rows))} ({percent} %)
            </p>
          </div>
        </>
      )}
      <p role="status" className="import-live">
        {liveText}
      </p>
      {job && finished && (
        <>
          {job.dry_run && <p className="notice">{t.dryRunNote}</p>}
          {job.status === "failed" && job.failure && (
            <div className="notice notice-error">
              <p>{t.failureDetail}</p>
              <p lang="en">{job.failure}</p>
            </div>
          )}
          <dl className="import-counts">
            <div>
              <dt>{t.created}</dt>
              <dd>{number.format(job.created)}</dd>
            </div>
            <div>
              <dt>{t.updated}</dt>
              <dd>{number.format(job.updated)}</dd>
            </div>
            <div>
              <dt>{t.refusedRows}</dt>
              <dd>{number.format(refusedRowCount(job.errors))}</dd>
            </div>
            <div>
              <dt>{t.warningsCount}</dt>
              <dd>{number.format(job.warnings.length)}</dd>
            </div>
          </dl>
          <div className="form-actions">
            {job.dry_run && job.status === "done" && onImportNow && (
              <button type="button" className="button button-primary" onClick={onImportNow} aria-describedby={`${id}-import-now`}>
                {t.importNow}
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={onNewImport}>
              {t.newImport}
            </button>
          </div>
          {job.dry_run && job.status === "done" && onImportNow && (
            <p className="field-hint" id={`${id}-import-now`}>
              {t.importNowHint}
            </p>
          )}
        </>
      )}
      {job && (job.errors.length > 0 || finished) && (
        <section aria-labelledby={`${id}-errors`}>
          <h3 id={`${id}-errors`}>{t.errorsTitle}</h3>
          {job.errors.length === 0 ? (
            <p>{t.errorsNone}</p>
          ) : (
            <>
              <p>{job.dry_run ? t.errorsIntroDryRun : t.errorsIntro}</p>
              <ProblemTable caption={t.errorsTitle} problems={job.errors} t={t} />
            </>
          )}
        </section>
      )}
      {job && job.warnings.length > 0 && (
        <section aria-labelledby={`${id}-warnings`}>
          <h3 id={`${id}-warnings`}>{t.warningsTitle}</h3>
          <p>{t.warningsIntro}</p>
          <ProblemTable caption={t.warningsTitle} problems={job.warnings} t={t} />
        </section>
      )}
    </section>
  );
}
