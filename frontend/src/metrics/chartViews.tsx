// The charts of the Figures page, one per indicator of CONTRACTS §3: the unit's eleven and the
// monitoring plan's eight, which query each asks, how its answer becomes a chart and a table,
// and which measures a breakdown by a client dimension shows. The mapping is in chartData.ts.
import { roleLabel } from "../auth/roles";
import { languageName } from "../common/format";
import type { Language } from "../common/i18n";
import {
  activationByRoleOverMonths,
  barsOf,
  reachAgainstGoals,
  rowsByCategory,
  rowsByClientDimension,
  type CategoryRow,
  type ClientDimension,
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
import { codeLabel, outcomeLabel, type MetricsMessages } from "./messages";
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
  | "employers"
  | "duration"
  | "longTermUnemployment"
  | "planDebt"
  | "wellbeing"
  | "jobReferrals"
  | "wageSubsidy"
  | "recruitmentEvents"
  | "reach";

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

/** The unit's eleven charts, each card under the page's h1 with an h2. */
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

/** How a measure column is written: a count or median, a one-decimal mean, or a percentage. */
type MeasureFormat = "number" | "decimal" | "percent";

/** One measure column of an answer, with its column heading. */
export interface Measure {
  column: string;
  label: (t: MetricsMessages) => string;
  format: MeasureFormat;
}

function formatOf(format: MeasureFormat, f: Formatters): (value: number) => string {
  return format === "percent" ? f.percent : format === "decimal" ? f.decimal : f.number;
}

function chartFormatOf(format: MeasureFormat, f: Formatters) {
  if (format === "percent") return { value: f.percent, tick: f.percentTick };
  // A mean's ticks read better without the fixed decimal.
  if (format === "decimal") return { value: f.decimal, tick: f.number };
  return { value: f.number };
}

/** A measure of a row, or that the row is suppressed (a small cell for a machine client). */
function measureCell(row: IndicatorRow, measure: Measure, { t, f }: ChartContext): string {
  return row.suppressed === true ? t.suppressed : orDash(numberOf(row, measure.column), formatOf(measure.format, f), t);
}

/** A table of rows by one dimension: the row's label, then each measure. */
function measuresTable(rows: readonly CategoryRow[], context: ChartContext, firstColumn: string, measures: readonly Measure[]): TableModel {
  return {
    columns: [{ label: firstColumn }, ...measures.map((each) => ({ label: each.label(context.t), numeric: true }))],
    rows: rows.map((row) => ({ key: row.key, cells: [row.label, ...measures.map((each) => measureCell(row.row, each, context))] })),
  };
}

/**
 * Rows by one dimension as bars of some of their measures and a table of all of them. The bars
 * share the first series' format; `chartLabel` names a bar when the table's label is too long.
 */
function measuresView(
  rows: readonly CategoryRow[],
  context: ChartContext,
  options: {
    firstColumn: string;
    measures: readonly Measure[];
    bars: readonly Measure[];
    summary: string;
    chartLabel?: (row: CategoryRow) => string;
    note?: string;
  },
): ChartView {
  const { t, f } = context;
  const first = options.bars[0] ?? options.measures[0];
  const chartRows = options.chartLabel ? rows.map((row) => ({ ...row, label: options.chartLabel?.(row) ?? row.label })) : rows;
  const model = barsOf(
    chartRows,
    // A single series needs no legend; several are named by their columns.
    options.bars.map((bar) => ({ key: bar.column, label: options.bars.length > 1 ? bar.label(t) : "" })),
    first?.format === "percent" ? "percent" : "count",
  );
  return {
    empty: rows.length === 0,
    chart: <BarChart model={model} summary={options.summary} format={chartFormatOf(first?.format ?? "number", f)} />,
    table: measuresTable(rows, context, options.firstColumn, options.measures),
    note: options.note,
  };
}

const SERVICE_LINES = ["work_ability", "business"];
const SECTORS = ["public", "private", "third_sector", "unknown"];
const EVENT_KINDS = ["recruitment_event", "job_fair", "info_session", "seasonal_recruiting"];

const DURATION_MEASURES: readonly Measure[] = [
  { column: "count", label: (t) => t.colEndedEnrolments, format: "number" },
  { column: "median_days", label: (t) => t.colMedianCalendarDays, format: "number" },
  { column: "mean_days", label: (t) => t.colMeanCalendarDays, format: "decimal" },
  { column: "median_working_days", label: (t) => t.colMedianDays, format: "number" },
];
const LONG_TERM_MEASURES: readonly Measure[] = [
  { column: "numerator", label: (t) => t.colLongTermUnemployed, format: "number" },
  { column: "denominator", label: (t) => t.colUnemployed, format: "number" },
  { column: "value", label: (t) => t.colLongTermShare, format: "percent" },
];
const PLAN_DEBT_MEASURES: readonly Measure[] = [
  { column: "enrolments", label: (t) => t.colOverduePlans, format: "number" },
  { column: "days_overdue", label: (t) => t.colDaysOverdue, format: "number" },
];
const WELLBEING_MEASURES: readonly Measure[] = [
  { column: "clients", label: (t) => t.colClients, format: "number" },
  { column: "mean_change", label: (t) => t.colMeanChange, format: "decimal" },
  { column: "improved_percent", label: (t) => t.colImproved, format: "percent" },
];
const REFERRAL_MEASURES: readonly Measure[] = [
  { column: "referrals", label: (t) => t.colReferrals, format: "number" },
  { column: "presented", label: (t) => t.colPresented, format: "number" },
  { column: "clients", label: (t) => t.colClients, format: "number" },
  { column: "openings", label: (t) => t.colOpenings, format: "number" },
  { column: "closed_windows", label: (t) => t.colClosedWindows, format: "number" },
  { column: "hired_within_90_days", label: (t) => t.colHiredWithin90, format: "number" },
  { column: "hired_percent", label: (t) => t.colHiredShare, format: "percent" },
];
const WAGE_SUBSIDY_MEASURES: readonly Measure[] = [
  { column: "periods", label: (t) => t.colWageSubsidyPeriods, format: "number" },
  { column: "clients", label: (t) => t.colClients, format: "number" },
];
const RECRUITMENT_MEASURES: readonly Measure[] = [
  { column: "events", label: (t) => t.colEvents, format: "number" },
  { column: "employers", label: (t) => t.colEmployers, format: "number" },
  { column: "attended", label: (t) => t.colAttended, format: "number" },
  { column: "hires_within_90_days", label: (t) => t.colHiredWithin90, format: "number" },
];

/** The measures of these columns, in the list's order. */
function measuresOf(measures: readonly Measure[], ...columns: string[]): Measure[] {
  return measures.filter((each) => columns.includes(each.column));
}

/** The monitoring plan's indicators, in a section of their own below the unit's charts. */
export const MONITORING_CHARTS: readonly ChartDefinition[] = [
  {
    id: "duration",
    query: { indicator: "enrolment_duration", groupBy: "service_line" },
    title: (t) => t.durationTitle,
    caption: (context, period) => context.t.durationCaption(periodText(context, period)),
    view(result, context) {
      const { t } = context;
      const rows = rowsByCategory(result, "service_line", {
        label: (code) => codeLabel("serviceLine", code, t),
        unknown: t.noServiceLine,
        order: SERVICE_LINES,
      });
      return measuresView(rows, context, {
        firstColumn: t.colServiceLine,
        measures: DURATION_MEASURES,
        bars: measuresOf(DURATION_MEASURES, "median_days"),
        summary: t.durationSummary,
      });
    },
  },
  {
    id: "longTermUnemployment",
    query: { indicator: "long_term_unemployment", groupBy: "month" },
    title: (t) => t.longTermTitle,
    caption: (context, period) => context.t.longTermCaption(periodText(context, period)),
    view(result, context) {
      const { t, f } = context;
      const model = rateOverMonths(result, { month: f.monthShort, series: t.longTermSeries });
      const rows = rowsByCategory(result, "month", { label: f.monthLong, unknown: t.noValue });
      return {
        empty: model.series.length === 0,
        chart: <LineChart model={model} summary={t.longTermSummary} format={{ value: f.percent, tick: f.percentTick }} />,
        table: measuresTable(rows, context, t.colCountDay, LONG_TERM_MEASURES),
      };
    },
  },
  {
    id: "planDebt",
    query: { indicator: "plan_debt", groupBy: "coordinator" },
    title: (t) => t.planDebtTitle,
    caption: (context, period) => context.t.planDebtCaption(context.f.date(period.to)),
    view(result, context) {
      const { t, staffName } = context;
      // A coordinator by name, sorted by it; the username is only the key.
      const rows = rowsByCategory(result, "coordinator", { label: staffName, unknown: t.noCoordinator, byLabel: true });
      return measuresView(rows, context, {
        firstColumn: t.colCoordinator,
        measures: PLAN_DEBT_MEASURES,
        bars: measuresOf(PLAN_DEBT_MEASURES, "enrolments"),
        summary: t.planDebtSummary,
      });
    },
  },
  {
    id: "wellbeing",
    query: { indicator: "wellbeing_change", groupBy: "target_group" },
    title: (t) => t.wellbeingTitle,
    caption: (context, period) => context.t.wellbeingCaption(periodText(context, period)),
    view(result, context) {
      const { t } = context;
      const rows = rowsByClientDimension(result, "target_group", {
        label: (code) => codeLabel("targetGroup", code, t),
        unknown: t.notKnown,
      });
      // The bars show the share improved: a mean change can be negative, which bars cannot show.
      return measuresView(rows, context, {
        firstColumn: t.colTargetGroup,
        measures: WELLBEING_MEASURES,
        bars: measuresOf(WELLBEING_MEASURES, "improved_percent"),
        summary: t.wellbeingSummary,
        note: t.targetGroupNote,
      });
    },
  },
  {
    id: "jobReferrals",
    query: { indicator: "job_referrals", groupBy: "month" },
    title: (t) => t.referralsTitle,
    caption: (context, period) => context.t.referralsCaption(periodText(context, period)),
    view(result, context) {
      const { t, f } = context;
      const rows = rowsByCategory(result, "month", { label: f.monthLong, unknown: t.noValue });
      return measuresView(rows, context, {
        firstColumn: t.colMonth,
        measures: REFERRAL_MEASURES,
        bars: measuresOf(REFERRAL_MEASURES, "referrals", "presented", "hired_within_90_days"),
        summary: t.referralsSummary,
        chartLabel: (row) => f.monthShort(row.key),
      });
    },
  },
  {
    id: "wageSubsidy",
    query: { indicator: "wage_subsidy_periods", groupBy: "sector" },
    title: (t) => t.wageSubsidyTitle,
    caption: (context, period) => context.t.wageSubsidyCaption(periodText(context, period)),
    view(result, context) {
      const { t } = context;
      const rows = rowsByCategory(result, "sector", {
        label: (code) => codeLabel("sector", code, t),
        unknown: t.sector_unknown,
        order: SECTORS,
      });
      return measuresView(rows, context, {
        firstColumn: t.colSector,
        measures: WAGE_SUBSIDY_MEASURES,
        bars: measuresOf(WAGE_SUBSIDY_MEASURES, "periods"),
        summary: t.wageSubsidySummary,
      });
    },
  },
  {
    id: "recruitmentEvents",
    query: { indicator: "recruitment_events", groupBy: "kind" },
    title: (t) => t.recruitmentTitle,
    caption: (context, period) => context.t.recruitmentCaption(periodText(context, period)),
    view(result, context) {
      const { t } = context;
      const rows = rowsByCategory(result, "kind", {
        label: (code) => codeLabel("eventKind", code, t),
        unknown: t.notKnown,
        order: EVENT_KINDS,
      });
      return measuresView(rows, context, {
        firstColumn: t.colEventKind,
        measures: RECRUITMENT_MEASURES,
        bars: measuresOf(RECRUITMENT_MEASURES, "events"),
        summary: t.recruitmentSummary,
      });
    },
  },
  {
    id: "reach",
    query: { indicator: "reach", groupBy: "" },
    title: (t) => t.reachTitle,
    caption: (context, period) => context.t.reachCaption(periodText(context, period)),
    view(result, { t, f }) {
      const { chart, rows } = reachAgainstGoals(result, {
        clients: t.colClients,
        partnerEmployers: t.colPartners,
        achieved: t.colAchieved,
      });
      return barView(
        rows,
        <BarChart model={chart} summary={t.reachSummary} format={{ value: f.number }} targetLabel={t.goalLegend} />,
        [
          { label: t.colMeasure },
          { label: t.colAchieved, numeric: true },
          { label: t.colGoal, numeric: true },
          { label: t.colOfGoal, numeric: true },
        ],
        (row) => [
          row.label,
          row.suppressed ? t.suppressed : orDash(row.achieved, f.number, t),
          orDash(row.goal, f.number, t),
          // Without a goal there is nothing to be a percentage of.
          row.goal === null ? t.noValue : row.suppressed ? t.suppressed : orDash(row.percent, f.percent, t),
        ],
      );
    },
  },
];

/** Every chart of the page, the unit's first. */
export const ALL_CHARTS: readonly ChartDefinition[] = [...CHARTS, ...MONITORING_CHARTS];

/** What a chart shows when broken down by a client dimension: its measures and the one drawn as bars. */
const BREAKDOWNS: Partial<Record<ChartId, { measures: readonly Measure[]; bar: string }>> = {
  activation: {
    measures: [
      { column: "numerator", label: (t) => t.colActivated, format: "number" },
      { column: "denominator", label: (t) => t.colEnded, format: "number" },
      { column: "value", label: (t) => t.colRate, format: "percent" },
    ],
    bar: "value",
  },
  outcomes: { measures: [{ column: "value", label: (t) => t.colEndedEnrolments, format: "number" }], bar: "value" },
  funnel: {
    measures: (Object.keys(FUNNEL_LABELS) as FunnelStep[]).map((step) => ({
      column: step,
      label: (t: MetricsMessages) => String(t[FUNNEL_LABELS[step]]),
      format: "number" as const,
    })),
    bar: "registered",
  },
  sla: {
    measures: [
      { column: "numerator", label: (t) => t.colOnTime, format: "number" },
      { column: "denominator", label: (t) => t.colConsidered, format: "number" },
      { column: "value", label: (t) => t.colSlaRate, format: "percent" },
      { column: "median_working_days", label: (t) => t.colMedianDays, format: "number" },
    ],
    bar: "value",
  },
  satisfaction: {
    measures: [
      { column: "answers", label: (t) => t.colAnswers, format: "number" },
      { column: "mean_grade", label: (t) => t.colMeanGrade, format: "decimal" },
    ],
    bar: "mean_grade",
  },
  duration: { measures: DURATION_MEASURES, bar: "median_days" },
  longTermUnemployment: { measures: LONG_TERM_MEASURES, bar: "value" },
  wellbeing: { measures: WELLBEING_MEASURES, bar: "improved_percent" },
  jobReferrals: { measures: REFERRAL_MEASURES, bar: "referrals" },
  wageSubsidy: { measures: WAGE_SUBSIDY_MEASURES, bar: "periods" },
};

/** A client dimension's value in the UI's language; null is a client whose value is not known. */
export function clientDimensionValue(dimension: ClientDimension, code: string, { t, language }: ChartContext): string {
  if (dimension === "gender") return codeLabel("gender", code, t);
  if (dimension === "target_group") return codeLabel("targetGroup", code, t);
  // `other` gathers the languages too few clients speak to be shown on their own.
  return code === "other" ? t.otherLanguages : (languageName(code, language) ?? code);
}

/** Whether a chart has a breakdown view at all (the indicator must also offer the dimension). */
export function hasBreakdown(id: ChartId): boolean {
  return BREAKDOWNS[id] !== undefined;
}

/** A chart's figures grouped by one client dimension: bars of its main measure and a table of all. */
export function breakdownView(id: ChartId, result: IndicatorResult, dimension: ClientDimension, context: ChartContext): ChartView {
  const { t } = context;
  const spec = BREAKDOWNS[id] ?? { measures: [], bar: "" };
  const rows = rowsByClientDimension(result, dimension, {
    label: (code) => clientDimensionValue(dimension, code, context),
    unknown: t.notKnown,
  });
  const bars = measuresOf(spec.measures, spec.bar);
  const by = t[`breakdownBy_${dimension}`];
  return measuresView(rows, context, {
    firstColumn: t[`dimension_${dimension}`],
    measures: spec.measures,
    bars,
    summary: t.breakdownSummary(bars[0]?.label(t) ?? "", by),
    note: dimension === "target_group" ? t.targetGroupNote : undefined,
  });
}
