import { describe, expect, it } from "vitest";
import {
  activationByRoleOverMonths,
  barsOf,
  breakdownsOf,
  reachAgainstGoals,
  rowsByCategory,
  rowsByClientDimension,
  caseloadByCoordinator,
  directionRoles,
  employersByIndustry,
  funnelSteps,
  gradesByRole,
  leadsByMonth,
  maxOf,
  monthsBetween,
  niceTicks,
  outcomeCounts,
  rateByRole,
  rateOverMonths,
  transfersByDirection,
} from "./chartData";
import { csvFileName, indicatorPath, type IndicatorResult } from "./metricsApi";

function result(partial: Partial<IndicatorResult> & Pick<IndicatorResult, "rows">): IndicatorResult {
  return {
    indicator: "x",
    definition_version: "1",
    from: "2026-01-01",
    to: "2026-04-15",
    group_by: [],
    data_as_of: "2026-04-15T08:00:00Z",
    columns: [],
    ...partial,
  };
}

const role = (code: string) => `role:${code}`;

describe("monthsBetween", () => {
  it("lists every month the period touches, across a year end", () => {
    expect(monthsBetween("2025-11-20", "2026-02-01")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("gives one month for a period inside a month and nothing for nonsense", () => {
    expect(monthsBetween("2026-03-02", "2026-03-30")).toEqual(["2026-03"]);
    expect(monthsBetween("", "2026-03-30")).toEqual([]);
  });
});

describe("activationByRoleOverMonths", () => {
  it("makes one line per role over every month, work-ability first, with gaps as null", () => {
    const model = activationByRoleOverMonths(
      result({
        rows: [
          { coordinator_role: "business_coordinator", month: "2026-02", numerator: 5, denominator: 8, value: 62.5, suppressed: false },
          { coordinator_role: "work_ability_coordinator", month: "2026-01", numerator: 3, denominator: 5, value: 60, suppressed: false },
          { coordinator_role: "work_ability_coordinator", month: "2026-03", numerator: 1, denominator: 4, value: 25, suppressed: false },
        ],
      }),
      { role, month: (month) => `m:${month}`, noRole: "none" },
    );
    expect(model.x.map((x) => x.key)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
    expect(model.x[0]?.label).toBe("m:2026-01");
    expect(model.series.map((series) => series.label)).toEqual([
      "role:work_ability_coordinator",
      "role:business_coordinator",
    ]);
    expect(model.series[0]?.points).toEqual([60, null, 25, null]);
    expect(model.series[1]?.points).toEqual([null, 62.5, null, null]);
  });

  it("keeps a suppressed cell as a gap rather than a zero", () => {
    const model = activationByRoleOverMonths(
      result({
        rows: [{ coordinator_role: "business_coordinator", month: "2026-01", numerator: null, denominator: null, value: null, suppressed: true }],
      }),
      { role, month: String, noRole: "none" },
    );
    expect(model.series[0]?.points[0]).toBeNull();
  });

  it("has no series when nothing ended", () => {
    expect(activationByRoleOverMonths(result({ rows: [] }), { role, month: String, noRole: "none" }).series).toEqual([]);
  });
});

describe("outcomeCounts", () => {
  it("lists all eleven catalogue outcomes in order once anything ended, absent codes as zero", () => {
    const model = outcomeCounts(
      result({ rows: [{ outcome: "sick_leave", value: 2 }, { outcome: "employed", value: 7 }] }),
      (code) => code.toUpperCase(),
    );
    expect(model.categories).toHaveLength(11);
    expect(model.categories[0]).toMatchObject({ key: "employed", label: "EMPLOYED", values: [7] });
    expect(model.categories[1]).toMatchObject({ key: "education", values: [0] });
    expect(model.categories.find((category) => category.key === "sick_leave")?.values).toEqual([2]);
    expect(model.categories.at(-1)?.key).toBe("not_reached");
  });

  it("appends an outcome code the SPA does not know yet instead of dropping it", () => {
    const model = outcomeCounts(result({ rows: [{ outcome: "emigrated", value: 1 }] }), String);
    expect(model.categories.at(-1)).toMatchObject({ key: "emigrated", values: [1] });
  });

  it("is empty when no enrolment ended", () => {
    expect(outcomeCounts(result({ rows: [] }), String).categories).toEqual([]);
  });
});

describe("funnelSteps", () => {
  it("gives the six stages with their share of the registered", () => {
    const model = funnelSteps(
      result({ rows: [{ registered: 40, contacted: 30, first_meeting: 20, ended: 10, cancelled: 3, not_reached: 2, suppressed: false }] }),
      (step) => step,
    );
    expect(model.categories.map((category) => [category.key, category.values[0]])).toEqual([
      ["registered", 40],
      ["contacted", 30],
      ["first_meeting", 20],
      ["ended", 10],
      ["cancelled", 3],
      ["not_reached", 2],
    ]);
    expect(model.shares).toEqual([100, 75, 50, 25, 7.5, 5]);
  });

  it("sums grouped rows and has no shares when nothing was registered", () => {
    const model = funnelSteps(
      result({
        rows: [
          { registered: 0, contacted: 0, first_meeting: 0, ended: 1, cancelled: 0, not_reached: 0 },
          { registered: 0, contacted: 0, first_meeting: 0, ended: 2, cancelled: 0, not_reached: 0 },
        ],
      }),
      (step) => step,
    );
    expect(model.categories[3]?.values).toEqual([3]);
    expect(model.shares.every((share) => share === null)).toBe(true);
  });
});

describe("rateByRole", () => {
  it("orders the roles and carries counts and the median", () => {
    const { chart, rows } = rateByRole(
      result({
        rows: [
          { coordinator_role: "business_coordinator", numerator: 9, denominator: 10, value: 90, median_working_days: 1.5 },
          { coordinator_role: "work_ability_coordinator", numerator: 4, denominator: 8, value: 50, median_working_days: 3 },
        ],
      }),
      { role, noRole: "none" },
    );
    expect(chart.unit).toBe("percent");
    expect(chart.categories.map((category) => category.values[0])).toEqual([50, 90]);
    expect(rows[1]).toMatchObject({ label: "role:business_coordinator", numerator: 9, denominator: 10, median: 1.5 });
  });

  it("serves a rate without a median too (plan_currency)", () => {
    const { rows } = rateByRole(
      result({ rows: [{ coordinator_role: "business_coordinator", numerator: 3, denominator: 4, value: 75, suppressed: false }] }),
      { role, noRole: "none" },
    );
    expect(rows).toEqual([
      { key: "business_coordinator", label: "role:business_coordinator", numerator: 3, denominator: 4, value: 75, median: null },
    ]);
  });
});

describe("gradesByRole", () => {
  it("draws the mean grade per role, roles in their order", () => {
    const { chart, rows } = gradesByRole(
      result({
        rows: [
          { coordinator_role: "business_coordinator", answers: 12, mean_grade: 8.5 },
          { coordinator_role: "work_ability_coordinator", answers: 44, mean_grade: 9 },
        ],
      }),
      { role, noRole: "none" },
    );
    expect(chart.categories.map((category) => [category.label, category.values[0]])).toEqual([
      ["role:work_ability_coordinator", 9],
      ["role:business_coordinator", 8.5],
    ]);
    expect(rows[1]).toMatchObject({ answers: 12, mean: 8.5 });
  });
});

describe("rateOverMonths", () => {
  it("draws one line over every month, broken where a month has no figure", () => {
    const model = rateOverMonths(
      result({ rows: [{ month: "2026-03", numerator: 2, denominator: 5, value: 40 }, { month: "2026-01", value: 50 }] }),
      { month: (month) => month, series: "rate" },
    );
    expect(model.x.map((month) => month.key)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
    expect(model.series).toEqual([{ key: "value", label: "rate", points: [50, null, 40, null] }]);
  });

  it("has no line at all when there are no rows", () => {
    expect(rateOverMonths(result({ rows: [] }), { month: (month) => month, series: "rate" }).series).toEqual([]);
  });
});

describe("transfersByDirection", () => {
  it("names each direction by its two roles and draws sent and accepted", () => {
    const { chart, rows } = transfersByDirection(
      result({
        rows: [
          { direction: "business_coordinator->work_ability_coordinator", sent: 2, accepted: 1, median_working_days_to_accept: 2 },
          { direction: "work_ability_coordinator->business_coordinator", sent: 7, accepted: 6, median_working_days_to_accept: 1.5 },
        ],
      }),
      { direction: (from, to) => `${role(from)} → ${role(to)}`, series: (key) => key, unknown: "?" },
    );
    expect(chart.series.map((series) => series.key)).toEqual(["sent", "accepted"]);
    expect(chart.categories.map((category) => [category.label, ...category.values])).toEqual([
      ["role:work_ability_coordinator → role:business_coordinator", 7, 6],
      ["role:business_coordinator → role:work_ability_coordinator", 2, 1],
    ]);
    expect(rows[0]?.median).toBe(1.5);
  });

  it("reads a direction only when it names two roles", () => {
    expect(directionRoles("a->b")).toEqual(["a", "b"]);
    expect(directionRoles("a")).toBeNull();
    expect(directionRoles("->b")).toBeNull();
  });
});

describe("employersByIndustry", () => {
  it("gives contacted and partner employers per section, an unknown section last", () => {
    const { chart } = employersByIndustry(
      result({
        rows: [
          { industry: null, contacted: 1, partners: 0 },
          { industry: "G", contacted: 4, partners: 2 },
          { industry: "F", contacted: 3, partners: 1 },
        ],
      }),
      { industry: (section) => `TOL ${section}`, series: (key) => key, unknown: "unknown" },
    );
    expect(chart.categories.map((category) => [category.label, ...category.values])).toEqual([
      ["TOL F", 3, 1],
      ["TOL G", 4, 2],
      ["unknown", 1, 0],
    ]);
  });
});

describe("caseloadByCoordinator", () => {
  it("gives each coordinator's active enrolments with the target to draw against", () => {
    const { chart, rows } = caseloadByCoordinator(
      result({
        rows: [
          { coordinator_role: "work_ability_coordinator", coordinator: "wac2", active_enrolments: 27, coordinators: 1, target: 25, load_percent: 108 },
          { coordinator_role: "business_coordinator", coordinator: "bc1", active_enrolments: 12, coordinators: 1, target: 20, load_percent: 60 },
        ],
      }),
      { role, noRole: "none", coordinator: (username) => ({ bc1: "Bertta", wac2: "Ville" })[username] ?? username },
    );
    // People by name, in the order of their names.
    expect(chart.categories.map((category) => [category.label, category.values[0], category.target])).toEqual([
      ["Bertta", 12, 20],
      ["Ville", 27, 25],
    ]);
    expect(rows[1]).toMatchObject({ role: "role:work_ability_coordinator", loadPercent: 108 });
    expect(maxOf(chart)).toBe(27);
  });
});

describe("leadsByMonth", () => {
  it("gives three series per month in month order", () => {
    const model = leadsByMonth(
      result({
        rows: [
          { month: "2026-03", received: 4, contacted_by_due: 3, followed_up: 1 },
          { month: "2026-01", received: 2, contacted_by_due: 2, followed_up: 2 },
        ],
      }),
      { series: (key) => key, month: (month) => month },
    );
    expect(model.series.map((series) => series.key)).toEqual(["received", "contacted_by_due", "followed_up"]);
    expect(model.categories.map((category) => [category.key, ...category.values])).toEqual([
      ["2026-01", 2, 2, 2],
      ["2026-03", 4, 3, 1],
    ]);
  });
});

describe("niceTicks", () => {
  it("covers the largest value with round steps", () => {
    expect(niceTicks(23, "count")).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(3, "count")).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, "count")).toEqual([0, 1]);
    expect(niceTicks(12, "percent")).toEqual([0, 25, 50, 75, 100]);
  });
});

describe("the CSV and the query", () => {
  const query = { indicator: "activation_rate", groupBy: "coordinator_role,month" };
  const period = { from: "2026-01-01", to: "2026-06-30" };

  it("asks the same query as plain CSV with format=csv", () => {
    const url = new URL(indicatorPath(query, period, "plain"), "http://polku.test");
    expect(url.pathname).toBe("/api/v1/metrics/activation_rate");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: "2026-01-01",
      to: "2026-06-30",
      group_by: "coordinator_role,month",
      format: "csv",
    });
  });

  it("asks the Finnish-Excel variant with delimiter=semicolon and names its file apart", () => {
    const url = new URL(indicatorPath(query, period, "excel"), "http://polku.test");
    expect(url.searchParams.get("format")).toBe("csv");
    expect(url.searchParams.get("delimiter")).toBe("semicolon");
    expect(csvFileName(query, period, "excel")).toBe("activation_rate_2026-01-01_2026-06-30_excel.csv");
    expect(csvFileName(query, period, "plain")).toBe("activation_rate_2026-01-01_2026-06-30.csv");
  });

  it("names a breakdown's file by its dimension, so it does not overwrite the chart's own", () => {
    const byGender = { indicator: "activation_rate", groupBy: "gender" };
    expect(csvFileName(byGender, period, "excel", "gender")).toBe("activation_rate_by_gender_2026-01-01_2026-06-30_excel.csv");
  });
});

