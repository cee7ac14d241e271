import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { signedInAs, WhenSignedIn } from "../admin/testSession";
import { json, problem, renderApp, scriptedFetch, type Route } from "../common/testing";
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

const INDICATORS = {
  items: [
    {
      id: "activation_rate",
      name: "Activation rate (project definition)",
      description: "Of the enrolments that ended between from and to ...",
      definition_version: "1",
      unit: "percent",
      dimensions: ["coordinator_role", "month"],
      columns: ["numerator", "denominator", "value", "suppressed"],
    },
  ],
};

function routes(overrides: Record<string, Route> = {}, session = signedInAs("lead", ["team_lead"])) {
  const empty = (indicator: string): Route => (request) => answer(indicator, new URL(request.url), [], []);
  return scriptedFetch({
    ...session,
    "GET /api/v1/metrics": () => json(INDICATORS),
    "GET /api/v1/metrics/activation_rate": (request) =>
      answer("activation_rate", new URL(request.url), ["coordinator_role", "month", "numerator", "denominator", "value", "suppressed"], [
        { coordinator_role: "work_ability_coordinator", month: "2026-02", numerator: 3, denominator: 5, value: 60, suppressed: false },
      ]),
    "GET /api/v1/metrics/outcomes": empty("outcomes"),
    "GET /api/v1/metrics/funnel": empty("funnel"),
    "GET /api/v1/metrics/contact_sla": empty("contact_sla"),
    "GET /api/v1/metrics/caseload": empty("caseload"),
    "GET /api/v1/metrics/lead_response": empty("lead_response"),
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

describe("the Figures page", () => {
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
    expect(within(table).getByText("60 %")).toBeInTheDocument();

    const outcomes = screen.getByRole("region", { name: "Jatkopolut" });
    expect(await within(outcomes).findByText("Valitulla ajanjaksolla ei ole lukuja tähän kuvaajaan.")).toBeInTheDocument();
    expect(screen.getByText(/Tiedot päivitetty 31\.3\.2026/)).toBeInTheDocument();
  });

  it("asks each indicator for the period in the address, grouped as the chart needs", async () => {
    const { fetch, calls } = routes();
    renderMetrics(fetch);
    await screen.findByRole("region", { name: "Aktivointiaste rooleittain" });
    await screen.findAllByText("Valitulla ajanjaksolla ei ole lukuja tähän kuvaajaan.");

    const asked = calls.map((call) => new URL(call.url)).filter((url) => url.pathname.startsWith("/api/v1/metrics/"));
    const activation = asked.find((url) => url.pathname.endsWith("/activation_rate"));
    expect(activation?.searchParams.get("group_by")).toBe("coordinator_role,month");
    expect(activation?.searchParams.get("from")).toBe("2026-01-01");
    expect(activation?.searchParams.get("to")).toBe("2026-03-31");
    expect(asked.find((url) => url.pathname.endsWith("/lead_response"))?.searchParams.get("group_by")).toBe("month");
  });

  it("shows the definition and its version one click away", async () => {
    const user = userEvent.setup();
    const { fetch } = routes();
    renderMetrics(fetch);
    const activation = await screen.findByRole("region", { name: "Aktivointiaste rooleittain" });
    await user.click(within(activation).getByText("Määritelmä"));
    expect(await within(activation).findByText("Määritelmän versio 1")).toBeVisible();
    expect(within(activation).getByText(/Of the enrolments that ended/)).toHaveAttribute("lang", "en");
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
