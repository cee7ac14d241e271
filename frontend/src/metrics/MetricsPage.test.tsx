import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { signedInAs, WhenSignedIn } from "../admin/testSession";
import { LANGUAGE_STORAGE_KEY } from "../common/i18n";
import { json, problem, renderApp, scriptedFetch, staffRoutes, type Route } from "../common/testing";
import { MetricsPage } from "./MetricsPage";

function answer(indicator: string, url: URL, columns: string[], rows: Record<string, unknown>[]) {
  return json({
    indicator,
    definition_version: "1",
    from: url.searchParams.get("from"),
    to: url.searchParams.get("to"),
    group_by: (url.searchParams.get("group_by") ?? "").split(",").filter(Boolean),
    data_as_of: "2026-03-31T06:00:00Z",
    columns,
    rows,
  });
}

/** Each indicator as the service names it: id, Finnish name, English name. */
const NAMES: [string, string, string][] = [
  ["activation_rate", "Aktivointiaste (projektin määritelmä)", "Activation rate (project definition)"],
  ["official_activation_rate", "Aktivointiaste (TEM:n tilaston määritelmä)", "Activation rate (TEM statistics definition)"],
  ["outcomes", "Päättyneiden asiakkuuksien jatkopolut", "Outcomes of ended enrolments"],
  ["funnel", "Asiakkuuksien eteneminen", "Client funnel"],
  ["contact_sla", "Ensimmäinen yhteydenotto määräajassa", "First contact within the deadline"],
  ["caseload", "Asiakasmäärä koordinaattoria kohden", "Caseload per coordinator"],
  ["transfers", "Siirrot koordinaattorien välillä", "Transfers between coordinators"],
  ["lead_response", "Rekrypisteen liidien käsittely", "Rekrypiste lead response"],
  ["employers", "Työnantajakontaktit ja yhteistyöyritykset", "Employers contacted and partner employers"],
  ["satisfaction", "Asiakastyytyväisyys", "Client satisfaction"],
  ["plan_currency", "Ajantasaiset asiakassuunnitelmat", "Service plans up to date"],
  ["enrolment_duration", "Asiakkuuksien kesto", "Duration of enrolments"],
  ["long_term_unemployment", "Pitkäaikaistyöttömien osuus", "Share of the long-term unemployed"],
  ["plan_debt", "Vanhentuneet asiakassuunnitelmat", "Service plans overdue"],
  ["wellbeing_change", "Asiakkaiden hyvinvoinnin muutos", "Change in clients' well-being"],
  ["job_referrals", "Työpaikkaohjaukset", "Job referrals"],
  ["wage_subsidy_periods", "Palkkatukijaksot sektoreittain", "Wage-subsidy periods by sector"],
  ["recruitment_events", "Rekrytointitapahtumat", "Recruitment events"],
  ["reach", "Tavoittavuus ja tavoitteet", "Reach and goals"],
];

const CLIENT = ["gender", "language", "target_group"];
/** The dimensions each indicator offers, as the service lists them (the rest: role and month). */
const DIMENSIONS: Record<string, string[]> = {
  activation_rate: ["coordinator_role", "month", ...CLIENT],
  outcomes: ["coordinator_role", "month", "outcome", ...CLIENT],
  funnel: ["coordinator_role", "month", ...CLIENT],
  contact_sla: ["coordinator_role", "month", ...CLIENT],
  satisfaction: ["coordinator_role", "month", ...CLIENT],
  enrolment_duration: ["coordinator_role", "service_line", "month", ...CLIENT],
  long_term_unemployment: ["month", "municipality", "age_group", "gender", "language"],
  wellbeing_change: ["month", ...CLIENT],
};

const INDICATORS = {
  items: NAMES.map(([id, fi, en]) => ({
    id,
    name: en,
    description: `In English: how ${id} is counted.`,
    definition_version: "1",
    unit: "percent",
    dimensions: DIMENSIONS[id] ?? ["coordinator_role", "month"],
    columns: ["value", "suppressed"],
    translations: {
      fi: { name: fi, description: `Suomeksi: näin ${id} lasketaan.` },
      en: { name: en, description: `In English: how ${id} is counted.` },
    },
  })),
};

/** The chart titles of the Figures page, in the page's order. */
const TITLES_FI = [
  "Aktivointiaste rooleittain",
  "Aktivointiaste tilaston määritelmällä",
  "Jatkopolut",
  "Asiakkuuksien eteneminen",
  "Yhteydenotto määräajassa",
  "Asiakasmäärä ja tavoite",
  "Ajantasaiset asiakassuunnitelmat",
  "Siirrot koordinaattorien välillä",
  "Asiakastyytyväisyys rooleittain",
  "Rekrypisteen liidit",
  "Työnantajat toimialoittain",
  "Asiakkuuksien kesto palvelulinjoittain",
  "Pitkäaikaistyöttömien osuus",
  "Vanhentuneet asiakassuunnitelmat koordinaattoreittain",
  "Hyvinvoinnin muutos kohderyhmittäin",
  "Työpaikkaohjaukset",
  "Palkkatukijaksot sektoreittain",
  "Rekrytointitapahtumat",
  "Tavoittavuus ja tavoitteet",
];
const TITLES_EN = [
  "Activation rate by role",
  "Activation rate by the statistics definition",
  "Outcomes",
  "Client funnel",
  "First contact within the deadline",
  "Caseload against target",
  "Service plans up to date",
  "Transfers between coordinators",
  "Client satisfaction by role",
  "Rekrypiste leads",
  "Employers by industry",
  "Duration of enrolments by service line",
  "Share of the long-term unemployed",
  "Service plans overdue by coordinator",
  "Change in well-being by target group",
  "Job referrals",
  "Wage-subsidy periods by sector",
  "Recruitment events",
  "Reach against goals",
];

