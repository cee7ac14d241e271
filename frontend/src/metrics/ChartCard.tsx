import { describeError, documentLanguage } from "../common/errors";
import { useId, useState, type ReactNode } from "react";
import { ApiError } from "../common/api";
import { useApi } from "../common/ApiContext";
import { useLanguage, useMessages } from "../common/i18n";
import { metricsMessages, type MetricsMessages } from "./messages";
import {
  csvFileName,
  fetchCsv,
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

/**
 * One indicator: heading, the indicator's name from the service, the chart in a figure with
 * its caption, the same figures as a table, the definition one click away and the CSV of the
 * same query in both variants.
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
}) {
  const t = useMessages(metricsMessages);
  const { language } = useLanguage();
  const api = useApi();
  const id = useId();
  const [download, setDownload] = useState<DownloadState>({ status: "idle" });
  const text = indicator?.translations[language];
  const variantLabel = (variant: CsvVariant) => (variant === "excel" ? t.downloadExcel : t.downloadPlain);

  async function handleDownload(variant: CsvVariant) {
    if (download.status === "busy") return;
    setDownload({ status: "busy", variant });
    const file = csvFileName(query, period, variant);
    try {
      const blob = await fetchCsv(api, query, period, variant);
      saveBlob(blob, file);
      setDownload({ status: "done", file });
    } catch {
      setDownload({ status: "failed" });
    }
  }

  const rendered = state.status === "ok" ? view(state.data) : null;

  return (
    <section className="chart-card" aria-labelledby={`${id}-title`} aria-busy={state.status === "loading" || undefined}>
      <h2 id={`${id}-title`}>{title}</h2>
      {text && <p className="chart-indicator">{t.indicatorName(text.name)}</p>}
      {state.status === "loading" && <p className="chart-placeholder">{t.loadingChart}</p>}
      {state.status === "error" && (
        <div className="notice notice-error">
          <p>{failureText(state.error, t)}</p>
          <button type="button" className="button button-secondary" onClick={onRetry}>
            {t.retry}
          </button>
        </div>
      )}
      {rendered && rendered.empty && (
        <>
          <p className="chart-placeholder">{t.emptyChart}</p>
          <p className="chart-caption">{caption}</p>
        </>
      )}
      {rendered && !rendered.empty && (
        <>
          <figure className="chart-figure" aria-labelledby={`${id}-caption`}>
            {rendered.chart}
            <figcaption id={`${id}-caption`} className="chart-caption">
              {caption}
            </figcaption>
          </figure>
          <details className="disclosure">
            <summary>{t.showTable}</summary>
            <DataTable caption={title} table={rendered.table} />
          </details>
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
