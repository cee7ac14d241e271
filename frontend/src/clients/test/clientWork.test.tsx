import { act, screen, within } from "@testing-library/react";
import { useState } from "react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { json, problem } from "../../common/testing";
import { ClientEditForm, clientChanges } from "../ClientEditForm";
import { ClientPage } from "../ClientPage";
import { FeedbackForm, StatusEpisodeForm } from "../forms";
import { PlanEditor, planBody, rowsOf } from "../PlanEditor";
import { ReassignPage } from "../ReassignPage";
import { PlanSection } from "../sections/PlanSection";
import type { Overview } from "../api";
import { ReferInPage } from "../ReferInPage";
import { TodayPage } from "../TodayPage";
import { HandoffForm } from "../../referrals/HandoffForm";
import { bodiesOf, CLIENT_ID, enrolment, ENROLMENT_ID, overview, renderSignedIn } from "./fixtures";

const base = `/api/v1/clients/${CLIENT_ID}`;

describe("the plan editor", () => {
  it("writes goals and action rows with an owner picked by name and one ticked done", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<PlanEditor view={overview()} />, {
      [`PUT ${base}/plan`]: async (request) => {
        // The service answers with the plan as stored, each action with its id.
        const body = (await request.json()) as { goals: string[]; actions: object[] };
        return json({ ...body, id: "p1", actions: body.actions.map((action, index) => ({ id: `a${index}`, ...action })) });
      },
    });
    await user.type(await screen.findByRole("textbox", { name: "Tavoite 1" }), "Työpaikka keväällä");
    await user.click(screen.getByRole("button", { name: "Lisää toimenpide" }));
    await user.click(screen.getByRole("button", { name: "Lisää toimenpide" }));
    await user.click(screen.getByRole("button", { name: "Tallenna suunnitelma" }));
    // Each row says which one it is about.
    expect(await screen.findByRole("link", { name: "Toimenpide 1: kerro, mitä tehdään." })).toBeInTheDocument();

    const first = screen.getByRole("group", { name: "Toimenpide 1" });
    await user.type(within(first).getByRole("textbox", { name: "Mitä tehdään" }), "Päivitä CV");
    await user.selectOptions(within(first).getByRole("combobox", { name: "Vastuu" }), "Asiakas");
    await user.click(within(first).getByRole("checkbox", { name: "Tehty" }));
    const second = screen.getByRole("group", { name: "Toimenpide 2" });
    await user.type(within(second).getByRole("textbox", { name: "Mitä tehdään" }), "Työkokeilu");
    await within(second).findByRole("option", { name: "Venla Työkykykoordinaattori" });
    await user.click(screen.getByRole("button", { name: "Tallenna suunnitelma" }));
    expect(await screen.findByText("Asiakassuunnitelma tallennettu.")).toBeInTheDocument();
    const [body] = (await bodiesOf(calls, "PUT", `${base}/plan`)) as { goals: string[]; actions: Record<string, unknown>[] }[];
    expect(body?.goals).toEqual(["Työpaikka keväällä"]);
    expect(body?.actions).toEqual([
      { what: "Päivitä CV", owner: "client", due_on: null, done_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      { what: "Työkokeilu", owner: "wac1", due_on: null, done_on: null },
    ]);
  });

  it("confirms the save although the editor starts afresh from the stored plan", async () => {
    const user = userEvent.setup();
    const stored = {
      id: "p1",
      client_id: CLIENT_ID,
      enrolment_id: null,
      goals: ["Työpaikka keväällä"],
      actions: [],
      reviewed_on: null,
      updated_by: "wac1",
      updated_at: "2026-11-01T10:00:00Z",
    };
    let showStored: (view: Overview) => void = () => {};
    function WithStoredPlan() {
      const [view, setView] = useState(overview());
      showStored = setView;
      return <PlanSection view={view} />;
    }
    renderSignedIn(<WithStoredPlan />, { [`PUT ${base}/plan`]: () => json(stored) });
    await user.click(await screen.findByText("Laadi suunnitelma"));
    await user.type(screen.getByRole("textbox", { name: "Tavoite 1" }), "Työpaikka keväällä");
    await user.click(screen.getByRole("button", { name: "Tallenna suunnitelma" }));
    expect(await screen.findByText("Asiakassuunnitelma tallennettu.")).toBeInTheDocument();
    // The client page reads the overview again after a save: the plan's new version remounts the editor.
    act(() => showStored(overview({ plan: stored })));
    expect(screen.getByText("Muokkaa suunnitelmaa")).toBeInTheDocument();
    expect(screen.getByText("Asiakassuunnitelma tallennettu.")).toBeInTheDocument();
  });

  it("keeps each action's id and the day it was done when the plan is written again", () => {
    const plan = {
      id: "p1",
      client_id: CLIENT_ID,
      enrolment_id: null,
      goals: ["A"],
      actions: [{ id: "a1", what: "CV", owner: "client", due_on: null, done_on: "2026-11-01" }],
      reviewed_on: null,
      updated_by: "wac1",
      updated_at: "2026-11-01T10:00:00Z",
    };
    const rows = rowsOf(plan);
    expect(planBody(["A", " "], rows, true, plan, "2026-11-23")).toEqual({
      goals: ["A"],
      actions: [{ id: "a1", what: "CV", owner: "client", due_on: null, done_on: "2026-11-01" }],
      reviewed_on: "2026-11-23",
    });
  });
});