const ROLE = "coordinator_role";
const FIGURES: Record<string, { columns: string[]; rows: Record<string, unknown>[] }> = {
  activation_rate: {
    columns: [ROLE, "month", "numerator", "denominator", "value", "suppressed"],
    rows: [{ [ROLE]: "work_ability_coordinator", month: "2026-02", numerator: 3, denominator: 5, value: 60, suppressed: false }],
  },
  official_activation_rate: {
    columns: ["month", "numerator", "denominator", "value", "suppressed"],
    rows: [{ month: "2026-01", numerator: 1234, denominator: 2805, value: 44, suppressed: false }],
  },
  funnel: {
    columns: ["registered", "contacted", "first_meeting", "ended", "cancelled", "not_reached", "suppressed"],
    rows: [{ registered: 12345, contacted: 10000, first_meeting: 9000, ended: 500, cancelled: 20, not_reached: 5, suppressed: false }],
  },
  caseload: {
    columns: [ROLE, "coordinator", "active_enrolments", "coordinators", "target", "load_percent", "suppressed"],
    rows: [{ [ROLE]: "business_coordinator", coordinator: "bc1", active_enrolments: 12, coordinators: 1, target: 20, load_percent: 60, suppressed: false }],
  },
  plan_currency: {
    columns: [ROLE, "numerator", "denominator", "value", "suppressed"],
    rows: [{ [ROLE]: "business_coordinator", numerator: 7, denominator: 8, value: 87.5, suppressed: false }],
  },
  transfers: {
    columns: ["direction", "sent", "accepted", "median_working_days_to_accept", "suppressed"],
    rows: [{ direction: "work_ability_coordinator->business_coordinator", sent: 30, accepted: 28, median_working_days_to_accept: 1.5, suppressed: false }],
  },
  satisfaction: {
    columns: [ROLE, "answers", "mean_grade", "suppressed"],
    rows: [{ [ROLE]: "work_ability_coordinator", answers: 56, mean_grade: 9, suppressed: false }],
  },
  employers: {
    columns: ["industry", "contacted", "partners", "suppressed"],
    rows: [{ industry: "F", contacted: 113, partners: 40, suppressed: false }],
  },
  enrolment_duration: {
    columns: ["service_line", "count", "median_days", "mean_days", "median_working_days", "suppressed"],
    rows: [
      { service_line: "business", count: null, median_days: null, mean_days: null, median_working_days: null, suppressed: true },
      { service_line: "work_ability", count: 1234, median_days: 120, mean_days: 131.4, median_working_days: 84.5, suppressed: false },
    ],
  },
  long_term_unemployment: {
    columns: ["month", "numerator", "denominator", "value", "suppressed"],
    rows: [
      { month: "2026-02", numerator: null, denominator: null, value: null, suppressed: true },
      { month: "2026-01", numerator: 30, denominator: 120, value: 25, suppressed: false },
    ],
  },
  plan_debt: {
    columns: ["coordinator", "enrolments", "days_overdue", "suppressed"],
    rows: [
      { coordinator: "wac1", enrolments: 3, days_overdue: 45, suppressed: false },
      { coordinator: "bc1", enrolments: 2, days_overdue: 1234, suppressed: false },
    ],
  },
  wellbeing_change: {
    columns: ["target_group", "clients", "mean_change", "improved_percent", "suppressed"],
    rows: [
      { target_group: "long_term_unemployed", clients: 20, mean_change: 1.2, improved_percent: 60, suppressed: false },
      { target_group: "under_30", clients: 14, mean_change: -0.4, improved_percent: 35.7, suppressed: false },
    ],
  },
  job_referrals: {
    columns: ["month", "referrals", "presented", "clients", "openings", "closed_windows", "hired_within_90_days", "hired_percent", "suppressed"],
    rows: [
      { month: "2026-02", referrals: 1040, presented: 25, clients: 30, openings: 12, closed_windows: 20, hired_within_90_days: 5, hired_percent: 25, suppressed: false },
      { month: "2026-01", referrals: 8, presented: 6, clients: 7, openings: 4, closed_windows: 3, hired_within_90_days: 1, hired_percent: 33.3, suppressed: false },
    ],
  },
  wage_subsidy_periods: {
    columns: ["sector", "periods", "clients", "suppressed"],
    rows: [
      { sector: "third_sector", periods: null, clients: null, suppressed: true },
      { sector: "private", periods: 10, clients: 9, suppressed: false },
      { sector: "public", periods: 4, clients: 4, suppressed: false },
    ],
  },
  recruitment_events: {
    columns: ["kind", "events", "employers", "attended", "hires_within_90_days", "suppressed"],
    rows: [
      { kind: "job_fair", events: 2, employers: 35, attended: 1200, hires_within_90_days: 14, suppressed: false },
      { kind: "recruitment_event", events: 5, employers: 12, attended: 150, hires_within_90_days: 9, suppressed: false },
    ],
  },
  reach: {
    columns: ["clients", "clients_goal", "clients_percent", "partner_employers", "employers_goal", "employers_percent", "suppressed"],
    rows: [
      { clients: 850, clients_goal: 1000, clients_percent: 85, partner_employers: 40, employers_goal: null, employers_percent: null, suppressed: false },
    ],
  },
};