describe("rowsByCategory", () => {
  const rows = [
    { sector: "third_sector", periods: 1, suppressed: false },
    { sector: null, periods: 2, suppressed: false },
    { sector: "cooperative", periods: 3, suppressed: false },
    { sector: "public", periods: 4, suppressed: false },
  ];

  it("puts the known codes in their order, an unknown code after them and the row without a value last", () => {
    const ordered = rowsByCategory(result({ rows }), "sector", {
      label: (code) => `s:${code}`,
      unknown: "none",
      order: ["public", "private", "third_sector"],
    });
    expect(ordered.map((row) => [row.key, row.label])).toEqual([
      ["public", "s:public"],
      ["third_sector", "s:third_sector"],
      ["cooperative", "s:cooperative"],
      ["", "none"],
    ]);
  });

  it("sorts months by their code and people by their name", () => {
    const months = rowsByCategory(
      result({ rows: [{ month: "2026-10" }, { month: "2026-02" }] }),
      "month",
      { label: (month) => `m:${month}`, unknown: "" },
    );
    expect(months.map((row) => row.key)).toEqual(["2026-02", "2026-10"]);
    const names: Record<string, string> = { wac1: "Venla", bc1: "Bertta" };
    const people = rowsByCategory(result({ rows: [{ coordinator: "wac1" }, { coordinator: "bc1" }] }), "coordinator", {
      label: (username) => names[username] ?? username,
      unknown: "",
      byLabel: true,
    });
    expect(people.map((row) => row.label)).toEqual(["Bertta", "Venla"]);
  });

  it("makes one bar per row and series, a suppressed measure without a bar", () => {
    const model = barsOf(
      rowsByCategory(result({ rows: [{ kind: "job_fair", events: null, suppressed: true }, { kind: "info_session", events: 3 }] }), "kind", {
        label: String,
        unknown: "",
      }),
      [{ key: "events", label: "" }],
      "count",
    );
    expect(model.categories.map((category) => [category.key, category.values])).toEqual([
      ["info_session", [3]],
      ["job_fair", [null]],
    ]);
  });
});