describe("editing a client", () => {
  it("sends only what changed, the identity code given later and the interpreter among it", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<ClientEditForm view={overview()} />, { [`PATCH ${base}`]: () => json({}) });
    await user.type(await screen.findByRole("textbox", { name: /Henkilötunnus/ }), "010190-123A");
    await user.click(screen.getByRole("checkbox", { name: "Asiakas tarvitsee tulkin" }));
    await user.click(screen.getByRole("checkbox", { name: "vieraskielinen" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Koulutustaso" }), "isced_3_4");
    await user.click(screen.getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByText("Asiakkaan tiedot tallennettu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "PATCH", base)).toEqual([
      { personal_identity_code: "010190-123A", interpreter_needed: true, target_groups: ["foreign_language"], education_level: "isced_3_4" },
    ]);
  });

  it("sets non-disclosure only with a reason, which goes to the access log with the change alone", async () => {
    const user = userEvent.setup();
    const view = overview();
    const { calls } = renderSignedIn(<ClientEditForm view={{ ...view, capabilities: [...view.capabilities, "non_disclosure"] }} />, {
      [`PATCH ${base}`]: () => json({}),
    });
    await user.click(await screen.findByRole("checkbox", { name: "Asiakkaalla on turvakielto" }));
    await user.click(screen.getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByRole("link", { name: "Kirjaa syy, kun asetat tai poistat turvakiellon." })).toBeInTheDocument();
    expect(calls.filter((call) => call.method === "PATCH")).toHaveLength(0);

    const reason = screen.getByRole("textbox", { name: "Turvakiellon muutoksen syy" });
    await user.type(reason, "Asiakkaan pyyntö 🙂");
    await user.click(screen.getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByRole("link", { name: /ei esimerkiksi emojeja/ })).toBeInTheDocument();

    await user.clear(reason);
    await user.type(reason, "Maistraatin päätös");
    await user.click(screen.getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByText("Asiakkaan tiedot tallennettu.")).toBeInTheDocument();
    const patches = calls.filter((call) => call.method === "PATCH");
    expect(patches).toHaveLength(1);
    // Headers carry Latin-1: ä arrives as one byte, which the service reads back as ä.
    expect(patches[0]?.headers.get("X-Access-Reason")).toBe("Maistraatin päätös");
    expect(await bodiesOf(calls, "PATCH", base)).toEqual([{ non_disclosure: true }]);
  });

  it("sends no reason with other changes", async () => {
    const user = userEvent.setup();
    const view = overview();
    const { calls } = renderSignedIn(<ClientEditForm view={{ ...view, capabilities: [...view.capabilities, "non_disclosure"] }} />, {
      [`PATCH ${base}`]: () => json({}),
    });
    await user.type(await screen.findByRole("textbox", { name: "Turvakiellon muutoksen syy" }), "Turha syy");
    await user.click(screen.getByRole("checkbox", { name: "Asiakas tarvitsee tulkin" }));
    await user.click(screen.getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByText("Asiakkaan tiedot tallennettu.")).toBeInTheDocument();
    const patch = calls.find((call) => call.method === "PATCH");
    expect(patch?.headers.get("X-Access-Reason")).toBeNull();
    expect(await bodiesOf(calls, "PATCH", base)).toEqual([{ interpreter_needed: true }]);
  });

  it("tells a birth year in the future that it is in the future, and a taken identity code by its field", async () => {
    const user = userEvent.setup();
    renderSignedIn(<ClientEditForm view={overview()} />, {
      [`PATCH ${base}`]: () =>
        problem(409, "Conflict", {
          code: "duplicate_identity_code",
          errors: [{ loc: ["body", "personal_identity_code"], msg: "taken", code: "duplicate_identity_code" }],
        }),
    });
    const year = await screen.findByRole("textbox", { name: /Syntymävuosi/ });
    await user.clear(year);
    await user.type(year, "3000");
    await user.click(screen.getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByRole("textbox", { name: /Syntymävuosi/ })).toHaveAccessibleDescription("Syntymävuosi ei voi olla tulevaisuudessa.");

    await user.clear(screen.getByRole("textbox", { name: /Syntymävuosi/ }));
    await user.type(screen.getByRole("textbox", { name: /Henkilötunnus/ }), "010190-123A");
    await user.click(screen.getByRole("button", { name: "Tallenna muutokset" }));
    const code = await screen.findByRole("textbox", { name: /Henkilötunnus/ });
    await screen.findByText(/Henkilötunnus on jo toisella asiakkaalla|jo/, { selector: ".field-error" });
    expect(code).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText("taken")).not.toBeInTheDocument();
  });

  it("leaves out what the form does not show", () => {
    const data = new FormData();
    data.set("first_name", "Aino");
    data.set("last_name", "Asiakas");
    data.set("non_disclosure", "yes");
    const changes = clientChanges(data, overview().client, { identityCode: false, nonDisclosure: false });
    expect(changes).not.toHaveProperty("non_disclosure");
    expect(changes).not.toHaveProperty("personal_identity_code");
  });
});

