// One's private calendar feed on the preferences page: the webcal address (shown once, when it
// is made: the service keeps only a hash of its token), copied with a button, renewed or turned
// off after a confirmation (GET and DELETE /api/v1/notifications/calendar).
import { useId, useState } from "react";
import { ConfirmButton } from "../common/Dialog";
import { describeError } from "../common/errors";
import { formatDateTime } from "../common/format";
import { useLanguage, useMessages } from "../common/i18n";
import { useHttp } from "../common/query";
import { notificationsApi, type CalendarFeed } from "./api";
import { notificationsMessages } from "./notificationsMessages";

type Copy = "idle" | "copied" | "failed";

export function CalendarFeedSection() {
  const t = useMessages(notificationsMessages);
  const { language } = useLanguage();
  const http = useHttp();
  const id = useId();
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [copy, setCopy] = useState<Copy>("idle");
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setError("");
    setStatus("");
    setCopy("idle");
    try {
      setStatus(await action());
    } catch (caught) {
      setError(describeError(caught, language));
    } finally {
      setBusy(false);
    }
  }

  const show = () =>
    run(async () => {
      setFeed(await notificationsApi.calendarFeed(http));
      return "";
    });
  const renew = () =>
    run(async () => {
      await notificationsApi.revokeCalendarFeed(http);
      setFeed(await notificationsApi.calendarFeed(http));
      return t.newFeedMade;
    });
  const revoke = () =>
    run(async () => {
      await notificationsApi.revokeCalendarFeed(http);
      setFeed(null);
      return t.feedRevoked;
    });

  async function copyAddress(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.feedTitle}</h2>
      <p>{t.feedIntro}</p>
      {feed === null ? (
        <div className="form-actions">
          <button type="button" className="button button-secondary" aria-busy={busy || undefined} disabled={busy} onClick={() => void show()}>
            {t.showFeed}
          </button>
        </div>
      ) : (
        <>
          {feed.url ? (
            <div className="field">
              <label htmlFor={`${id}-url`}>{t.feedAddress}</label>
              <p id={`${id}-hint`} className="field-hint">
                {t.feedAddressHint}
              </p>
              <input
                id={`${id}-url`}
                aria-describedby={`${id}-hint`}
                readOnly
                value={feed.url}
                onFocus={(event) => event.target.select()}
                spellCheck={false}
                autoComplete="off"
              />
            </div>
          ) : (
            <p>{t.feedInUse(formatDateTime(feed.created_at, language))}</p>
          )}
          <div className="form-actions">
            {feed.url && (
              <button type="button" className="button button-secondary" onClick={() => void copyAddress(feed.url ?? "")}>
                {t.copyFeed}
              </button>
            )}
            <ConfirmButton title={t.newFeedTitle} text={t.newFeedText} confirmLabel={t.newFeed} onConfirm={renew} danger={false} busy={busy}>
              {t.newFeed}
            </ConfirmButton>
            <ConfirmButton title={t.revokeFeedTitle} text={t.revokeFeedText} confirmLabel={t.revokeFeed} onConfirm={revoke} busy={busy}>
              {t.revokeFeed}
            </ConfirmButton>
          </div>
        </>
      )}
      <p role="status" className="small">
        {status}
        {copy === "copied" && t.feedCopied}
        {copy === "failed" && t.feedCopyFailed}
      </p>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
    </section>
  );
}