describe("rowsByClientDimension", () => {
  it("lists genders and target groups in the catalogue's order", () => {
    const genders = rowsByClientDimension(
      result({ rows: [{ gender: "unknown" }, { gender: "male" }, { gender: "female" }, { gender: "other" }] }),
      "gender",
      { label: String, unknown: "?" },
    );
    expect(genders.map((row) => row.key)).toEqual(["female", "male", "other", "unknown"]);
    const groups = rowsByClientDimension(
      result({ rows: [{ target_group: "partial_work_ability" }, { target_group: "under_30" }, { target_group: "under_25" }] }),
      "target_group",
      { label: String, unknown: "?" },
    );
    expect(groups.map((row) => row.key)).toEqual(["under_25", "under_30", "partial_work_ability"]);
  });

  it("lists languages by name, then the other languages together, then the unknown", () => {
    const names: Record<string, string> = { fi: "suomi", sv: "ruotsi", so: "somali", other: "muut kielet" };
    const languages = rowsByClientDimension(
      result({ rows: [{ language: null }, { language: "other" }, { language: "fi" }, { language: "so" }, { language: "sv" }] }),
      "language",
      { label: (code) => names[code] ?? code, unknown: "ei tiedossa" },
    );
    expect(languages.map((row) => row.label)).toEqual(["ruotsi", "somali", "suomi", "muut kielet", "ei tiedossa"]);
  });
});