function routes(overrides: Record<string, Route> = {}, session = signedInAs("lead", ["team_lead"])) {
  const figures = Object.fromEntries(
    NAMES.map(([id]) => [
      `GET /api/v1/metrics/${id}`,
      ((request) => answer(id, new URL(request.url), FIGURES[id]?.columns ?? [], FIGURES[id]?.rows ?? [])) as Route,
    ]),
  );
  return scriptedFetch({
    ...session,
    ...staffRoutes(),
    "GET /api/v1/metrics": () => json(INDICATORS),
    "GET /api/v1/employers/industries": () => json({ items: [{ section: "F", label_fi: "Rakentaminen", label_en: "Construction" }] }),
    ...figures,
    ...overrides,
  });
}

function renderMetrics(fetch: typeof globalThis.fetch, path = "/luvut?from=2026-01-01&to=2026-03-31") {
  renderApp(
    <WhenSignedIn>
      <MetricsPage />
    </WhenSignedIn>,
    { fetch, path },
  );
}

/** The card of a chart (its table's scrolling region has the same name). */
async function cardOf(title: string): Promise<HTMLElement> {
  const regions = await screen.findAllByRole("region", { name: title });
  const card = regions.find((region) => region.classList.contains("chart-card"));
  if (!card) throw new Error(`no card ${title}`);
  return card;
}

/** Each body row's cells exactly as written (the no-break spaces included). */
function rowsOf(table: HTMLElement): string[][] {
  return Array.from(table.querySelectorAll("tbody tr")).map((row) =>
    Array.from(row.children).map((cell) => cell.textContent ?? ""),
  );
}

