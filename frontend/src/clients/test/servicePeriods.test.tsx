// The active-service periods' forms and section (issue 15): what each form checks before
// sending, the wage-subsidy fields only for wage subsidy, the employer picked from the
// register, the service's refusals by code in Finnish, and who is offered what.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { json, problem } from "../../common/testing";
import { ClientPage } from "../ClientPage";
import type { ServicePeriod } from "../api";
import { ServicePeriodEndForm, ServicePeriodStartForm } from "../sections/ServicePeriodForms";
import { EmployerServicePeriods } from "../../employers/EmployerServicePeriods";
import { bodiesOf, CLIENT_ID, ENROLMENT_ID, overview, renderSignedIn } from "./fixtures";

const base = `/api/v1/clients/${CLIENT_ID}`;
const EMPLOYER_ID = "00000000-0000-0000-0000-00000000e001";
const PARTNER_ID = "00000000-0000-0000-0000-00000000a001";

const register = {
  "GET /api/v1/employers": () =>
    json({
      items: [
        { id: EMPLOYER_ID, name: "Lahden Kiinteistöhuolto Oy" },
        { id: "00000000-0000-0000-0000-00000000e002", name: "Asikkalan Leipomo Oy" },
      ],
      next_cursor: null,
    }),
  "GET /api/v1/partners": () =>
    json({
      items: [
        { id: PARTNER_ID, name: "Koulutuskeskus Salpaus", kind: "education", active: true },
        { id: "00000000-0000-0000-0000-00000000a002", name: "Suljettu työpaja", kind: "third_sector", active: false },
      ],
      next_cursor: null,
    }),
};

function period(overrides: Partial<ServicePeriod> = {}): ServicePeriod {
  return {
    id: "00000000-0000-0000-0000-0000000000p1",
    client_id: CLIENT_ID,
    enrolment_id: ENROLMENT_ID,
    kind: "work_trial",
    starts_on: "2026-11-02",
    planned_end_on: "2027-02-01",
    ends_on: null,
    employer_id: EMPLOYER_ID,
    partner_id: null,
    hours_per_week: 25,
    subsidy_percent: null,
    decision_ref: null,
    labour_market_status: "active_service",
    rule_version: 1,
    recorded_by: "wac1",
    ended_by: null,
    follow_up_visits: [],
    ...overrides,
  };
}

const posted = (calls: Request[]) => calls.filter((call) => call.method === "POST" && !call.url.endsWith("/auth/refresh"));

