import { describeError, documentLanguage } from "../common/errors";
import { useEffect, useId, useState, type ReactNode } from "react";
import { ApiError } from "../common/api";
import { useApi } from "../common/ApiContext";
import { useLanguage, useMessages } from "../common/i18n";
import type { ClientDimension } from "./chartData";
import { metricsMessages, type MetricsMessages } from "./messages";
import {
  csvFileName,
  fetchCsv,
  fetchIndicator,
  saveBlob,
  type CsvVariant,
  type Indicator,
  type IndicatorQuery,
  type IndicatorResult,
  type Period,
} from "./metricsApi";

export type LoadState<T> = { status: "loading" } | { status: "ok"; data: T } | { status: "error"; error: unknown };

export interface TableModel {
  columns: { label: string; numeric?: boolean }[];
  /** The first cell of each row is its header cell. */
  rows: { key: string; cells: string[] }[];
}

export interface ChartView {
  empty: boolean;
  chart: ReactNode;
  table: TableModel;
  /** Said under the table, e.g. that the rows of overlapping groups do not add up. */
  note?: string;
}

export function failureText(error: unknown, t: MetricsMessages): string {
  if (error instanceof ApiError) {
    if (error.kind === "network") return t.networkFailed;
    if (error.status === 502 || error.status === 503 || error.status === 504) return t.serviceUnavailable;
    return `${t.loadFailed} ${describeError(error, documentLanguage())}`;
  }
  return t.loadFailed;
}

