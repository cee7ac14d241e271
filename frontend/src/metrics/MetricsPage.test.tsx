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
];

const INDICATORS = {
  items: NAMES.map(([id, fi, en]) => ({
    id,
    name: en,
    description: `In English: how ${id} is counted.`,
    definition_version: "1",
    unit: "percent",
    dimensions: ["coordinator_role", "month"],
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
  it("shows all eleven indicators, each with its Finnish name from the service", async () => {
    const { fetch } = routes();
    renderMetrics(fetch);
    await screen.findByRole("region", { name: TITLES_FI[0] });
    const cards = screen.getAllByRole("region").filter((region) => region.classList.contains("chart-card"));
    expect(cards.map((card) => within(card).getByRole("heading", { level: 2 }).textContent)).toEqual(TITLES_FI);
    for (const [, fi] of NAMES) expect(await screen.findByText(`Tunnusluku: ${fi}`)).toBeVisible();
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