async function tableOf(title: string) {
  return within(await cardOf(title)).findByRole("table", { hidden: true });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the Figures page", () => {
  it("shows all nineteen indicators, each with its Finnish name from the service", async () => {
    const { fetch } = routes();
    renderMetrics(fetch);
    await screen.findByRole("region", { name: TITLES_FI[0] });
    const cards = screen.getAllByRole("region").filter((region) => region.classList.contains("chart-card"));
    expect(cards.map((card) => within(card).getByRole("heading").textContent)).toEqual(TITLES_FI);
    for (const [, fi] of NAMES) expect(await screen.findByText(`Tunnusluku: ${fi}`)).toBeVisible();
  });

  it("puts the monitoring plan's figures under their own heading, one level below it", async () => {
    const { fetch } = routes();
    renderMetrics(fetch);
    const section = await screen.findByRole("region", { name: "Seurantasuunnitelman luvut" });
    expect(within(section).getAllByRole("heading", { level: 2 }).map((heading) => heading.textContent)).toEqual([
      "Seurantasuunnitelman luvut",
    ]);
    expect(within(section).getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent)).toEqual(TITLES_FI.slice(11));
    // The unit's cards come first and keep their h2.
    expect(screen.getByRole("heading", { level: 2, name: "Työnantajat toimialoittain" })).toBeInTheDocument();
  });

  it("shows them in English, names and definitions too, when English is chosen", async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    const user = userEvent.setup();
    const { fetch } = routes();
    renderMetrics(fetch);
    for (const title of TITLES_EN) await cardOf(title);
    for (const [, , en] of NAMES) expect(await screen.findByText(`Indicator: ${en}`)).toBeVisible();
    const official = await cardOf("Activation rate by the statistics definition");
    await user.click(within(official).getByText("Definition"));
    expect(within(official).getByText("In English: how official_activation_rate is counted.")).toBeVisible();
  });

  it("draws a chart with its caption and table, and is honest about empty charts", async () => {
    const { fetch } = routes();
    renderMetrics(fetch);

    const activation = await screen.findByRole("region", { name: "Aktivointiaste rooleittain" });
    expect(await within(activation).findByRole("figure")).toHaveAccessibleName(
      /Aktivointiaste \(projektin määritelmä\) koordinaattorin roolin mukaan kuukausittain, 1\.1\.2026–31\.3\.2026/,
    );
    expect(within(activation).getByRole("img")).toHaveAccessibleName(/Viivakaavio/);
    const table = within(activation).getByRole("table", { hidden: true });
    expect(within(table).getByText("Työkykykoordinaattori")).toBeInTheDocument();
    expect(rowsOf(table)).toContainEqual(["helmikuu 2026", "Työkykykoordinaattori", "3", "5", "60,0\u00a0%"]);

    const outcomes = screen.getByRole("region", { name: "Jatkopolut" });
    expect(await within(outcomes).findByText("Valitulla ajanjaksolla ei ole lukuja tähän kuvaajaan.")).toBeInTheDocument();
    expect(screen.getByText(/Tiedot päivitetty 31\.3\.2026/)).toBeInTheDocument();
  });

  it("writes numbers as Finnish does: decimal comma, a no-break space before % and between thousands", async () => {
    const { fetch } = routes();
    renderMetrics(fetch);
    const official = await tableOf("Aktivointiaste tilaston määritelmällä");
    expect(rowsOf(official)).toContainEqual(["tammikuu 2026", "1\u00a0234", "2\u00a0805", "44,0\u00a0%"]);
    const funnel = await tableOf("Asiakkuuksien eteneminen");
    expect(rowsOf(funnel)).toContainEqual(["Rekisteröity", "12\u00a0345", "100,0\u00a0%"]);
    const plans = await tableOf("Ajantasaiset asiakassuunnitelmat");
    expect(rowsOf(plans)).toContainEqual(["Yrityskoordinaattori", "7", "8", "87,5\u00a0%"]);
    const transfers = await tableOf("Siirrot koordinaattorien välillä");
    expect(rowsOf(transfers)).toContainEqual(["Työkykykoordinaattori → Yrityskoordinaattori", "30", "28", "1,5"]);
    const satisfaction = await tableOf("Asiakastyytyväisyys rooleittain");
    expect(rowsOf(satisfaction)).toContainEqual(["Työkykykoordinaattori", "56", "9,0"]);
    const employers = await tableOf("Työnantajat toimialoittain");
    await waitFor(() => expect(rowsOf(employers)).toContainEqual(["F – Rakentaminen", "113", "40"]));
    // A coordinator by name, never by username.
    const caseload = await tableOf("Asiakasmäärä ja tavoite");
    await waitFor(() =>
      expect(rowsOf(caseload)).toContainEqual(["Bertta Yrityskoordinaattori", "Yrityskoordinaattori", "12", "20", "60,0\u00a0%"]),
    );
  });

  it("writes numbers as English does: decimal point, % without a space, comma between thousands", async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    const { fetch } = routes();
    renderMetrics(fetch);
    const official = await tableOf("Activation rate by the statistics definition");
    expect(rowsOf(official)).toContainEqual(["January 2026", "1,234", "2,805", "44.0%"]);
    const satisfaction = await tableOf("Client satisfaction by role");
    expect(rowsOf(satisfaction)).toContainEqual(["Work-ability coordinator", "56", "9.0"]);
    const employers = await tableOf("Employers by industry");
    await waitFor(() => expect(rowsOf(employers)).toContainEqual(["F – Construction", "113", "40"]));
  });

  it("asks each indicator for the period in the address, grouped as the chart needs", async () => {
    const { fetch, calls } = routes();
    renderMetrics(fetch);
    await screen.findByRole("region", { name: "Aktivointiaste rooleittain" });
    await screen.findAllByText("Valitulla ajanjaksolla ei ole lukuja tähän kuvaajaan.");

    const asked = calls.map((call) => new URL(call.url)).filter((url) => url.pathname.startsWith("/api/v1/metrics/"));
    const groupBy = Object.fromEntries(asked.map((url) => [url.pathname.split("/").pop(), url.searchParams.get("group_by")]));
    expect(groupBy).toEqual({
      activation_rate: "coordinator_role,month",
      official_activation_rate: "month",
      outcomes: "outcome",
      funnel: null,
      contact_sla: "coordinator_role",
      caseload: "coordinator_role,coordinator",
      plan_currency: "coordinator_role",
      transfers: "direction",
      satisfaction: "coordinator_role",
      lead_response: "month",
      employers: "industry",
      enrolment_duration: "service_line",
      long_term_unemployment: "month",
      plan_debt: "coordinator",
      wellbeing_change: "target_group",
      job_referrals: "month",
      wage_subsidy_periods: "sector",
      recruitment_events: "kind",
      reach: null,
    });
    expect(asked.every((url) => url.searchParams.get("from") === "2026-01-01" && url.searchParams.get("to") === "2026-03-31")).toBe(true);
  });

  it("shows the definition and its version in Finnish one click away", async () => {
    const user = userEvent.setup();
    const { fetch } = routes();
    renderMetrics(fetch);
    const activation = await screen.findByRole("region", { name: "Aktivointiaste rooleittain" });
    await user.click(within(activation).getByText("Määritelmä"));
    expect(await within(activation).findByText("Määritelmän versio 1")).toBeVisible();
    expect(within(activation).getByText("Suomeksi: näin activation_rate lasketaan.")).toBeVisible();
  });

  it("offers the Finnish-Excel CSV first in Finnish and downloads it through the API", async () => {
    const user = userEvent.setup();
    URL.createObjectURL = vi.fn(() => "blob:figures");
    URL.revokeObjectURL = vi.fn();
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const { fetch, calls } = routes({
      "GET /api/v1/metrics/official_activation_rate": (request) =>
        new URL(request.url).searchParams.get("format") === "csv"
          ? new Response("\ufeffmonth;numerator;denominator;value;suppressed\r\n", { headers: { "Content-Type": "text/csv" } })
          : answer("official_activation_rate", new URL(request.url), [], []),
    });
    renderMetrics(fetch);
    const official = await screen.findByRole("region", { name: "Aktivointiaste tilaston määritelmällä" });
    const buttons = within(official).getAllByRole("button", { name: /^Lataa CSV/ });
    expect(buttons.map((button) => button.textContent)).toEqual(["Excel (suomi)", "CSV (pilkku)"]);
    expect(buttons[0]).toHaveAccessibleName("Lataa CSV, Excel (suomi): Aktivointiaste tilaston määritelmällä");

    await user.click(within(official).getByRole("button", { name: /Excel \(suomi\)/ }));
    expect(await within(official).findByText(/official_activation_rate_2026-01-01_2026-03-31_excel\.csv on ladattu/)).toBeInTheDocument();
    const download = calls.map((call) => ({ url: new URL(call.url), call })).find(({ url }) => url.searchParams.get("format") === "csv");
    expect(download?.url.searchParams.get("delimiter")).toBe("semicolon");
    expect(download?.call.headers.get("Authorization")).toBe("Bearer token");
    expect(clicked).toHaveBeenCalledTimes(1);
  });

  it("offers the plain CSV first in English, without the semicolon", async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    const user = userEvent.setup();
    URL.createObjectURL = vi.fn(() => "blob:figures");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const { fetch, calls } = routes({
      "GET /api/v1/metrics/transfers": (request) =>
        new URL(request.url).searchParams.get("format") === "csv"
          ? new Response("direction,sent,accepted,median_working_days_to_accept,suppressed\r\n", { headers: { "Content-Type": "text/csv" } })
          : answer("transfers", new URL(request.url), [], []),
    });
    renderMetrics(fetch);
    const transfers = await screen.findByRole("region", { name: "Transfers between coordinators" });
    const buttons = within(transfers).getAllByRole("button", { name: /^Download CSV/ });
    expect(buttons.map((button) => button.textContent)).toEqual(["CSV (comma)", "Excel (Finnish)"]);
    await user.click(buttons[0] as HTMLElement);
    expect(await within(transfers).findByText(/transfers_2026-01-01_2026-03-31\.csv has been downloaded/)).toBeInTheDocument();
    const download = calls.map((call) => new URL(call.url)).find((url) => url.searchParams.get("format") === "csv");
    expect(download?.searchParams.has("delimiter")).toBe(false);
  });

  it("says which chart failed and offers a retry", async () => {
    const { fetch } = routes({ "GET /api/v1/metrics/funnel": () => problem(503, "Service Unavailable") });
    renderMetrics(fetch);
    const funnel = await screen.findByRole("region", { name: "Asiakkuuksien eteneminen" });
    expect(await within(funnel).findByText("Lukupalvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.")).toBeInTheDocument();
    expect(within(funnel).getByRole("button", { name: "Yritä uudelleen" })).toBeInTheDocument();
  });

  it("names an empty or reversed period by its field and asks nothing new", async () => {
    const user = userEvent.setup();
    const { fetch, calls } = routes();
    renderMetrics(fetch);
    await screen.findByRole("region", { name: "Aktivointiaste rooleittain" });
    await screen.findByText(/Näytetään/);
    const before = calls.length;

    const from = screen.getByLabelText("Alkaen");
    const to = screen.getByLabelText("Päättyen");
    await user.clear(to);
    await user.click(screen.getByRole("button", { name: "Näytä luvut" }));
    expect(await screen.findByLabelText("Päättyen")).toHaveAccessibleDescription("Anna loppupäivä.");

    await user.type(to, "2026-01-31");
    await user.clear(from);
    await user.type(from, "2026-02-15");
    await user.click(screen.getByRole("button", { name: "Näytä luvut" }));
    expect(await screen.findByLabelText("Alkaen")).toHaveAccessibleDescription("Alkupäivä ei voi olla loppupäivän jälkeen.");
    expect(screen.getByLabelText("Päättyen")).not.toHaveAttribute("aria-invalid");
    expect(calls.length).toBe(before);
  });

  it("tells a coordinator the figures are their own", async () => {
    const { fetch } = routes({}, signedInAs("wac1", ["work_ability_coordinator"]));
    renderMetrics(fetch);
    expect(await screen.findByText(/Omat tunnuslukusi valitulta ajanjaksolta/)).toBeInTheDocument();
  });
});

