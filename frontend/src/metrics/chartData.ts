// From indicator answers to what the charts and their tables draw. Pure functions: the
// components only format and lay out, so the mapping is tested without a DOM.
import type { IndicatorResult, IndicatorRow } from "./metricsApi";
import { OUTCOME_CODES } from "./messages";

export interface SeriesInfo {
  key: string;
  label: string;
}

/** One category (a bar group): one value per series, optionally a target to draw against. */
export interface BarCategory {
  key: string;
  label: string;
  values: (number | null)[];
  target?: number | null;
}

export interface BarChartModel {
  series: SeriesInfo[];
  categories: BarCategory[];
  unit: "count" | "percent";
}

export interface LineSeries extends SeriesInfo {
  /** One point per x value; null = no figure for that month (the line breaks). */
  points: (number | null)[];
}

export interface LineChartModel {
  x: SeriesInfo[];
  series: LineSeries[];
}

export function numberOf(row: IndicatorRow, column: string): number | null {
  const value = row[column];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function textOf(row: IndicatorRow, column: string): string | null {
  const value = row[column];
  return typeof value === "string" && value !== "" ? value : null;
}

/** Every month `YYYY-MM` that the period touches, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const [fromYear, fromMonth] = from.split("-").map(Number);
  const [toYear, toMonth] = to.split("-").map(Number);
  if (!fromYear || !fromMonth || !toYear || !toMonth) return [];
  const months: string[] = [];
  for (let year = fromYear, month = fromMonth; year < toYear || (year === toYear && month <= toMonth); ) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

const ROLE_ORDER = ["work_ability_coordinator", "business_coordinator"];

function roleRank(role: string): number {
  const index = ROLE_ORDER.indexOf(role);
  return index === -1 ? ROLE_ORDER.length : index;
}

export function compareRoles(a: string, b: string): number {
  return roleRank(a) - roleRank(b) || a.localeCompare(b);
}

const NO_ROLE = "";

/** activation_rate grouped by coordinator_role,month: one line per role over every month of the period. */
export function activationByRoleOverMonths(
  result: IndicatorResult,
  labels: { role: (role: string) => string; month: (month: string) => string; noRole: string },
): LineChartModel {
  const months = monthsBetween(result.from, result.to);
  const byRole = new Map<string, Map<string, number | null>>();
  for (const row of result.rows) {
    const role = textOf(row, "coordinator_role") ?? NO_ROLE;
    const month = textOf(row, "month");
    if (month === null) continue;
    if (!byRole.has(role)) byRole.set(role, new Map());
    byRole.get(role)?.set(month, numberOf(row, "value"));
  }
  const roles = [...byRole.keys()].sort(compareRoles);
  return {
    x: months.map((month) => ({ key: month, label: labels.month(month) })),
    series: roles.map((role) => ({
      key: role,
      label: role === NO_ROLE ? labels.noRole : labels.role(role),
      points: months.map((month) => byRole.get(role)?.get(month) ?? null),
    })),
  };
}

/** outcomes by outcome: the catalogue's order; once anything ended, a code without rows is a real zero. */
export function outcomeCounts(result: IndicatorResult, label: (code: string) => string): BarChartModel {
  const counts = new Map<string, number | null>();
  for (const row of result.rows) {
    const code = textOf(row, "outcome");
    if (code === null) continue;
    counts.set(code, (counts.get(code) ?? 0) + (numberOf(row, "value") ?? 0));
  }
  const known: readonly string[] = OUTCOME_CODES;
  const codes =
    counts.size === 0 ? [] : [...known, ...[...counts.keys()].filter((code) => !known.includes(code)).sort()];
  return {
    series: [{ key: "value", label: "" }],
    unit: "count",
    categories: codes.map((code) => ({ key: code, label: label(code), values: [counts.get(code) ?? 0] })),
  };
}

export const FUNNEL_STEPS = ["registered", "contacted", "first_meeting", "ended", "cancelled", "not_reached"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelModel extends BarChartModel {
  /** Each step as a share of the registered, in percent; null when nothing was registered. */
  shares: (number | null)[];
}

/** funnel, summed over its rows (one row without grouping). */
export function funnelSteps(result: IndicatorResult, label: (step: FunnelStep) => string): FunnelModel {
  if (result.rows.length === 0) return { series: [{ key: "value", label: "" }], unit: "count", categories: [], shares: [] };
  const totals = FUNNEL_STEPS.map((step) =>
    result.rows.reduce((sum, row) => sum + (numberOf(row, step) ?? 0), 0),
  );
  const registered = totals[0] ?? 0;
  return {
    series: [{ key: "value", label: "" }],
    unit: "count",
    categories: FUNNEL_STEPS.map((step, index) => ({ key: step, label: label(step), values: [totals[index] ?? 0] })),
    shares: totals.map((total) => (registered > 0 ? Math.round((total / registered) * 1000) / 10 : null)),
  };
}

export interface RateRow {
  key: string;
  label: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** `median_working_days`, for the rates that have one (contact_sla). */
  median: number | null;
}

/** The rows of an answer grouped by coordinator_role, in the roles' order, each with its role's label. */
function byRole<T>(
  result: IndicatorResult,
  labels: { role: (role: string) => string; noRole: string },
  read: (row: IndicatorRow) => T,
): ({ key: string; label: string } & T)[] {
  return result.rows
    .map((row) => {
      const role = textOf(row, "coordinator_role") ?? NO_ROLE;
      return { key: role, label: role === NO_ROLE ? labels.noRole : labels.role(role), ...read(row) };
    })
    .sort((a, b) => compareRoles(a.key, b.key));
}

/** A rate (contact_sla, plan_currency) by coordinator_role: the percentage per role with its counts. */
export function rateByRole(
  result: IndicatorResult,
  labels: { role: (role: string) => string; noRole: string },
): { chart: BarChartModel; rows: RateRow[] } {
  const rows: RateRow[] = byRole(result, labels, (row) => ({
    numerator: numberOf(row, "numerator"),
    denominator: numberOf(row, "denominator"),
    value: numberOf(row, "value"),
    median: numberOf(row, "median_working_days"),
  }));
  return {
    chart: {
      series: [{ key: "value", label: "" }],
      unit: "percent",
      categories: rows.map((row) => ({ key: row.key, label: row.label, values: [row.value] })),
    },
    rows,
  };
}

export interface GradeRow {
  key: string;
  label: string;
  answers: number | null;
  mean: number | null;
}

/** satisfaction by coordinator_role: the number of answers and the mean grade (4–10) per role. */
export function gradesByRole(
  result: IndicatorResult,
  labels: { role: (role: string) => string; noRole: string },
): { chart: BarChartModel; rows: GradeRow[] } {
  const rows: GradeRow[] = byRole(result, labels, (row) => ({
    answers: numberOf(row, "answers"),
    mean: numberOf(row, "mean_grade"),
  }));
  return {
    chart: {
      series: [{ key: "mean_grade", label: "" }],
      unit: "count",
      categories: rows.map((row) => ({ key: row.key, label: row.label, values: [row.mean] })),
    },
    rows,
  };
}

/** A rate by month (official_activation_rate): one line over every month of the period. */
export function rateOverMonths(
  result: IndicatorResult,
  labels: { month: (month: string) => string; series: string },
): LineChartModel {
  const months = monthsBetween(result.from, result.to);
  const values = new Map<string, number | null>();
  for (const row of result.rows) {
    const month = textOf(row, "month");
    if (month !== null) values.set(month, numberOf(row, "value"));
  }
  return {
    x: months.map((month) => ({ key: month, label: labels.month(month) })),
    series:
      values.size === 0
        ? []
        : [{ key: "value", label: labels.series, points: months.map((month) => values.get(month) ?? null) }],
  };
}

/** A transfer's `direction` (`<from role>-><to role>`) as its two roles; null for anything else. */
export function directionRoles(direction: string): [string, string] | null {
  const parts = direction.split("->");
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : null;
}

export interface TransferRow {
  key: string;
  label: string;
  sent: number | null;
  accepted: number | null;
  median: number | null;
}

export const TRANSFER_SERIES = ["sent", "accepted"] as const;

/** transfers by direction: sent and accepted per direction, with the median working days to accept. */
export function transfersByDirection(
  result: IndicatorResult,
  labels: { direction: (from: string, to: string) => string; series: (key: (typeof TRANSFER_SERIES)[number]) => string; unknown: string },
): { chart: BarChartModel; rows: TransferRow[] } {
  const rows = result.rows
    .map((row) => {
      const direction = textOf(row, "direction") ?? "";
      const roles = directionRoles(direction);
      return {
        roles,
        row: {
          key: direction,
          label: roles ? labels.direction(roles[0], roles[1]) : direction || labels.unknown,
          sent: numberOf(row, "sent"),
          accepted: numberOf(row, "accepted"),
          median: numberOf(row, "median_working_days_to_accept"),
        },
      };
    })
    .sort(
      (a, b) =>
        compareRoles(a.roles?.[0] ?? "", b.roles?.[0] ?? "") ||
        compareRoles(a.roles?.[1] ?? "", b.roles?.[1] ?? "") ||
        a.row.key.localeCompare(b.row.key),
    )
    .map(({ row }) => row);
  return {
    chart: {
      series: TRANSFER_SERIES.map((key) => ({ key, label: labels.series(key) })),
      unit: "count",
      categories: rows.map((row) => ({ key: row.key, label: row.label, values: [row.sent, row.accepted] })),
    },
    rows,
  };
}

export interface IndustryRow {
  key: string;
  label: string;
  contacted: number | null;
  partners: number | null;
}

export const EMPLOYER_SERIES = ["contacted", "partners"] as const;

/** employers by industry: employers contacted and partner employers per TOL 2008 section, unknown last. */
export function employersByIndustry(
  result: IndicatorResult,
  labels: { industry: (section: string) => string; series: (key: (typeof EMPLOYER_SERIES)[number]) => string; unknown: string },
): { chart: BarChartModel; rows: IndustryRow[] } {
  const rows: IndustryRow[] = result.rows
    .map((row) => ({ section: textOf(row, "industry"), row }))
    .sort((a, b) => (a.section === null ? 1 : 0) - (b.section === null ? 1 : 0) || (a.section ?? "").localeCompare(b.section ?? ""))
    .map(({ section, row }) => ({
      key: section ?? "",
      label: section === null ? labels.unknown : labels.industry(section),
      contacted: numberOf(row, "contacted"),
      partners: numberOf(row, "partners"),
    }));
  return {
    chart: {
      series: EMPLOYER_SERIES.map((key) => ({ key, label: labels.series(key) })),
      unit: "count",
      categories: rows.map((row) => ({ key: row.key, label: row.label, values: [row.contacted, row.partners] })),
    },
    rows,
  };
}

export interface CaseloadRow {
  key: string;
  coordinator: string;
  role: string;
  active: number | null;
  target: number | null;
  loadPercent: number | null;
}

/**
 * caseload by coordinator_role,coordinator: each coordinator's active enrolments against their
 * role's target, named by `coordinator` (a person's name, never the username) and sorted by it.
 */
export function caseloadByCoordinator(
  result: IndicatorResult,
  labels: { role: (role: string) => string; noRole: string; active?: string; coordinator: (username: string) => string },
): { chart: BarChartModel; rows: CaseloadRow[] } {
  const rows: CaseloadRow[] = result.rows
    .map((row) => {
      const role = textOf(row, "coordinator_role") ?? NO_ROLE;
      const username = textOf(row, "coordinator");
      return {
        key: `${role}/${username ?? ""}`,
        coordinator: username === null ? "" : labels.coordinator(username),
        role: role === NO_ROLE ? labels.noRole : labels.role(role),
        active: numberOf(row, "active_enrolments"),
        target: numberOf(row, "target"),
        loadPercent: numberOf(row, "load_percent"),
      };
    })
    .sort((a, b) => a.coordinator.localeCompare(b.coordinator));
  return {
    chart: {
      series: [{ key: "active_enrolments", label: labels.active ?? "" }],
      unit: "count",
      categories: rows.map((row) => ({
        key: row.key,
        label: row.coordinator || row.role,
        values: [row.active],
        target: row.target,
      })),
    },
    rows,
  };
}

export const LEAD_SERIES = ["received", "contacted_by_due", "followed_up"] as const;

/** lead_response by month: received, contacted by the due date and followed up, per month with leads. */
export function leadsByMonth(
  result: IndicatorResult,
  labels: { series: (key: (typeof LEAD_SERIES)[number]) => string; month: (month: string) => string },
): BarChartModel {
  const rows = result.rows
    .filter((row) => textOf(row, "month") !== null)
    .sort((a, b) => (textOf(a, "month") ?? "").localeCompare(textOf(b, "month") ?? ""));
  return {
    series: LEAD_SERIES.map((key) => ({ key, label: labels.series(key) })),
    unit: "count",
    categories: rows.map((row) => {
      const month = textOf(row, "month") ?? "";
      return { key: month, label: labels.month(month), values: LEAD_SERIES.map((key) => numberOf(row, key)) };
    }),
  };
}

/** The largest value or target, so that bars and target lines share one scale. */
export function maxOf(model: BarChartModel): number {
  let max = 0;
  for (const category of model.categories) {
    for (const value of category.values) if (value !== null && value > max) max = value;
    if (category.target != null && category.target > max) max = category.target;
  }
  return max;
}

/** Round axis ticks: 0 and up to about five steps of 1, 2 or 5 × 10ⁿ covering max. */
export function niceTicks(max: number, unit: "count" | "percent"): number[] {
  if (unit === "percent") return [0, 25, 50, 75, 100];
  if (max <= 0) return [0, 1];
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
  return ticks.length >= 2 ? ticks : [0, step];
}

/** One row of an answer as a chart category: the dimension's code (or "" for none) and its label. */
export interface CategoryRow {
  key: string;
  label: string;
  row: IndicatorRow;
}

/**
 * The rows of an answer grouped by one dimension, each labelled: the codes of `order` first in
 * that order, then the others by code (months sort as they read) or, with `byLabel`, by label
 * (people by name); the row without a value (`null`) last, as `unknown`.
 */
export function rowsByCategory(
  result: IndicatorResult,
  dimension: string,
  labels: { label: (code: string) => string; unknown: string; order?: readonly string[]; byLabel?: boolean },
): CategoryRow[] {
  const order = labels.order ?? [];
  const rank = (code: string | null) => {
    if (code === null) return order.length + 1;
    const index = order.indexOf(code);
    return index === -1 ? order.length : index;
  };
  return result.rows
    .map((row) => {
      const code = textOf(row, dimension);
      return { code, category: { key: code ?? "", label: code === null ? labels.unknown : labels.label(code), row } };
    })
    .sort(
      (a, b) =>
        rank(a.code) - rank(b.code) ||
        (labels.byLabel ? a.category.label.localeCompare(b.category.label) : (a.code ?? "").localeCompare(b.code ?? "")),
    )
    .map(({ category }) => category);
}

/** Bars of the given measures (one series each) for rows already put in order. */
export function barsOf(rows: readonly CategoryRow[], series: readonly SeriesInfo[], unit: BarChartModel["unit"]): BarChartModel {
  return {
    series: [...series],
    unit,
    categories: rows.map((category) => ({
      key: category.key,
      label: category.label,
      values: series.map((each) => numberOf(category.row, each.key)),
    })),
  };
}

export interface GoalRow {
  key: "clients" | "partner_employers";
  label: string;
  achieved: number | null;
  goal: number | null;
  /** Of the goal, in percent; null without a goal, whatever the answer says. */
  percent: number | null;
  suppressed: boolean;
}

/** reach (one row): clients and partner employers, each against its goal when there is one. */
export function reachAgainstGoals(
  result: IndicatorResult,
  labels: { clients: string; partnerEmployers: string; achieved: string },
): { chart: BarChartModel; rows: GoalRow[] } {
  const row = result.rows[0];
  const rows: GoalRow[] = row
    ? [
        { key: "clients" as const, label: labels.clients, goal: "clients_goal", percent: "clients_percent" },
        { key: "partner_employers" as const, label: labels.partnerEmployers, goal: "employers_goal", percent: "employers_percent" },
      ].map(({ key, label, goal, percent }) => {
        const goalValue = numberOf(row, goal);
        return {
          key,
          label,
          achieved: numberOf(row, key),
          goal: goalValue,
          percent: goalValue === null ? null : numberOf(row, percent),
          suppressed: row.suppressed === true,
        };
      })
    : [];
  return {
    chart: {
      series: [{ key: "achieved", label: labels.achieved }],
      unit: "count",
      categories: rows.map((each) => ({ key: each.key, label: each.label, values: [each.achieved], target: each.goal })),
    },
    rows,
  };
}

/** The client dimensions an indicator may be broken down by, in the order the select offers them. */
export const CLIENT_DIMENSIONS = ["gender", "language", "target_group"] as const;
export type ClientDimension = (typeof CLIENT_DIMENSIONS)[number];

export const GENDER_CODES = ["female", "male", "other", "unknown"] as const;
export const TARGET_GROUP_CODES = [
  "under_25",
  "under_30",
  "long_term_unemployed",
  "foreign_language",
  "partial_work_ability",
] as const;

/** The client dimensions of an indicator's `dimensions` that a chart can break its figures down by. */
export function breakdownsOf(dimensions: readonly string[], defaultGroupBy: string): ClientDimension[] {
  const grouped = defaultGroupBy.split(",");
  // Breaking down by the dimension the chart already shows would repeat the chart.
  return CLIENT_DIMENSIONS.filter((dimension) => dimensions.includes(dimension) && !grouped.includes(dimension));
}

/**
 * An answer grouped by one client dimension, in a reading order: gender and target groups as
 * their catalogue lists them, languages by name with `other` (the small languages together)
 * and the unknown last.
 */
export function rowsByClientDimension(
  result: IndicatorResult,
  dimension: ClientDimension,
  labels: { label: (code: string) => string; unknown: string },
): CategoryRow[] {
  if (dimension === "language") {
    const rank = (row: CategoryRow) => (row.key === "" ? 2 : row.key === "other" ? 1 : 0);
    return rowsByCategory(result, dimension, { ...labels, byLabel: true }).sort((a, b) => rank(a) - rank(b));
  }
  return rowsByCategory(result, dimension, { ...labels, order: dimension === "gender" ? GENDER_CODES : TARGET_GROUP_CODES });
}