describe("starting an active-service period", () => {
  it("needs the service, sends nothing without it and ties the message to the field", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<ServicePeriodStartForm clientId={CLIENT_ID} enrolmentId={ENROLMENT_ID} />, register);
    await user.click(await screen.findByRole("button", { name: "Aloita jakso" }));
    expect(await screen.findByRole("heading", { name: "Korjaa seuraavat kohdat" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: /Palvelu/ })).toHaveAccessibleDescription("Valitse palvelu.");
    expect(screen.getByRole("link", { name: "Valitse palvelu." })).toHaveAttribute("href", expect.stringMatching(/^#/));
    expect(posted(calls)).toHaveLength(0);
  });

  it("shows the subsidy percentage and the decision only for wage-subsidised work, and requires the percentage there", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<ServicePeriodStartForm clientId={CLIENT_ID} enrolmentId={null} />, register);
    const kind = await screen.findByRole("combobox", { name: /Palvelu/ });
    expect(screen.queryByRole("textbox", { name: /Palkkatuki, %/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: /Palkkatukipäätös/ })).not.toBeInTheDocument();

    await user.selectOptions(kind, "Palkkatuettu työ");
    expect(screen.getByRole("textbox", { name: /Palkkatuki, %/ })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /Palkkatukipäätös/ })).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: /Tuntia viikossa/ }), "61");
    await user.click(screen.getByRole("button", { name: "Aloita jakso" }));
    expect(await screen.findByRole("textbox", { name: /Palkkatuki, %/ })).toHaveAccessibleDescription(
      "Palkkatuen osuus palkkauskustannuksista, kokonaisluku 1–100. Anna palkkatuen prosentti.",
    );
    expect(screen.getByRole("textbox", { name: /Tuntia viikossa/ })).toHaveAccessibleDescription(
      "Kokonaisluku 1–60. Anna viikkotunnit kokonaislukuna 1–60.",
    );
    expect(posted(calls)).toHaveLength(0);

    await user.selectOptions(kind, "Työkokeilu");
    expect(screen.queryByRole("textbox", { name: /Palkkatuki, %/ })).not.toBeInTheDocument();
  });

  it("checks that the planned end is not before the start", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<ServicePeriodStartForm clientId={CLIENT_ID} enrolmentId={null} />, register);
    await user.selectOptions(await screen.findByRole("combobox", { name: /Palvelu/ }), "Työkokeilu");
    const starts = screen.getByLabelText(/Alkamispäivä/);
    await user.clear(starts);
    await user.type(starts, "2026-11-10");
    await user.type(screen.getByLabelText(/Suunniteltu päättymispäivä/), "2026-11-01");
    await user.click(screen.getByRole("button", { name: "Aloita jakso" }));
    expect(await screen.findByRole("link", { name: "Suunniteltu päättymispäivä ei voi olla ennen alkamispäivää." })).toBeInTheDocument();
    expect(posted(calls)).toHaveLength(0);
  });

  it("sends a work trial at the employer picked from the register, without subsidy fields", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<ServicePeriodStartForm clientId={CLIENT_ID} enrolmentId={ENROLMENT_ID} />, {
      ...register,
      [`POST ${base}/service-periods`]: () => json(period(), { status: 201 }),
    });
    await user.selectOptions(await screen.findByRole("combobox", { name: /Palvelu/ }), "Työkokeilu");
    const starts = screen.getByLabelText(/Alkamispäivä/);
    await user.clear(starts);
    await user.type(starts, "2026-11-02");
    await user.type(screen.getByLabelText(/Suunniteltu päättymispäivä/), "2027-02-01");
    const employer = screen.getByRole("combobox", { name: /Työnantaja/ });
    await waitFor(() => expect(within(employer).getByRole("option", { name: "Lahden Kiinteistöhuolto Oy" })).toBeInTheDocument());
    // The register is offered by name, in Finnish alphabetical order.
    expect(within(employer).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Ei työnantajaa",
      "Asikkalan Leipomo Oy",
      "Lahden Kiinteistöhuolto Oy",
    ]);
    await user.selectOptions(employer, "Lahden Kiinteistöhuolto Oy");
    await user.type(screen.getByRole("textbox", { name: /Tuntia viikossa/ }), "25");
    await user.click(screen.getByRole("button", { name: "Aloita jakso" }));
    expect(await screen.findByText("Jakso on aloitettu.")).toBeInTheDocument();
    const [body] = await bodiesOf(calls, "POST", `${base}/service-periods`);
    expect(body).toEqual({
      kind: "work_trial",
      starts_on: "2026-11-02",
      planned_end_on: "2027-02-01",
      employer_id: EMPLOYER_ID,
      partner_id: null,
      hours_per_week: 25,
      enrolment_id: ENROLMENT_ID,
    });
  });

  it("places a labour-market training at a provider of the partner directory, never at both an employer and a provider", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<ServicePeriodStartForm clientId={CLIENT_ID} enrolmentId={null} />, {
      ...register,
      [`POST ${base}/service-periods`]: () => json(period({ kind: "labour_market_training", employer_id: null, partner_id: PARTNER_ID }), { status: 201 }),
    });
    await user.selectOptions(await screen.findByRole("combobox", { name: /Palvelu/ }), "Työvoimakoulutus");
    const provider = screen.getByRole("combobox", { name: /Järjestäjä/ });
    await waitFor(() => expect(within(provider).getByRole("option", { name: "Koulutuskeskus Salpaus" })).toBeInTheDocument());
    // Only the directory's active partners are offered.
    expect(within(provider).getAllByRole("option").map((option) => option.textContent)).toEqual(["Ei järjestäjää", "Koulutuskeskus Salpaus"]);
    await user.selectOptions(provider, "Koulutuskeskus Salpaus");
    const employer = screen.getByRole("combobox", { name: /Työnantaja/ });
    await waitFor(() => expect(within(employer).getByRole("option", { name: "Lahden Kiinteistöhuolto Oy" })).toBeInTheDocument());
    await user.selectOptions(employer, "Lahden Kiinteistöhuolto Oy");
    await user.click(screen.getByRole("button", { name: "Aloita jakso" }));
    expect(await screen.findByRole("link", { name: "Valitse joko työnantaja tai järjestäjä, ei molempia." })).toBeInTheDocument();
    expect(posted(calls)).toHaveLength(0);

    await user.selectOptions(employer, "Ei työnantajaa");
    await user.click(screen.getByRole("button", { name: "Aloita jakso" }));
    expect(await screen.findByText("Jakso on aloitettu.")).toBeInTheDocument();
    const [body] = await bodiesOf(calls, "POST", `${base}/service-periods`);
    expect(body).toMatchObject({ kind: "labour_market_training", employer_id: null, partner_id: PARTNER_ID });
  });

  it("says the service's refusal by its code in Finnish: an overlapping period in the summary, an unknown employer at its field", async () => {
    const user = userEvent.setup();
    let answer = 0;
    renderSignedIn(<ServicePeriodStartForm clientId={CLIENT_ID} enrolmentId={null} />, {
      ...register,
      [`POST ${base}/service-periods`]: () =>
        (answer += 1) === 1
          ? problem(409, "Conflict", { code: "service_period_overlaps", detail: "Another active-service period of the client runs on these days." })
          : problem(422, "Unprocessable", {
              code: "validation_failed",
              errors: [{ loc: ["body", "employer_id"], msg: "No such employer.", code: "employer_not_found" }],
            }),
    });
    await user.selectOptions(await screen.findByRole("combobox", { name: /Palvelu/ }), "Työhönvalmennus");
    await user.click(screen.getByRole("button", { name: "Aloita jakso" }));
    expect(await screen.findByText("Asiakkaalla on jo toinen aktiivipalvelun jakso näinä päivinä.")).toBeInTheDocument();
    expect(screen.queryByText(/Another active-service period/)).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole("combobox", { name: /Palvelu/ }), "Työhönvalmennus");
    await user.click(screen.getByRole("button", { name: "Aloita jakso" }));
    expect(await screen.findByRole("link", { name: "Työnantajaa ei löytynyt." })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: /Työnantaja/ })).toHaveAccessibleDescription(
      expect.stringContaining("Työnantajaa ei löytynyt."),
    );
    expect(screen.queryByText("No such employer.")).not.toBeInTheDocument();
  });
});

