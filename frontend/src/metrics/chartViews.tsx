// The eleven charts of the Figures page, one per indicator of CONTRACTS §3: which query each
// asks, and how its answer becomes a chart and a table. The mapping itself is in chartData.ts.
import { roleLabel } from "../auth/roles";
import type { Language } from "../common/i18n";
import {
  activationByRoleOverMonths,
  caseloadByCoordinator,
  compareRoles,
  employersByIndustry,
  funnelSteps,
  gradesByRole,
  leadsByMonth,
  numberOf,
  outcomeCounts,
  rateByRole,
  rateOverMonths,
  textOf,
  transfersByDirection,
  type FunnelStep,
} from "./chartData";
import type { ReactNode } from "react";
import type { ChartView, TableModel } from "./ChartCard";
import { BarChart, LineChart } from "./charts";
import type { Formatters } from "./format";
import { outcomeLabel, type MetricsMessages } from "./messages";
import type { IndicatorQuery, IndicatorResult, IndicatorRow } from "./metricsApi";

export type ChartId =
  | "activation"
  | "official"
  | "outcomes"
  | "funnel"
  | "sla"
  | "caseload"
  | "plans"
  | "transfers"
  | "satisfaction"
  | "leads"
  | "employers";

export interface ChartContext {
  t: MetricsMessages;
  f: Formatters;
  language: Language;
  /** A coordinator's name for their username (rows name people by username). */
  staffName: (username: string) => string;
  /** A TOL 2008 section letter with its name in the UI's language, e.g. "F – Rakentaminen". */
  industryName: (section: string) => string;
}

export interface ChartDefinition {
  id: ChartId;
  query: IndicatorQuery;
  title: (t: MetricsMessages) => string;
  caption: (context: ChartContext, result: { from: string; to: string }) => string;
  view: (result: IndicatorResult, context: ChartContext) => ChartView;
}

function periodText({ f }: ChartContext, period: { from: string; to: string }): string {
  return `${f.date(period.from)}–${f.date(period.to)}`;
}

function orDash(value: number | null, format: (value: number) => string, t: MetricsMessages): string {
  return value === null ? t.noValue : format(value);
}

/** A bar chart and its table alternative: one table row per row of the chart's model. */
function barView<R extends { key: string }>(
  rows: readonly R[],
  chart: ReactNode,
  columns: TableModel["columns"],
  cells: (row: R) => string[],
): ChartView {
  return { empty: rows.length === 0, chart, table: { columns, rows: rows.map((row) => ({ key: row.key, cells: cells(row) })) } };
}

/** A rate row's percentage, or that it is suppressed (a small cell for a machine client). */
function rateCell(row: IndicatorRow, f: Formatters, t: MetricsMessages): string {
  return row.suppressed === true ? t.suppressed : orDash(numberOf(row, "value"), f.percent, t);
}

const FUNNEL_LABELS: Record<FunnelStep, keyof MetricsMessages> = {
  registered: "stepRegistered",
  contacted: "stepContacted",
  first_meeting: "stepFirstMeeting",
  ended: "stepEnded",
  cancelled: "stepCancelled",
  not_reached: "stepNotReached",
};