export function DataTable({ caption, table }: { caption: string; table: TableModel }) {
  // Focusable so a keyboard can scroll a table wider than the screen (WCAG 2.1.1).
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column.label} scope="col" className={column.numeric ? "numeric" : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={index} className={table.columns[index]?.numeric ? "numeric" : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type DownloadState =
  | { status: "idle" }
  | { status: "busy"; variant: CsvVariant }
  | { status: "done"; file: string }
  | { status: "failed" };

/** The Finnish UI offers the Finnish-Excel file first, the English UI the plain one. */
export function csvVariantsFor(language: "fi" | "en"): readonly CsvVariant[] {
  return language === "fi" ? ["excel", "plain"] : ["plain", "excel"];
}

/** A breakdown's answer, tagged with the request it answers so a stale one is never shown. */
interface BreakdownAnswer {
  request: string;
  state: LoadState<IndicatorResult>;
}

/**
 * The same indicator grouped by a client dimension, fetched by the card itself: the page's
 * loading covers the default queries only. A new period or dimension asks again.
 */
function useBreakdown(indicator: string, dimension: ClientDimension | null, period: Period): [LoadState<IndicatorResult>, () => void] {
  const api = useApi();
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<BreakdownAnswer | null>(null);
  const request = dimension ? `${indicator}/${dimension}/${period.from}/${period.to}/${attempt}` : "";

  useEffect(() => {
    if (!dimension) return;
    let cancelled = false;
    fetchIndicator(api, { indicator, groupBy: dimension }, period).then(
      (data) => !cancelled && setAnswer({ request, state: { status: "ok", data } }),
      (error: unknown) => !cancelled && setAnswer({ request, state: { status: "error", error } }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, indicator, dimension, period, request]);

  const state: LoadState<IndicatorResult> = answer && answer.request === request ? answer.state : { status: "loading" };
  return [state, () => setAttempt((previous) => previous + 1)];
}

/**
 * One indicator: heading, the indicator's name from the service, the chart in a figure with
 * its caption, the same figures as a table, the definition one click away and the CSV of the
 * same query in both variants. Where the indicator offers client dimensions, a select breaks
 * the figures down by one of them instead (the CSV follows what is shown).
 */
export function ChartCard({
  title,
  caption,
  query,
  period,
  state,
  indicator,
  indicatorsFailed,
  view,
  onRetry,
  headingLevel = 2,
  breakdowns = [],
  breakdownView,
}: {
  title: string;
  caption: string;
  query: IndicatorQuery;
  period: Period;
  state: LoadState<IndicatorResult>;
  indicator: Indicator | null;
  indicatorsFailed: boolean;
  view: (result: IndicatorResult) => ChartView;
  onRetry: () => void;
  /** 3 for the cards under a section's own h2. */
  headingLevel?: 2 | 3;
  /** The client dimensions offered in the breakdown select; none = no select. */
  breakdowns?: readonly ClientDimension[];
  breakdownView?: (result: IndicatorResult, dimension: ClientDimension) => ChartView;
}) {
  const t = useMessages(metricsMessages);
  const { language } = useLanguage();
  const api = useApi();
  const id = useId();
  const [download, setDownload] = useState<DownloadState>({ status: "idle" });
  const [chosen, setChosen] = useState<ClientDimension | null>(null);
  // A dimension the indicator no longer offers falls back to the chart's own view.
  const dimension = chosen && breakdownView && breakdowns.includes(chosen) ? chosen : null;
  const [breakdownState, retryBreakdown] = useBreakdown(query.indicator, dimension, period);
  const shownQuery = dimension ? { indicator: query.indicator, groupBy: dimension } : query;
  const shownState = dimension ? breakdownState : state;
  const by = dimension ? t[`breakdownBy_${dimension}`] : "";
  const shownCaption = dimension ? t.breakdownCaption(caption, by) : caption;
  const tableCaption = dimension ? t.breakdownTitle(title, by) : title;
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const text = indicator?.translations[language];
  const variantLabel = (variant: CsvVariant) => (variant === "excel" ? t.downloadExcel : t.downloadPlain);

  async function handleDownload(variant: CsvVariant) {
    if (download.status === "busy") return;
    setDownload({ status: "busy", variant });
    const file = csvFileName(shownQuery, period, variant, dimension ?? undefined);
    try {
      const blob = await fetchCsv(api, shownQuery, period, variant);
      saveBlob(blob, file);
      setDownload({ status: "done", file });
    } catch {
      setDownload({ status: "failed" });
    }
  }

  const rendered =
    shownState.status !== "ok" ? null : dimension && breakdownView ? breakdownView(shownState.data, dimension) : view(shownState.data);
  const table = rendered && <DataTable caption={tableCaption} table={rendered.table} />;
  const note = rendered?.note && <p className="chart-note">{rendered.note}</p>;

  return (
    <section className="chart-card" aria-labelledby={`${id}-title`} aria-busy={shownState.status === "loading" || undefined}>
      <Heading id={`${id}-title`}>{title}</Heading>
      {text && <p className="chart-indicator">{t.indicatorName(text.name)}</p>}
      {breakdownView && breakdowns.length > 0 && (
        <div className="field chart-breakdown">
          <label htmlFor={`${id}-breakdown`}>{t.breakdownLabel}</label>
          <select
            id={`${id}-breakdown`}
            value={dimension ?? ""}
            onChange={(event) => setChosen((event.target.value || null) as ClientDimension | null)}
          >
            <option value="">{t.breakdownNone}</option>
            {breakdowns.map((each) => (
              <option key={each} value={each}>
                {t[`dimension_${each}`]}
              </option>
            ))}
          </select>
        </div>
      )}
      {shownState.status === "loading" && <p className="chart-placeholder">{t.loadingChart}</p>}
      {shownState.status === "error" && (
        <div className="notice notice-error">
          <p>{failureText(shownState.error, t)}</p>
          <button type="button" className="button button-secondary" onClick={dimension ? retryBreakdown : onRetry}>
            {t.retry}
          </button>
        </div>
      )}
      {rendered && rendered.empty && (
        <>
          <p className="chart-placeholder">{t.emptyChart}</p>
          <p className="chart-caption">{shownCaption}</p>
        </>
      )}
      {rendered && !rendered.empty && (
        <>
          <figure className="chart-figure" aria-labelledby={`${id}-caption`}>
            {rendered.chart}
            <figcaption id={`${id}-caption`} className="chart-caption">
              {shownCaption}
            </figcaption>
          </figure>
          {dimension ? (
            // Asked for by choosing a breakdown, so shown at once.
            <>
              {table}
              {note}
            </>
          ) : (
            <details className="disclosure">
              <summary>{t.showTable}</summary>
              {table}
              {note}
            </details>
          )}
        </>
      )}
      <details className="disclosure">
        <summary>{t.definition}</summary>
        {indicator && text ? (
          <div className="definition">
            <p className="definition-version">{t.definitionVersion(indicator.definition_version)}</p>
            <p>{text.description}</p>
          </div>
        ) : (
          <p>{indicatorsFailed ? t.definitionMissing : t.loadingChart}</p>
        )}
      </details>
      <div className="chart-actions" role="group" aria-labelledby={`${id}-download`}>
        <span id={`${id}-download`} className="chart-download-label">
          {t.downloadLegend}
        </span>
        {csvVariantsFor(language).map((variant) => (
          <button
            key={variant}
            type="button"
            className="button button-secondary"
            onClick={() => void handleDownload(variant)}
            aria-label={t.downloadCsvLabel(variantLabel(variant), title)}
            aria-busy={(download.status === "busy" && download.variant === variant) || undefined}
          >
            {variantLabel(variant)}
          </button>
        ))}
        <p className="chart-download-status" role="status">
          {download.status === "busy" && t.downloading}
          {download.status === "done" && t.downloadReady(download.file)}
          {download.status === "failed" && <span className="text-error">{t.downloadFailed}</span>}
        </p>
      </div>
    </section>
  );
}