describe("breakdownsOf", () => {
  it("offers the client dimensions the indicator has, but not one the chart is already grouped by", () => {
    expect(breakdownsOf(["coordinator_role", "target_group", "gender", "month"], "coordinator_role,month")).toEqual([
      "gender",
      "target_group",
    ]);
    expect(breakdownsOf(["month", "gender", "language", "target_group"], "target_group")).toEqual(["gender", "language"]);
    expect(breakdownsOf(["coordinator_role", "coordinator"], "coordinator_role,coordinator")).toEqual([]);
  });
});

describe("reachAgainstGoals", () => {
  const labels = { clients: "Clients", partnerEmployers: "Partners", achieved: "Achieved" };

  it("draws each figure against its goal, with the share of the goal", () => {
    const { chart, rows } = reachAgainstGoals(
      result({
        rows: [{ clients: 850, clients_goal: 1000, clients_percent: 85, partner_employers: 40, employers_goal: 50, employers_percent: 80, suppressed: false }],
      }),
      labels,
    );
    expect(rows.map((row) => [row.label, row.achieved, row.goal, row.percent])).toEqual([
      ["Clients", 850, 1000, 85],
      ["Partners", 40, 50, 80],
    ]);
    expect(chart.categories.map((category) => category.target)).toEqual([1000, 50]);
  });

  it("has no percentage and no target line without a goal, whatever the answer says", () => {
    const { chart, rows } = reachAgainstGoals(
      result({
        rows: [{ clients: 850, clients_goal: null, clients_percent: 85, partner_employers: 40, employers_goal: null, employers_percent: null, suppressed: false }],
      }),
      labels,
    );
    expect(rows.map((row) => row.percent)).toEqual([null, null]);
    expect(chart.categories.map((category) => category.target)).toEqual([null, null]);
  });

  it("is empty without a row", () => {
    expect(reachAgainstGoals(result({ rows: [] }), labels).rows).toEqual([]);
  });
});