export const CHARTS: readonly ChartDefinition[] = [
  {
    id: "activation",
    query: { indicator: "activation_rate", groupBy: "coordinator_role,month" },
    title: (t) => t.activationTitle,
    caption: (context, period) => context.t.activationCaption(periodText(context, period)),
    view(result, { t, f, language }) {
      const role = (code: string) => roleLabel(code, language);
      const model = activationByRoleOverMonths(result, { role, month: f.monthShort, noRole: t.noRole });
      const rows = [...result.rows].sort(
        (a, b) =>
          (textOf(a, "month") ?? "").localeCompare(textOf(b, "month") ?? "") ||
          compareRoles(textOf(a, "coordinator_role") ?? "", textOf(b, "coordinator_role") ?? ""),
      );
      return {
        empty: model.series.length === 0,
        chart: <LineChart model={model} summary={t.activationSummary} format={{ value: f.percent, tick: f.percentTick }} />,
        table: {
          columns: [
            { label: t.colMonth },
            { label: t.colRole },
            { label: t.colActivated, numeric: true },
            { label: t.colEnded, numeric: true },
            { label: t.colRate, numeric: true },
          ],
          rows: rows.map((row, index) => {
            const code = textOf(row, "coordinator_role");
            return {
              key: String(index),
              cells: [
                f.monthLong(textOf(row, "month") ?? ""),
                code ? role(code) : t.noRole,
                orDash(numberOf(row, "numerator"), f.number, t),
                orDash(numberOf(row, "denominator"), f.number, t),
                rateCell(row, f, t),
              ],
            };
          }),
        },
      };
    },
  },
  {
    id: "official",
    query: { indicator: "official_activation_rate", groupBy: "month" },
    title: (t) => t.officialTitle,
    caption: (context, period) => context.t.officialCaption(periodText(context, period)),
    view(result, { t, f }) {
      const model = rateOverMonths(result, { month: f.monthShort, series: t.officialSeries });
      const rows = [...result.rows].sort((a, b) => (textOf(a, "month") ?? "").localeCompare(textOf(b, "month") ?? ""));
      return {
        empty: model.series.length === 0,
        chart: <LineChart model={model} summary={t.officialSummary} format={{ value: f.percent, tick: f.percentTick }} />,
        table: {
          columns: [
            { label: t.colCountDay },
            { label: t.colInActiveServices, numeric: true },
            { label: t.colUnemployedOrActive, numeric: true },
            { label: t.colRate, numeric: true },
          ],
          rows: rows.map((row, index) => ({
            key: textOf(row, "month") ?? String(index),
            cells: [
              f.monthLong(textOf(row, "month") ?? ""),
              orDash(numberOf(row, "numerator"), f.number, t),
              orDash(numberOf(row, "denominator"), f.number, t),
              rateCell(row, f, t),
            ],
          })),
        },
      };
    },
  },
  {
    id: "outcomes",
    query: { indicator: "outcomes", groupBy: "outcome" },
    title: (t) => t.outcomesTitle,
    caption: (context, period) => context.t.outcomesCaption(periodText(context, period)),
    view(result, { t, f }) {
      const model = outcomeCounts(result, (code) => outcomeLabel(code, t));
      return {
        empty: model.categories.length === 0,
        chart: <BarChart model={model} summary={t.outcomesSummary} format={{ value: f.number }} />,
        table: {
          columns: [{ label: t.colOutcome }, { label: t.colCount, numeric: true }],
          rows: model.categories.map((category) => ({
            key: category.key,
            cells: [category.label, orDash(category.values[0] ?? null, f.number, t)],
          })),
        },
      };
    },
  },
  {
    id: "funnel",
    query: { indicator: "funnel", groupBy: "" },
    title: (t) => t.funnelTitle,
    caption: (context, period) => context.t.funnelCaption(periodText(context, period)),
    view(result, { t, f }) {
      const model = funnelSteps(result, (step) => String(t[FUNNEL_LABELS[step]]));
      return {
        empty: model.categories.length === 0,
        chart: <BarChart model={model} summary={t.funnelSummary} format={{ value: f.number }} />,
        table: {
          columns: [
            { label: t.colStep },
            { label: t.colCount, numeric: true },
            { label: t.colShareOfRegistered, numeric: true },
          ],
          rows: model.categories.map((category, index) => ({
            key: category.key,
            cells: [
              category.label,
              orDash(category.values[0] ?? null, f.number, t),
              orDash(model.shares[index] ?? null, f.percent, t),
            ],
          })),
        },
      };
    },
  },
  {
    id: "sla",
    query: { indicator: "contact_sla", groupBy: "coordinator_role" },
    title: (t) => t.slaTitle,
    caption: (context, period) => context.t.slaCaption(periodText(context, period)),
    view(result, { t, f, language }) {
      const { chart, rows } = rateByRole(result, { role: (code) => roleLabel(code, language), noRole: t.noRole });
      return barView(
        rows,
        <BarChart model={chart} summary={t.slaSummary} format={{ value: f.percent, tick: f.percentTick }} />,
        [
          { label: t.colRole },
          { label: t.colOnTime, numeric: true },
          { label: t.colConsidered, numeric: true },
          { label: t.colSlaRate, numeric: true },
          { label: t.colMedianDays, numeric: true },
        ],
        (row) => [
          row.label,
          orDash(row.numerator, f.number, t),
          orDash(row.denominator, f.number, t),
          orDash(row.value, f.percent, t),
          orDash(row.median, f.number, t),
        ],
      );
    },
  },
  {
    id: "caseload",
    query: { indicator: "caseload", groupBy: "coordinator_role,coordinator" },
    title: (t) => t.caseloadTitle,
    caption: (context, period) => context.t.caseloadCaption(context.f.date(period.to)),
    view(result, { t, f, language, staffName }) {
      const { chart, rows } = caseloadByCoordinator(result, {
        role: (code) => roleLabel(code, language),
        noRole: t.noRole,
        active: t.colActive,
        coordinator: staffName,
      });
      return {
        empty: rows.length === 0,
        chart: (
          <BarChart model={chart} summary={t.caseloadSummary} format={{ value: f.number }} targetLabel={t.targetLegend} />
        ),
        table: {
          columns: [
            { label: t.colCoordinator },
            { label: t.colRole },
            { label: t.colActive, numeric: true },
            { label: t.colTarget, numeric: true },
            { label: t.colLoad, numeric: true },
          ],
          rows: rows.map((row) => ({
            key: row.key,
            cells: [
              row.coordinator || t.noValue,
              row.role,
              orDash(row.active, f.number, t),
              orDash(row.target, f.number, t),
              orDash(row.loadPercent, f.percent, t),
            ],
          })),
        },
      };
    },
  },
  {
    id: "plans",
    query: { indicator: "plan_currency", groupBy: "coordinator_role" },
    title: (t) => t.planTitle,
    caption: (context, period) => context.t.planCaption(context.f.date(period.to)),
    view(result, { t, f, language }) {
      const { chart, rows } = rateByRole(result, { role: (code) => roleLabel(code, language), noRole: t.noRole });
      return barView(
        rows,
        <BarChart model={chart} summary={t.planSummary} format={{ value: f.percent, tick: f.percentTick }} />,
        [
          { label: t.colRole },
          { label: t.colPlansUpToDate, numeric: true },
          { label: t.colActive, numeric: true },
          { label: t.colPlanShare, numeric: true },
        ],
        (row) => [row.label, orDash(row.numerator, f.number, t), orDash(row.denominator, f.number, t), orDash(row.value, f.percent, t)],
      );
    },
  },
  {
    id: "transfers",
    query: { indicator: "transfers", groupBy: "direction" },
    title: (t) => t.transfersTitle,
    caption: (context, period) => context.t.transfersCaption(periodText(context, period)),
    view(result, { t, f, language }) {
      const seriesLabels = { sent: t.colSent, accepted: t.colAccepted };
      const { chart, rows } = transfersByDirection(result, {
        direction: (from, to) => t.direction(roleLabel(from, language), roleLabel(to, language)),
        series: (key) => seriesLabels[key],
        unknown: t.noRole,
      });
      return barView(
        rows,
        <BarChart model={chart} summary={t.transfersSummary} format={{ value: f.number }} />,
        [
          { label: t.colDirection },
          { label: t.colSent, numeric: true },
          { label: t.colAccepted, numeric: true },
          { label: t.colMedianDaysToAccept, numeric: true },
        ],
        (row) => [row.label, orDash(row.sent, f.number, t), orDash(row.accepted, f.number, t), orDash(row.median, f.number, t)],
      );
    },
  },
  {
    id: "satisfaction",
    query: { indicator: "satisfaction", groupBy: "coordinator_role" },
    title: (t) => t.satisfactionTitle,
    caption: (context, period) => context.t.satisfactionCaption(periodText(context, period)),
    view(result, { t, f, language }) {
      const { chart, rows } = gradesByRole(result, { role: (code) => roleLabel(code, language), noRole: t.noRole });
      return barView(
        rows,
        <BarChart model={chart} summary={t.satisfactionSummary} format={{ value: f.decimal, tick: f.number }} />,
        [{ label: t.colRole }, { label: t.colAnswers, numeric: true }, { label: t.colMeanGrade, numeric: true }],
        (row) => [row.label, orDash(row.answers, f.number, t), orDash(row.mean, f.decimal, t)],
      );
    },
  },
  {
    id: "leads",
    query: { indicator: "lead_response", groupBy: "month" },
    title: (t) => t.leadsTitle,
    caption: (context, period) => context.t.leadsCaption(periodText(context, period)),
    view(result, { t, f }) {
      const seriesLabels = {
        received: t.colReceived,
        contacted_by_due: t.colContactedByDue,
        followed_up: t.colFollowedUp,
      };
      const model = leadsByMonth(result, { series: (key) => seriesLabels[key], month: f.monthShort });
      const rows = [...result.rows].sort((a, b) => (textOf(a, "month") ?? "").localeCompare(textOf(b, "month") ?? ""));
      return {
        empty: model.categories.length === 0,
        chart: <BarChart model={model} summary={t.leadsSummary} format={{ value: f.number }} />,
        table: {
          columns: [
            { label: t.colMonth },
            { label: t.colReceived, numeric: true },
            { label: t.colContactedByDue, numeric: true },
            { label: t.colFollowedUp, numeric: true },
            { label: t.colClosedHired, numeric: true },
            { label: t.colClosedElsewhere, numeric: true },
            { label: t.colClosedNoHire, numeric: true },
            { label: t.colClosedWithdrawn, numeric: true },
          ],
          rows: rows.map((row) => {
            const withPercent = (count: string, percent: string) => {
              const n = numberOf(row, count);
              const p = numberOf(row, percent);
              if (n === null) return t.noValue;
              return p === null ? f.number(n) : `${f.number(n)} (${f.percent(p)})`;
            };
            return {
              key: textOf(row, "month") ?? "",
              cells: [
                f.monthLong(textOf(row, "month") ?? ""),
                orDash(numberOf(row, "received"), f.number, t),
                withPercent("contacted_by_due", "contacted_by_due_percent"),
                withPercent("followed_up", "followed_up_percent"),
                orDash(numberOf(row, "closed_hired"), f.number, t),
                orDash(numberOf(row, "closed_hired_elsewhere"), f.number, t),
                orDash(numberOf(row, "closed_no_hire"), f.number, t),
                orDash(numberOf(row, "closed_withdrawn"), f.number, t),
              ],
            };
          }),
        },
      };
    },
  },
  {
    id: "employers",
    query: { indicator: "employers", groupBy: "industry" },
    title: (t) => t.employersTitle,
    caption: (context, period) => context.t.employersCaption(periodText(context, period), context.f.date(period.to)),
    view(result, { t, f, industryName }) {
      const seriesLabels = { contacted: t.colContactedEmployers, partners: t.colPartners };
      const { chart, rows } = employersByIndustry(result, {
        industry: industryName,
        series: (key) => seriesLabels[key],
        unknown: t.noIndustry,
      });
      return barView(
        rows,
        <BarChart model={chart} summary={t.employersSummary} format={{ value: f.number }} />,
        [{ label: t.colIndustry }, { label: t.colContactedEmployers, numeric: true }, { label: t.colPartners, numeric: true }],
        (row) => [row.label, orDash(row.contacted, f.number, t), orDash(row.partners, f.number, t)],
      );
    },
  },
];