describe("the monitoring plan's figures", () => {
  it("writes each table in Finnish: labels, names not usernames, decimal commas and suppressed rows", async () => {
    const { fetch } = routes();
    renderMetrics(fetch);
    const duration = await tableOf("Asiakkuuksien kesto palvelulinjoittain");
    expect(rowsOf(duration)).toEqual([
      ["Työkykykoordinointi", "1\u00a0234", "120", "131,4", "84,5"],
      ["Yrityskoordinointi", "piilotettu", "piilotettu", "piilotettu", "piilotettu"],
    ]);
    const longTerm = await tableOf("Pitkäaikaistyöttömien osuus");
    expect(rowsOf(longTerm)).toEqual([
      ["tammikuu 2026", "30", "120", "25,0\u00a0%"],
      ["helmikuu 2026", "piilotettu", "piilotettu", "piilotettu"],
    ]);
    const planDebt = await tableOf("Vanhentuneet asiakassuunnitelmat koordinaattoreittain");
    await waitFor(() =>
      expect(rowsOf(planDebt)).toEqual([
        ["Bertta Yrityskoordinaattori", "2", "1\u00a0234"],
        ["Venla Työkykykoordinaattori", "3", "45"],
      ]),
    );
    const wellbeing = await tableOf("Hyvinvoinnin muutos kohderyhmittäin");
    expect(rowsOf(wellbeing)).toEqual([
      ["alle 30-vuotiaat", "14", "\u22120,4", "35,7\u00a0%"],
      ["pitkäaikaistyöttömät", "20", "1,2", "60,0\u00a0%"],
    ]);
    const wellbeingCard = await cardOf("Hyvinvoinnin muutos kohderyhmittäin");
    expect(within(wellbeingCard).getByText("Asiakas lasketaan jokaiseen ryhmään, johon hän kuuluu, joten rivit eivät summaudu kokonaismäärään.")).toBeInTheDocument();
    const referrals = await tableOf("Työpaikkaohjaukset");
    expect(rowsOf(referrals)).toEqual([
      ["tammikuu 2026", "8", "6", "7", "4", "3", "1", "33,3\u00a0%"],
      ["helmikuu 2026", "1\u00a0040", "25", "30", "12", "20", "5", "25,0\u00a0%"],
    ]);
    const wageSubsidy = await tableOf("Palkkatukijaksot sektoreittain");
    expect(rowsOf(wageSubsidy)).toEqual([
      ["julkinen sektori", "4", "4"],
      ["yksityinen sektori", "10", "9"],
      ["kolmas sektori", "piilotettu", "piilotettu"],
    ]);
    const events = await tableOf("Rekrytointitapahtumat");
    expect(rowsOf(events)).toEqual([
      ["Rekrytointitapahtuma", "5", "12", "150", "9"],
      ["Työnhakumessut", "2", "35", "1\u00a0200", "14"],
    ]);
    const reach = await tableOf("Tavoittavuus ja tavoitteet");
    expect(rowsOf(reach)).toEqual([
      ["Asiakkaat", "850", "1\u00a0000", "85,0\u00a0%"],
      ["Yhteistyöyritykset", "40", "–", "–"],
    ]);
  });

  it("writes them in English too", async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    const { fetch } = routes();
    renderMetrics(fetch);
    expect(rowsOf(await tableOf("Duration of enrolments by service line"))).toContainEqual([
      "Work-ability coordination",
      "1,234",
      "120",
      "131.4",
      "84.5",
    ]);
    expect(rowsOf(await tableOf("Share of the long-term unemployed"))).toContainEqual(["February 2026", "suppressed", "suppressed", "suppressed"]);
    expect(rowsOf(await tableOf("Change in well-being by target group"))).toContainEqual(["under 30", "14", "-0.4", "35.7%"]);
    expect(rowsOf(await tableOf("Wage-subsidy periods by sector"))).toContainEqual(["public sector", "4", "4"]);
    expect(rowsOf(await tableOf("Recruitment events"))).toContainEqual(["Job fair", "2", "35", "1,200", "14"]);
    expect(rowsOf(await tableOf("Job referrals"))).toContainEqual(["February 2026", "1,040", "25", "30", "12", "20", "5", "25.0%"]);
    expect(rowsOf(await tableOf("Reach against goals"))).toEqual([
      ["Clients", "850", "1,000", "85.0%"],
      ["Partner employers", "40", "–", "–"],
    ]);
    const planDebt = await tableOf("Service plans overdue by coordinator");
    await waitFor(() => expect(rowsOf(planDebt)).toContainEqual(["Venla Työkykykoordinaattori", "3", "45"]));
  });

  it("shows no percentage of a goal that is not set, whatever the service sends", async () => {
    const { fetch } = routes({
      "GET /api/v1/metrics/reach": (request) =>
        answer("reach", new URL(request.url), FIGURES.reach?.columns ?? [], [
          { clients: 850, clients_goal: null, clients_percent: 85, partner_employers: 40, employers_goal: null, employers_percent: 50, suppressed: false },
        ]),
    });
    renderMetrics(fetch);
    const reach = await tableOf("Tavoittavuus ja tavoitteet");
    expect(rowsOf(reach)).toEqual([
      ["Asiakkaat", "850", "–", "–"],
      ["Yhteistyöyritykset", "40", "–", "–"],
    ]);
    expect(within(await cardOf("Tavoittavuus ja tavoitteet")).queryByText(/%/)).toBeNull();
  });

  it("says so when the service does not have an indicator yet, and the other charts still show", async () => {
    const { fetch } = routes({ "GET /api/v1/metrics/job_referrals": () => problem(404, "Not Found") });
    renderMetrics(fetch);
    const referrals = await cardOf("Työpaikkaohjaukset");
    expect(await within(referrals).findByText(/^Lukujen haku epäonnistui\./)).toBeInTheDocument();
    expect(within(referrals).getByRole("button", { name: "Yritä uudelleen" })).toBeInTheDocument();
    expect(rowsOf(await tableOf("Rekrytointitapahtumat"))).toHaveLength(2);
  });
});