describe("ending an active-service period", () => {
  it("needs an end date on or after the start, and says an already ended period in Finnish", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<ServicePeriodEndForm clientId={CLIENT_ID} period={period()} />, {
      [`POST ${base}/service-periods/${period().id}/end`]: () =>
        problem(409, "Conflict", { code: "service_period_ended", detail: "The period has already ended." }),
    });
    const ends = await screen.findByLabelText(/Päättymispäivä/);
    await user.clear(ends);
    await user.click(screen.getByRole("button", { name: "Päätä jakso" }));
    expect(await screen.findByLabelText(/Päättymispäivä/)).toHaveAccessibleDescription(
      "Päivä, jona jakso päättyi tai päättyy. Anna päättymispäivä muodossa p.k.vvvv.",
    );
    // The refused form moved the focus to its summary; the field is typed into afresh.
    await user.clear(screen.getByLabelText(/Päättymispäivä/));
    await user.type(screen.getByLabelText(/Päättymispäivä/), "2026-10-30");
    await user.click(screen.getByRole("button", { name: "Päätä jakso" }));
    // Typing a date keystroke by keystroke re-renders the form each time: on a busy machine the
    // check's answer takes longer than findBy's one second.
    const slow = { timeout: 5_000 };
    expect(await screen.findByRole("link", { name: "Päättymispäivä ei voi olla ennen jakson alkamispäivää 2.11.2026." }, slow)).toBeInTheDocument();
    expect(posted(calls)).toHaveLength(0);

    await user.clear(screen.getByLabelText(/Päättymispäivä/));
    await user.type(screen.getByLabelText(/Päättymispäivä/), "2026-12-15");
    await user.click(screen.getByRole("button", { name: "Päätä jakso" }));
    expect(await screen.findByText("Jakso on jo päättynyt.", {}, slow)).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${base}/service-periods/${period().id}/end`)).toEqual([{ ends_on: "2026-12-15" }]);
  }, 20_000);
});

describe("the client page's active-service section", () => {
  const page = (
    <Routes>
      <Route path="/asiakkaat/:clientId/*" element={<ClientPage />} />
    </Routes>
  );
  const routes = (capabilities: string[], periods: ServicePeriod[] = []) => ({
    ...register,
    [`GET ${base}/overview`]: () => json(overview({ capabilities: capabilities as never })),
    [`GET ${base}/service-periods`]: () => json(periods),
  });

  it("lists the periods in Finnish with the employer by name, and offers the forms to the responsible coordinator", async () => {
    renderSignedIn(
      page,
      routes(
        ["profile", "enrolments", "pathway", "consents", "notes", "write"],
        [
          period(),
          period({
            id: "00000000-0000-0000-0000-0000000000p2",
            kind: "wage_subsidy",
            starts_on: "2025-01-07",
            planned_end_on: null,
            ends_on: "2025-06-30",
            subsidy_percent: 50,
            decision_ref: "PT-2025-118",
            ended_by: "wac1",
          }),
        ],
      ),
      { path: `/asiakkaat/${CLIENT_ID}/aktiivipalvelut` },
    );
    const trial = await screen.findByRole("article", { name: "Työkokeilu: Lahden Kiinteistöhuolto Oy" });
    expect(within(trial).getByText("Käynnissä")).toBeInTheDocument();
    expect(within(trial).getByText("2.11.2026– (suunniteltu päättyvän 1.2.2027)")).toBeInTheDocument();
    expect(within(trial).getByText("Korjaa jakson tietoja")).toBeInTheDocument();
    expect(within(trial).getByText("Päätä jakso", { selector: "summary" })).toBeInTheDocument();
    expect(within(trial).queryByText("Palkkatuki, %")).not.toBeInTheDocument();
    const subsidised = screen.getByRole("article", { name: "Palkkatuettu työ: Lahden Kiinteistöhuolto Oy" });
    expect(within(subsidised).getByText("Päättynyt")).toBeInTheDocument();
    expect(within(subsidised).getByText("50 %")).toBeInTheDocument();
    expect(within(subsidised).getByText("PT-2025-118")).toBeInTheDocument();
    // An ended period is not changed here.
    expect(within(subsidised).queryByText("Päätä jakso")).not.toBeInTheDocument();
    expect(screen.getByText("Aloita aktiivipalvelun jakso")).toBeInTheDocument();
  });

  it("shows a reader who may not change the client no forms, and a reader without the pathway no tab and no periods", async () => {
    const lead = routes(["profile", "enrolments", "pathway", "consents", "notes"], [period()]);
    const { calls } = renderSignedIn(page, lead, { path: `/asiakkaat/${CLIENT_ID}/aktiivipalvelut`, username: "wac2" });
    await screen.findByRole("article", { name: "Työkokeilu: Lahden Kiinteistöhuolto Oy" });
    expect(screen.queryByText("Päätä jakso")).not.toBeInTheDocument();
    expect(screen.queryByText("Aloita aktiivipalvelun jakso")).not.toBeInTheDocument();
    expect(within(screen.getByRole("navigation", { name: "Asiakkaan tiedot" })).getByRole("link", { name: "Aktiivipalvelut" })).toBeInTheDocument();
    expect(calls.some((call) => new URL(call.url).pathname === `${base}/service-periods`)).toBe(true);
  });

  it("hides the tab from a coach, who may not read the pathway, and reads no periods for them", async () => {
    const { calls } = renderSignedIn(page, routes(["profile", "contact"]), {
      path: `/asiakkaat/${CLIENT_ID}/aktiivipalvelut`,
      username: "coach",
      roles: ["coach"],
    });
    expect(await screen.findByText("Roolisi ei näytä tätä osaa.")).toBeInTheDocument();
    expect(within(screen.getByRole("navigation", { name: "Asiakkaan tiedot" })).queryByRole("link", { name: "Aktiivipalvelut" })).not.toBeInTheDocument();
    expect(calls.some((call) => new URL(call.url).pathname === `${base}/service-periods`)).toBe(false);
  });
});

describe("the employer page's active-service periods", () => {
  it("names a client only where the service does, linking to them; otherwise says 'asiakas' without a link", async () => {
    renderSignedIn(<EmployerServicePeriods employerId={EMPLOYER_ID} />, {
      "GET /api/v1/clients/service-periods": (request) =>
        new URL(request.url).searchParams.get("employer_id") === EMPLOYER_ID
          ? json([
              { id: "p1", kind: "work_trial", starts_on: "2026-11-02", planned_end_on: "2027-02-01", ends_on: null, hours_per_week: 25, client_id: CLIENT_ID, client_name: "Aino Asiakas" },
              { id: "p2", kind: "apprenticeship", starts_on: "2025-08-01", planned_end_on: null, ends_on: "2026-05-31", hours_per_week: null, client_id: null, client_name: null },
            ])
          : json([]),
    }, { username: "bc1", roles: ["business_coordinator"] });
    const table = await screen.findByRole("table", { name: "Aktiivipalvelun jaksot tällä työnantajalla" });
    const [, named, hidden] = within(table).getAllByRole("row");
    expect(within(named!).getByRole("link", { name: "Aino Asiakas" })).toHaveAttribute("href", `/asiakkaat/${CLIENT_ID}`);
    expect(within(named!).getByText("Työkokeilu")).toBeInTheDocument();
    expect(within(named!).getByText("Käynnissä")).toBeInTheDocument();
    expect(within(hidden!).getByText("asiakas")).toBeInTheDocument();
    expect(within(hidden!).queryByRole("link")).not.toBeInTheDocument();
    expect(within(hidden!).getByText("Oppisopimus")).toBeInTheDocument();
    expect(within(hidden!).getByText("1.8.2025–31.5.2026")).toBeInTheDocument();
    expect(within(hidden!).getByText("Päättynyt")).toBeInTheDocument();
  });

  it("says when the employer has no periods", async () => {
    renderSignedIn(<EmployerServicePeriods employerId={EMPLOYER_ID} />, { "GET /api/v1/clients/service-periods": () => json([]) });
    expect(await screen.findByText("Tällä työnantajalla ei ole aktiivipalvelun jaksoja.")).toBeInTheDocument();
  });
});
