// The access log of one client (GET /api/v1/clients/{id}/access-log): who read or changed the
// client's data, when and why. For team leads and admins; the service answers 404 to others.
// Reading the log is itself logged by the service.
import { useCallback, useEffect, useId, useState } from "react";
import { Link, useParams } from "react-router";
import type { paths } from "../api/clients";
import { roleLabel } from "../auth/roles";
import { ApiError, type ApiClient } from "../common/api";
import { useApi } from "../common/ApiContext";
import { useLanguage, useMessages, type Language } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { loadFailureText, type LoadState } from "./forms";
import { actionLabel, adminMessages } from "./messages";
import "./admin.css";
import { StaffName } from "../common/staff";

type AccessLogPath = paths["/api/v1/clients/{client_id}/access-log"]["get"];
export type AccessLogEntry = AccessLogPath["responses"][200]["content"]["application/json"][number];

/** The service's own default; a full page of entries means there may be older ones. */
export const ACCESS_LOG_LIMIT = 200;

export function fetchAccessLog(api: ApiClient, clientId: string): Promise<AccessLogEntry[]> {
  return api.request<AccessLogEntry[]>(
    `/api/v1/clients/${encodeURIComponent(clientId)}/access-log?limit=${ACCESS_LOG_LIMIT}`,
  );
}

/** Newest first, whatever order the service used. */
export function newestFirst(entries: readonly AccessLogEntry[]): AccessLogEntry[] {
  return [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

function formatTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === "fi" ? "fi-FI" : "en-GB", {
    day: "numeric",
    month: "numeric",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone: "Europe/Helsinki",
  }).format(date);
}

/**
 * The log as a section, to place on a client page; `headingLevel` fits it under the page's
 * headings, and "page" makes its heading the page's h1.
 */
export function ClientAccessLog({ clientId, headingLevel = 2 }: { clientId: string; headingLevel?: 2 | 3 | "page" }) {
  const t = useMessages(adminMessages);
  const { language } = useLanguage();
  const api = useApi();
  const id = useId();
  const [state, setState] = useState<LoadState<AccessLogEntry[]>>({ status: "loading" });

  const load = useCallback(() => {
    setState({ status: "loading" });
    fetchAccessLog(api, clientId).then(
      (entries) => setState({ status: "ok", data: newestFirst(entries) }),
      (error: unknown) => setState({ status: "error", error }),
    );
  }, [api, clientId]);

  useEffect(load, [load]);

  const Heading = headingLevel === 3 ? "h3" : "h2";
  const roles = (value: string) =>
    value
      .split(/[ ,]+/)
      .filter(Boolean)
      .map((role) => roleLabel(role, language))
      .join(", ");

  return (
    <section className="admin-scope access-log" aria-labelledby={`${id}-title`} aria-busy={state.status === "loading" || undefined}>
      {headingLevel === "page" ? (
        <div id={`${id}-title`}>
          <PageHeading title={t.accessLogTitle}>{t.accessLogTitle}</PageHeading>
        </div>
      ) : (
        <Heading id={`${id}-title`}>{t.accessLogTitle}</Heading>
      )}
      <p>{t.accessLogIntro}</p>
      {state.status === "loading" && <p className="placeholder">{t.loading}</p>}
      {state.status === "error" && (
        <div className="notice notice-error">
          <p>
            {state.error instanceof ApiError && state.error.status === 404
              ? t.accessLogNotFound
              : loadFailureText(state.error, t)}
          </p>
          {!(state.error instanceof ApiError && state.error.status === 404) && (
            <button type="button" className="button button-secondary" onClick={load}>
              {t.retry}
            </button>
          )}
        </div>
      )}
      {state.status === "ok" && state.data.length === 0 && <p className="placeholder">{t.accessLogEmpty}</p>}
      {state.status === "ok" && state.data.length > 0 && (
        <>
          <p role="status">
            {t.accessLogCount(state.data.length)}{" "}
            {state.data.length >= ACCESS_LOG_LIMIT && t.accessLogLimited(ACCESS_LOG_LIMIT)}
          </p>
          {/* Focusable so a keyboard can scroll a table wider than the screen (WCAG 2.1.1). */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t.accessLogTitle}>
            <table className="data-table">
              <caption className="visually-hidden">{t.accessLogTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colAt}</th>
                  <th scope="col">{t.colActor}</th>
                  <th scope="col">{t.colActorRoles}</th>
                  <th scope="col">{t.colAction}</th>
                  <th scope="col">{t.colReason}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row" className="nowrap">
                      <time dateTime={entry.at}>{formatTime(entry.at, language)}</time>
                    </th>
                    <td>
                      <StaffName username={entry.actor} />
                    </td>
                    <td>{roles(entry.actor_roles)}</td>
                    <td>{actionLabel(entry.action, t)}</td>
                    <td>{entry.reason ?? t.noReason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The log as its own page: the client id as a prop, or from a route such as `/asiakkaat/:clientId/loki`. */
export function ClientAccessLogPage({ clientId }: { clientId?: string }) {
  const params = useParams();
  const t = useMessages(adminMessages);
  return (
    <>
      {params.clientId && (
        <p>
          <Link to=".." relative="path">
            {t.accessLogBack}
          </Link>
        </p>
      )}
      <ClientAccessLog clientId={clientId ?? params.clientId ?? ""} headingLevel="page" />
    </>
  );
}