describe("the breakdown by a client dimension", () => {
  it("asks the indicator again by gender and shows the labelled rows", async () => {
    const user = userEvent.setup();
    const { fetch, calls } = routes({
      "GET /api/v1/metrics/enrolment_duration": (request) => {
        const url = new URL(request.url);
        if (url.searchParams.get("group_by") !== "gender") {
          return answer("enrolment_duration", url, FIGURES.enrolment_duration?.columns ?? [], FIGURES.enrolment_duration?.rows ?? []);
        }
        return answer("enrolment_duration", url, ["gender", "count", "median_days", "mean_days", "median_working_days", "suppressed"], [
          { gender: null, count: null, median_days: null, mean_days: null, median_working_days: null, suppressed: true },
          { gender: "male", count: 40, median_days: 98, mean_days: 101.5, median_working_days: 70, suppressed: false },
          { gender: "female", count: 52, median_days: 110.5, mean_days: 120, median_working_days: 78, suppressed: false },
        ]);
      },
    });
    renderMetrics(fetch);
    const card = await cardOf("Asiakkuuksien kesto palvelulinjoittain");
    const select = await within(card).findByLabelText("Erittely");
    expect(Array.from((select as HTMLSelectElement).options).map((option) => option.textContent)).toEqual([
      "Ei erittelyä",
      "Sukupuoli",
      "Kieli",
      "Kohderyhmä",
    ]);

    await user.selectOptions(select, "Sukupuoli");
    const table = await within(card).findByRole("table", { name: "Asiakkuuksien kesto palvelulinjoittain, sukupuolen mukaan" });
    expect(rowsOf(table)).toEqual([
      ["nainen", "52", "110,5", "120,0", "78"],
      ["mies", "40", "98", "101,5", "70"],
      ["ei tiedossa", "piilotettu", "piilotettu", "piilotettu", "piilotettu"],
    ]);
    expect(within(table).getByRole("columnheader", { name: "Sukupuoli" })).toBeInTheDocument();
    expect(within(card).getByRole("figure")).toHaveAccessibleName(/Eritelty sukupuolen mukaan\.$/);
    const asked = calls
      .map((call) => new URL(call.url))
      .filter((url) => url.pathname === "/api/v1/metrics/enrolment_duration" && url.searchParams.get("group_by") === "gender");
    expect(asked.map((url) => url.search)).toEqual(["?from=2026-01-01&to=2026-03-31&group_by=gender"]);

    // Back to the chart's own view without asking again.
    await user.selectOptions(select, "Ei erittelyä");
    expect(rowsOf(await tableOf("Asiakkuuksien kesto palvelulinjoittain"))).toContainEqual([
      "Työkykykoordinointi",
      "1\u00a0234",
      "120",
      "131,4",
      "84,5",
    ]);
  });

  it("offers a retry when the breakdown fails, and downloads the breakdown's CSV under its own name", async () => {
    const user = userEvent.setup();
    URL.createObjectURL = vi.fn(() => "blob:figures");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    let byGenderAsked = 0;
    const { fetch, calls } = routes({
      "GET /api/v1/metrics/contact_sla": (request) => {
        const url = new URL(request.url);
        if (url.searchParams.get("format") === "csv") {
          return new Response("gender,numerator,denominator,value,median_working_days,suppressed\r\n", { headers: { "Content-Type": "text/csv" } });
        }
        if (url.searchParams.get("group_by") !== "gender") return answer("contact_sla", url, [], []);
        byGenderAsked += 1;
        if (byGenderAsked === 1) return problem(503, "Service Unavailable");
        return answer("contact_sla", url, ["gender", "numerator", "denominator", "value", "median_working_days", "suppressed"], [
          { gender: "other", numerator: 1, denominator: 2, value: 50, median_working_days: 2, suppressed: false },
        ]);
      },
    });
    renderMetrics(fetch);
    const card = await cardOf("Yhteydenotto määräajassa");
    await user.selectOptions(await within(card).findByLabelText("Erittely"), "Sukupuoli");
    expect(await within(card).findByText("Lukupalvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.")).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Yritä uudelleen" }));
    const table = await within(card).findByRole("table", { name: "Yhteydenotto määräajassa, sukupuolen mukaan" });
    expect(rowsOf(table)).toEqual([["muu", "1", "2", "50,0\u00a0%", "2"]]);

    await user.click(within(card).getByRole("button", { name: /Excel \(suomi\)/ }));
    expect(await within(card).findByText(/contact_sla_by_gender_2026-01-01_2026-03-31_excel\.csv on ladattu/)).toBeInTheDocument();
    const download = calls.map((call) => new URL(call.url)).find((url) => url.searchParams.get("format") === "csv");
    expect(download?.searchParams.get("group_by")).toBe("gender");
  });

  it("keeps the breakdown when the period changes, and asks it for the new period", async () => {
    const user = userEvent.setup();
    const { fetch, calls } = routes();
    renderMetrics(fetch);
    const card = await cardOf("Asiakkuuksien kesto palvelulinjoittain");
    await user.selectOptions(await within(card).findByLabelText("Erittely"), "Kieli");
    await user.click(screen.getByRole("button", { name: "Edellinen vuosi" }));
    const byLanguage = () =>
      calls
        .map((call) => new URL(call.url))
        .filter((url) => url.pathname === "/api/v1/metrics/enrolment_duration" && url.searchParams.get("group_by") === "language")
        .map((url) => `${url.searchParams.get("from")}/${url.searchParams.get("to")}`);
    // Last year is a whole calendar year, whichever year the test runs in.
    await waitFor(() => expect(byLanguage()).toHaveLength(2));
    expect(byLanguage()[0]).toBe("2026-01-01/2026-03-31");
    expect(byLanguage()[1]).toMatch(/^(\d{4})-01-01\/\1-12-31$/);
    expect(within(card).getByLabelText("Erittely")).toHaveValue("language");
  });

  it("names languages in the UI's language, the small ones together and the unknown last", async () => {
    const user = userEvent.setup();
    const { fetch } = routes({
      "GET /api/v1/metrics/activation_rate": (request) => {
        const url = new URL(request.url);
        const rows =
          url.searchParams.get("group_by") === "language"
            ? [
                { language: "other", numerator: 2, denominator: 10, value: 20, suppressed: false },
                { language: "fi", numerator: 30, denominator: 60, value: 50, suppressed: false },
                { language: null, numerator: null, denominator: null, value: null, suppressed: true },
                { language: "sv", numerator: 5, denominator: 8, value: 62.5, suppressed: false },
              ]
            : [];
        return answer("activation_rate", url, ["language", "numerator", "denominator", "value", "suppressed"], rows);
      },
    });
    renderMetrics(fetch);
    const card = await cardOf("Aktivointiaste rooleittain");
    await user.selectOptions(await within(card).findByLabelText("Erittely"), "Kieli");
    const table = await within(card).findByRole("table", { name: "Aktivointiaste rooleittain, kielen mukaan" });
    expect(rowsOf(table)).toEqual([
      ["ruotsi", "5", "8", "62,5\u00a0%"],
      ["suomi", "30", "60", "50,0\u00a0%"],
      ["muut kielet", "2", "10", "20,0\u00a0%"],
      ["ei tiedossa", "piilotettu", "piilotettu", "piilotettu"],
    ]);
  });

  it("says under the target groups that a client counts in each of their groups, in English too", async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "en");
    const user = userEvent.setup();
    const { fetch } = routes({
      "GET /api/v1/metrics/satisfaction": (request) => {
        const url = new URL(request.url);
        const rows =
          url.searchParams.get("group_by") === "target_group"
            ? [
                { target_group: "partial_work_ability", answers: 12, mean_grade: 8.6, suppressed: false },
                { target_group: "under_25", answers: 30, mean_grade: 9.1, suppressed: false },
              ]
            : [];
        return answer("satisfaction", url, ["target_group", "answers", "mean_grade", "suppressed"], rows);
      },
    });
    renderMetrics(fetch);
    const card = await cardOf("Client satisfaction by role");
    await user.selectOptions(await within(card).findByLabelText("Breakdown"), "Target group");
    const table = await within(card).findByRole("table", { name: "Client satisfaction by role, by target group" });
    expect(rowsOf(table)).toEqual([
      ["under 25", "30", "9.1"],
      ["partial work ability", "12", "8.6"],
    ]);
    expect(within(card).getByText("A client counts in every group that applies, so the rows do not add up to the total.")).toBeVisible();
  });

  it("offers only the dimensions the indicator has, and not the one the chart already shows", async () => {
    const { fetch } = routes();
    renderMetrics(fetch);
    const options = async (title: string) =>
      Array.from(((await within(await cardOf(title)).findByLabelText("Erittely")) as HTMLSelectElement).options).map(
        (option) => option.textContent,
      );
    expect(await options("Hyvinvoinnin muutos kohderyhmittäin")).toEqual(["Ei erittelyä", "Sukupuoli", "Kieli"]);
    expect(await options("Pitkäaikaistyöttömien osuus")).toEqual(["Ei erittelyä", "Sukupuoli", "Kieli"]);
    await screen.findAllByText("Valitulla ajanjaksolla ei ole lukuja tähän kuvaajaan.");
    expect(within(await cardOf("Asiakasmäärä ja tavoite")).queryByLabelText("Erittely")).toBeNull();
    expect(within(await cardOf("Tavoittavuus ja tavoitteet")).queryByLabelText("Erittely")).toBeNull();
  });
});
