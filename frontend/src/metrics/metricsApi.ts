// The metrics API (CONTRACTS §3) as the Figures page uses it. Types come from the generated
// OpenAPI document, by path, so a renamed schema cannot silently drift.
import type { paths } from "../api/metrics";
import type { ApiClient } from "../common/api";

type IndicatorList = paths["/api/v1/metrics"]["get"]["responses"][200]["content"]["application/json"];
export type Indicator = IndicatorList["items"][number];
export type IndicatorResult =
  paths["/api/v1/metrics/{indicator_id}"]["get"]["responses"][200]["content"]["application/json"];
export type IndicatorRow = IndicatorResult["rows"][number];

export interface Period {
  from: string;
  to: string;
}

export interface IndicatorQuery {
  indicator: string;
  /** Comma-separated dimensions; empty = the indicator's default grouping. */
  groupBy: string;
}

/**
 * The two CSV files the service writes (CONTRACTS §3): `excel` is what a Finnish Excel opens by
 * double-click (`;`, decimal commas, a byte-order mark), `plain` is RFC 4180 (`,`, `.` decimals).
 */
export type CsvVariant = "excel" | "plain";

export function indicatorPath(query: IndicatorQuery, period: Period, format: "json" | CsvVariant = "json"): string {
  const params = new URLSearchParams({ from: period.from, to: period.to });
  if (query.groupBy) params.set("group_by", query.groupBy);
  if (format !== "json") params.set("format", "csv");
  if (format === "excel") params.set("delimiter", "semicolon");
  return `/api/v1/metrics/${encodeURIComponent(query.indicator)}?${params.toString()}`;
}

export function listIndicators(api: ApiClient): Promise<IndicatorList> {
  return api.request<IndicatorList>("/api/v1/metrics");
}

export function fetchIndicator(api: ApiClient, query: IndicatorQuery, period: Period): Promise<IndicatorResult> {
  return api.request<IndicatorResult>(indicatorPath(query, period));
}

/**
 * The two variants of one query get different names, so downloading both keeps both; so does a
 * breakdown (`by`, the client dimension) beside the chart's own figures.
 */
export function csvFileName(query: IndicatorQuery, period: Period, variant: CsvVariant, by?: string): string {
  return `${query.indicator}${by ? `_by_${by}` : ""}_${period.from}_${period.to}${variant === "excel" ? "_excel" : ""}.csv`;
}

/** The server's CSV of the same query (`format=csv`): the same columns as the JSON rows. */
export async function fetchCsv(api: ApiClient, query: IndicatorQuery, period: Period, variant: CsvVariant): Promise<Blob> {
  return api.requestBlob(indicatorPath(query, period, variant), { headers: { Accept: "text/csv" } });
}

/** Offers a blob as a file download (the token is not a cookie, so a plain link cannot). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled; revoking at once can cancel the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