describe("status episodes and feedback", () => {
  it("an episode needs its status and an end not before its start", async () => {
    const user = userEvent.setup();
    renderSignedIn(<StatusEpisodeForm clientId={CLIENT_ID} />);
    await user.type(await screen.findByLabelText(/^Päättyen/), "2000-01-01");
    await user.click(screen.getByRole("button", { name: "Tallenna jakso" }));
    expect(await screen.findByRole("link", { name: "Valitse asema." })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Päättymispäivän pitää olla alkamispäivänä tai sen jälkeen." })).toBeInTheDocument();
  });

  it("feedback is a grade 4–10, sent with its date", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<FeedbackForm clientId={CLIENT_ID} enrolmentId={ENROLMENT_ID} />, {
      [`POST ${base}/feedback`]: () => json({}, { status: 201 }),
    });
    await user.click(await screen.findByRole("button", { name: "Tallenna palaute" }));
    expect(screen.getByRole("group", { name: /Arvosana/ })).toHaveAccessibleDescription("Kouluarvosana 4–10. Valitse arvosana 4–10.");
    await user.click(screen.getByRole("radio", { name: "9" }));
    await user.click(screen.getByRole("button", { name: "Tallenna palaute" }));
    expect(await screen.findByText("Asiakaspalaute tallennettu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${base}/feedback`)).toEqual([expect.objectContaining({ grade: 9, enrolment_id: ENROLMENT_ID })]);
  });
});

describe("the warm hand-off", () => {
  it("asks the missing consent, records it when the client gives it, and books the tripartite meeting with both", async () => {
    const user = userEvent.setup();
    let sends = 0;
    const { calls } = renderSignedIn(<HandoffForm view={overview()} enrolment={enrolment()} />, {
      "POST /api/v1/referrals": () =>
        ++sends === 1
          ? problem(422, "Unprocessable", { code: "missing_consents", params: { purposes: ["share_work_ability_summary"] } })
          : json({ id: "r1" }, { status: 201 }),
      [`POST ${base}/consents`]: () => json({}, { status: 201 }),
      [`POST ${base}/enrolments/${ENROLMENT_ID}/meetings`]: () => json({}, { status: 201 }),
    });
    await screen.findByRole("option", { name: /Bertta/ });
    await user.selectOptions(screen.getByRole("combobox", { name: /Vastaanottaja/ }), "bc1");
    await user.click(screen.getByRole("checkbox", { name: /kolmikantatapaaminen/ }));
    await user.click(screen.getByRole("button", { name: "Lähetä" }));
    expect(await screen.findByText("Asiakkaalta puuttuu suostumus: Työkykyyhteenvedon luovutus yrityskoordinaattorille.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Asiakas antoi suostumuksen/ }));
    const dialog = await screen.findByRole("alertdialog", { name: "Kirjataanko suostumus?" });
    await user.click(within(dialog).getByRole("button", { name: /Asiakas antoi suostumuksen/ }));
    expect(await screen.findByText("Suostumus kirjattu. Lähetä nyt uudelleen.")).toBeInTheDocument();
    // The consent button went with the question: focus is on sending again, not lost.
    expect(screen.getByRole("button", { name: "Lähetä" })).toHaveFocus();
    expect(await bodiesOf(calls, "POST", `${base}/consents`)).toEqual([{ purpose: "share_work_ability_summary" }]);

    await user.click(screen.getByRole("button", { name: "Lähetä" }));
    expect(await screen.findByText("Lähetetty ja kolmikantatapaaminen varattu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", "/api/v1/referrals")).toContainEqual(
      expect.objectContaining({ kind: "transfer", to_user: "bc1", enrolment_id: ENROLMENT_ID }),
    );
    expect(await bodiesOf(calls, "POST", `${base}/enrolments/${ENROLMENT_ID}/meetings`)).toEqual([
      expect.objectContaining({ kind: "tripartite", referral_id: "r1", participants: ["wac1", "bc1"] }),
    ]);
  });
});

describe("the coach's referral in", () => {
  it("looks the code up, adds the client when not found, records the consents and refers to a coordinator by name", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(
      <ReferInPage />,
      {
        "POST /api/v1/clients/lookup": () => problem(404, "Not Found", { code: "client_not_found" }),
        "POST /api/v1/clients": () => json({ id: CLIENT_ID, first_name: "Aino", last_name: "Asiakas" }, { status: 201 }),
        [`POST ${base}/enrolments`]: () => json(enrolment(), { status: 201 }),
      },
      { username: "coach", roles: ["coach"] },
    );
    await user.type(await screen.findByRole("textbox", { name: /Henkilötunnus/ }), "010190-123a{Enter}");
    expect(await screen.findByRole("heading", { name: "Lisää uusi asiakas" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /Henkilötunnus/ })).toHaveValue("010190-123A");
    await user.type(screen.getByRole("textbox", { name: /Etunimi/ }), "Aino");
    await user.type(screen.getByRole("textbox", { name: /Sukunimi/ }), "Asiakas");
    await user.click(screen.getByRole("button", { name: "Tallenna ja jatka" }));

    expect(await screen.findByRole("heading", { name: "Ohjaa Aino Asiakas" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Ohjaa asiakas" }));
    expect(screen.getByRole("group", { name: /suostumukset/i })).toHaveAccessibleDescription(
      "Palvelusuostumus tarvitaan ohjaamiseen. Kirjaa vain ne, jotka asiakas on antanut. Palvelusuostumus tarvitaan ohjaamiseen.",
    );
    await user.click(screen.getByRole("checkbox", { name: "Palvelusuostumus (KUNTO)" }));
    await screen.findByRole("option", { name: /Venla/ });
    await user.selectOptions(screen.getByRole("combobox", { name: /Koordinaattori/ }), "wac1");
    await user.click(screen.getByRole("button", { name: "Ohjaa asiakas" }));
    expect(await screen.findByRole("heading", { name: "Asiakas ohjattu" })).toBeInTheDocument();
    expect(screen.getByText(/Venla Työkykykoordinaattori on asiakkaan koordinaattori/)).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", "/api/v1/clients/lookup")).toEqual([{ personal_identity_code: "010190-123A" }]);
    // The consents travel with the referral itself, in one request.
    expect(await bodiesOf(calls, "POST", `${base}/enrolments`)).toEqual([
      expect.objectContaining({ coordinator: "wac1", service_line: "work_ability", referred_by: "coach", consents: ["service"] }),
    ]);
    expect(calls.some((call) => call.url.endsWith("/consents"))).toBe(false);
  });

  it("refers a client found by identity code with the consents they gave", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(
      <ReferInPage />,
      {
        "POST /api/v1/clients/lookup": () => json({ client_id: CLIENT_ID, may_refer: true }),
        [`POST ${base}/enrolments`]: () => json(enrolment(), { status: 201 }),
      },
      { username: "coach", roles: ["coach"] },
    );
    await user.type(await screen.findByRole("textbox", { name: /Henkilötunnus/ }), "010190-123A{Enter}");
    await user.click(await screen.findByRole("checkbox", { name: "Palvelusuostumus (KUNTO)" }));
    await user.click(screen.getByRole("checkbox", { name: "ESR-tietojen keruu" }));
    await screen.findByRole("option", { name: /Venla/ });
    await user.selectOptions(screen.getByRole("combobox", { name: /Koordinaattori/ }), "wac1");
    await user.click(screen.getByRole("button", { name: "Ohjaa asiakas" }));
    expect(await screen.findByRole("heading", { name: "Asiakas ohjattu" })).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${base}/enrolments`)).toEqual([
      expect.objectContaining({ coordinator: "wac1", referred_by: "coach", consents: ["service", "esf_data"] }),
    ]);
  });

  it("says a client with an open enrolment cannot be referred again", async () => {
    const user = userEvent.setup();
    renderSignedIn(<ReferInPage />, { "POST /api/v1/clients/lookup": () => json({ client_id: CLIENT_ID, may_refer: false }) }, {
      username: "coach",
      roles: ["coach"],
    });
    await user.type(await screen.findByRole("textbox", { name: /Henkilötunnus/ }), "010190-123A{Enter}");
    expect(await screen.findByText(/Asiakkaalla on jo avoin asiakkuus/)).toBeInTheDocument();
  });
});

describe("reassignment by a team lead", () => {
  it("moves the chosen clients of one coordinator to another, after a confirmation", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(
      <ReassignPage />,
      {
        "GET /api/v1/clients": () =>
          json({
            items: [
              { ...overview().client, id: "c2", first_name: "Eino", last_name: "Esimerkki", enrolment_id: "e2", state: "active", service_line: "work_ability", coordinators: [] },
            ],
            next_cursor: null,
            total: 1,
          }),
        "POST /api/v1/clients/reassignments": () => json({ moved: ["e2"] }),
      },
      { username: "lead", roles: ["team_lead"] },
    );
    await screen.findAllByRole("option", { name: /Ville/ });
    await user.selectOptions(screen.getByRole("combobox", { name: /Keneltä/ }), "wac2");
    await user.click(await screen.findByRole("checkbox", { name: /Esimerkki Eino/ }));
    await user.selectOptions(screen.getByRole("combobox", { name: /Kenelle/ }), "wac1");
    await user.click(screen.getByRole("button", { name: "Siirrä asiakkaat" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Siirretäänkö asiakkaat?" });
    expect(dialog).toHaveTextContent("1 asiakkuus siirtyy: Ville Työkykykoordinaattori → Venla Työkykykoordinaattori.");
    await user.click(within(dialog).getByRole("button", { name: "Siirrä asiakkaat" }));
    expect(await screen.findByText("1 asiakkuus siirretty: vastuussa nyt Venla Työkykykoordinaattori.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", "/api/v1/clients/reassignments")).toEqual([{ from_user: "wac2", to_user: "wac1", enrolment_ids: ["e2"] }]);
  });
});

describe("the client page", () => {
  it("is one read, and asks a team lead the reason of access and sends it with the read", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(
      <Routes>
        <Route path="/asiakkaat/:clientId/*" element={<ClientPage />} />
      </Routes>,
      { [`GET ${base}/overview`]: () => json(overview({ capabilities: ["profile", "enrolments", "pathway", "consents", "access_log"] })) },
      { username: "lead", roles: ["team_lead"], path: `/asiakkaat/${CLIENT_ID}` },
    );
    const dialog = await screen.findByRole("dialog", { name: "Miksi avaat asiakkaan tiedot?" });
    expect(calls.some((call) => call.url.includes("/overview"))).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Avaa asiakkaan tiedot" }));
    expect(await within(dialog).findByRole("link", { name: "Valitse käsittelyn syy." })).toBeInTheDocument();
    await user.click(within(dialog).getByRole("radio", { name: "Laadunvarmistus tai ohjaus" }));
    await user.click(within(dialog).getByRole("button", { name: "Avaa asiakkaan tiedot" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Aino Asiakas" })).toBeInTheDocument();
    const reads = calls.filter((call) => call.url.includes(CLIENT_ID) && call.method === "GET");
    expect(reads.map((call) => new URL(call.url).pathname)).toEqual([`${base}/overview`]);
    expect(reads[0]?.headers.get("X-Access-Reason")).toBe("Laadunvarmistus tai ohjaus");
    // Sections are sub-pages, not one long scroll; no write forms for a reader.
    const sections = screen.getByRole("navigation", { name: "Asiakkaan tiedot" });
    expect(within(sections).getAllByRole("link").map((link) => link.textContent)).toEqual([
      "Yleiskuva",
      "Palvelupolku",
      "Suunnitelma",
      "Kirjaukset",
      "Arviot ja palaute",
      "Aktiivipalvelut",
      "Työkyky",
      "Historia",
    ]);
    expect(screen.queryByText("Muokkaa asiakkaan tietoja")).not.toBeInTheDocument();
  });
});

describe("the pathway section", () => {
  it("says since when a handed-over enrolment is on its line, not as if it had started there", async () => {
    const handedOver = enrolment({
      service_line: "business",
      coordinators: [{ username: "bc1", role: "business_coordinator", reason: "responsible" }],
      responsibilities: [
        { username: "wac1", role: "work_ability_coordinator", service_line: "work_ability", reason: "responsible", from: "2026-11-02", to: "2026-11-20" },
        { username: "bc1", role: "business_coordinator", service_line: "business", reason: "transfer", from: "2026-11-20", to: null },
      ],
    });
    renderSignedIn(
      <Routes>
        <Route path="/asiakkaat/:clientId/*" element={<ClientPage />} />
      </Routes>,
      { [`GET ${base}/overview`]: () => json(overview({ enrolments: [handedOver] })) },
      { username: "bc1", roles: ["business_coordinator"], path: `/asiakkaat/${CLIENT_ID}/polku` },
    );
    expect(
      await screen.findByRole("heading", { level: 3, name: "Yrityskoordinointi 20.11.2026 alkaen (asiakkuus alkanut 2.11.2026)" }),
    ).toBeInTheDocument();
  });
});

describe("My day", () => {
  it("groups the work by kind with counts, names each client and says how to clear it", async () => {
    const item = { client_id: CLIENT_ID, client_name: "Aino Asiakas", first_name: "Aino", last_name: "Asiakas", enrolment_id: ENROLMENT_ID };
    renderSignedIn(<TodayPage />, {
      "GET /api/v1/clients/worklist": () =>
        json({
          today: "2026-11-23",
          counts: { contacts_due: 2 },
          new_clients: [],
          contacts_due: [
            { ...item, kind: "contacts_due", due: "2026-11-20", working_days_overdue: 1, fix: "record_contact" },
            { ...item, client_name: "Eino Esimerkki", kind: "contacts_due", due: "2026-11-25", fix: "record_contact" },
          ],
          meetings_today: [],
          no_meeting_in_14_days: [],
          plans_not_reviewed: [],
          registrations_to_triage: [],
          exit_form_missing: [{ ...item, kind: "exit_form_missing", fix: "fill_exit_form" }],
          outcome_suggestions: [],
          handoffs_overdue: [],
        }),
      "GET /api/v1/referrals": () => json({ items: [], next_cursor: null }),
    });
    const contacts = await screen.findByRole("region", { name: /Ota yhteyttä/ });
    expect(within(contacts).getByRole("heading", { level: 2 })).toHaveTextContent("Ota yhteyttä 2 kpl");
    expect(within(contacts).getAllByRole("link").map((link) => link.textContent)).toEqual(["Aino Asiakas", "Eino Esimerkki"]);
    expect(within(contacts).getAllByText("Kirjaa yhteydenotto asiakkaan palvelupolulle.")).toHaveLength(2);
    const exit = screen.getByRole("region", { name: /Lopetuslomake puuttuu/ });
    expect(within(exit).getByRole("link", { name: "Aino Asiakas" })).toHaveAttribute("href", `/asiakkaat/${CLIENT_ID}/polku#enrolment-${ENROLMENT_ID}`);
    expect(within(exit).getByText("Täydennä ESR-lopetuslomake asiakkuuden tietoihin.")).toBeInTheDocument();
  });
});
