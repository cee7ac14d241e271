import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, problem } from "../../common/testing";
import type { FunctionalInstrument, RoadmapStage, WorkAbilitySummary, WorkSupports } from "../api";
import { WorkAbilitySection } from "../sections/WorkAbilitySection";
import { FunctionalForm } from "../workability/FunctionalPanel";
import { formatScore } from "../workability/messages";
import { StageForm } from "../workability/RoadmapPanel";
import { SummaryPanel } from "../workability/SummaryPanel";
import { SupportsForm, SupportsPanel } from "../workability/SupportsPanel";
import { bodiesOf, CLIENT_ID, overview, renderSignedIn } from "./fixtures";

const base = `/api/v1/clients/${CLIENT_ID}`;

const STAGE: RoadmapStage = {
  key: "health_check",
  name_fi: "Työttömien terveystarkastus",
  name_en: "Health check for the unemployed",
  status: "in_progress",
  started_on: "2026-11-20",
  completed_on: null,
  responsible: "wac1",
  partner_id: null,
  received: null,
};

const INSTRUMENT: FunctionalInstrument = {
  code: "work_observation",
  version: 1,
  name_fi: "Toimintakyvyn havainnointi työssä",
  name_en: "Observing functioning at work",
  items: [
    { key: "punctuality", label_fi: "Täsmällisyys", label_en: "Punctuality" },
    { key: "endurance", label_fi: "Jaksaminen", label_en: "Endurance" },
  ],
  scale_min: 1,
  scale_max: 5,
};

const SUMMARY: WorkAbilitySummary = {
  client_id: CLIENT_ID,
  revision: 1,
  hours_per_week: 20,
  avoid: ["heavy_lifting", "night_shifts"],
  breaks: "regular_short_breaks",
  supervision: "named_contact_person",
  aids: ["written_instructions"],
  travel: ["public_transport"],
  approved_by: "wac1",
  approved_at: "2026-12-01T10:00:00Z",
  self_assessment_overall: 6,
  shareable_with_employer: false,
};

function revision(overrides: Partial<WorkSupports> = {}): WorkSupports {
  return {
    id: "r1",
    client_id: CLIENT_ID,
    revision: 1,
    hours_per_week: 20,
    avoid: ["heavy_lifting"],
    breaks: null,
    supervision: null,
    aids: [],
    travel: [],
    recorded_by: "wac1",
    created_at: "2026-12-01T09:00:00Z",
    approved_by: null,
    approved_at: null,
    ...overrides,
  };
}

describe("a roadmap stage's form", () => {
  it("refuses a completion before the start at its field and sends nothing", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<StageForm clientId={CLIENT_ID} stage={STAGE} name={STAGE.name_fi} />);
    await user.click(await screen.findByRole("radio", { name: "Valmis" }));
    const completed = screen.getByLabelText(/^Valmistunut/);
    await user.type(completed, "2026-11-10");
    await user.click(screen.getByRole("button", { name: "Tallenna vaihe" }));
    expect(await screen.findByRole("link", { name: "Valmistumispäivä ei voi olla ennen aloituspäivää." })).toBeInTheDocument();
    expect(completed).toHaveAccessibleDescription(expect.stringContaining("Valmistumispäivä ei voi olla ennen aloituspäivää."));
    expect(await bodiesOf(calls, "PUT", `${base}/roadmap`)).toHaveLength(0);
  });

  it("sends the one stage with the responsible person's username and keeps the service's refusal at its field in Finnish", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<StageForm clientId={CLIENT_ID} stage={STAGE} name={STAGE.name_fi} />, {
      [`PUT ${base}/roadmap`]: () =>
        problem(422, "Unprocessable", {
          code: "ends_before_start",
          errors: [{ loc: ["body", "stages", 0, "completed_on"], msg: "The stage ends before it starts.", code: "ends_before_start" }],
        }),
    });
    // The responsible person is picked by name.
    await screen.findByRole("option", { name: /Venla Työkykykoordinaattori/ });
    expect(screen.getByRole("combobox", { name: /^Vastuuhenkilö/ })).toHaveValue("wac1");
    await user.click(screen.getByRole("radio", { name: "Valmis" }));
    await user.type(screen.getByRole("textbox", { name: /^Mitä saatiin/ }), "Lausunto");
    await user.click(screen.getByRole("button", { name: "Tallenna vaihe" }));
    expect(await screen.findByRole("link", { name: "Loppu ei voi olla ennen alkua." })).toBeInTheDocument();
    const [body] = (await bodiesOf(calls, "PUT", `${base}/roadmap`)) as { stages: Record<string, unknown>[] }[];
    expect(body?.stages).toEqual([
      {
        key: "health_check",
        status: "done",
        started_on: "2026-11-20",
        completed_on: null,
        responsible: "wac1",
        partner_id: null,
        received: "Lausunto",
      },
    ]);
  });
});

describe("a functional observation", () => {
  it("names each item without a score, and puts the service's out-of-scale refusal at the item", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<FunctionalForm clientId={CLIENT_ID} instruments={[INSTRUMENT]} />, {
      [`POST ${base}/functional-assessments`]: () =>
        problem(422, "Unprocessable", {
          code: "score_out_of_scale",
          errors: [{ loc: ["body", "item_scores", "endurance"], msg: "The score is outside the instrument's scale.", code: "score_out_of_scale" }],
        }),
    });
    await screen.findByRole("option", { name: /Venla Työkykykoordinaattori/ });
    await user.click(screen.getByRole("button", { name: "Tallenna havainto" }));
    expect(await screen.findByRole("link", { name: "Täsmällisyys: valitse pisteet." })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Jaksaminen: valitse pisteet." })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Valitse, missä havainto tehtiin." })).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${base}/functional-assessments`)).toHaveLength(0);

    await user.selectOptions(screen.getByRole("combobox", { name: /^Ympäristö/ }), "Työkokeilu");
    await user.click(within(screen.getByRole("group", { name: /^Täsmällisyys/ })).getByRole("radio", { name: "3" }));
    await user.click(within(screen.getByRole("group", { name: /^Jaksaminen/ })).getByRole("radio", { name: "5" }));
    await user.click(screen.getByRole("button", { name: "Tallenna havainto" }));
    expect(await screen.findByRole("group", { name: /^Jaksaminen/ })).toHaveAccessibleDescription("Pisteet ovat asteikon ulkopuolella.");
    const [body] = await bodiesOf(calls, "POST", `${base}/functional-assessments`);
    expect(body).toMatchObject({
      instrument_code: "work_observation",
      instrument_version: 1,
      setting: "work_trial",
      observer: "wac1",
      item_scores: { punctuality: 3, endurance: 5 },
    });
  });

  it("writes the mean and the change with a Finnish decimal comma", () => {
    expect(formatScore(2.6, "fi")).toBe("2,6");
    expect(formatScore(0.3, "fi", true)).toBe("+0,3");
    expect(formatScore(0.3, "en", true)).toBe("+0.3");
  });
});

describe("the means to support work", () => {
  it("refuses hours outside 1–40 and sends catalogue codes only", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<SupportsForm clientId={CLIENT_ID} current={null} />, {
      [`PUT ${base}/work-supports`]: () => json(revision({ revision: 1 })),
    });
    const hours = await screen.findByRole("textbox", { name: /^Työtunteja viikossa/ });
    await user.type(hours, "50");
    await user.click(screen.getByRole("button", { name: "Tallenna uusi versio" }));
    expect(hours).toHaveAccessibleDescription(expect.stringContaining("Anna tunnit kokonaislukuna 1–40."));
    expect(await bodiesOf(calls, "PUT", `${base}/work-supports`)).toHaveLength(0);

    await user.clear(hours);
    await user.type(hours, "20");
    const avoid = screen.getByRole("group", { name: "Vältettävät tehtävät ja kuormitus" });
    await user.click(within(avoid).getByRole("checkbox", { name: "Raskaat nostot" }));
    await user.click(within(screen.getByRole("group", { name: "Tauot" })).getByRole("radio", { name: "Säännölliset lyhyet tauot" }));
    await user.click(within(screen.getByRole("group", { name: "Työmatkat" })).getByRole("checkbox", { name: "Kela-taksi" }));
    await user.click(screen.getByRole("button", { name: "Tallenna uusi versio" }));
    expect(await screen.findByText("Tallennettu uutena versiona. Se odottaa hyväksyntää.")).toBeInTheDocument();
    const [body] = await bodiesOf(calls, "PUT", `${base}/work-supports`);
    expect(body).toEqual({
      hours_per_week: 20,
      avoid: ["heavy_lifting"],
      breaks: "regular_short_breaks",
      supervision: null,
      aids: [],
      travel: ["kela_taxi"],
    });
  });

  it("approves the newest revision, and shows a refusal by its code in Finnish", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<SupportsPanel clientId={CLIENT_ID} writable />, {
      [`GET ${base}/work-supports`]: () => json([revision({ revision: 2, id: "r2" }), revision({ approved_by: "wac1", approved_at: "2026-12-01T10:00:00Z" })]),
      [`POST ${base}/work-supports/approve`]: () =>
        problem(409, "Conflict", { code: "work_supports_not_newest", params: { newest: 3 } }),
    });
    const table = await screen.findByRole("table", { name: "Versiot" });
    // Who approved, by name; the newest waits.
    expect(await within(table).findByText(/^Hyväksynyt Venla Työkykykoordinaattori/)).toBeInTheDocument();
    expect(within(table).getByText("Odottaa hyväksyntää")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Hyväksy yhteenveto" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Hyväksy yhteenveto" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Uudempi versio on jo kirjattu. Lue se ennen hyväksymistä.");
    expect(await bodiesOf(calls, "POST", `${base}/work-supports/approve`)).toEqual([{ revision: 2 }]);
  });
});

describe("the work-ability summary", () => {
  it("shows labels, never codes, and the approver by name", async () => {
    renderSignedIn(<SummaryPanel clientId={CLIENT_ID} asOthersSee={false} />, { [`GET ${base}/work-ability-summary`]: () => json(SUMMARY) }, {
      username: "bc1",
      roles: ["business_coordinator"],
    });
    const region = await screen.findByRole("region", { name: "Työkykyyhteenveto" });
    await within(region).findByText("Raskaat nostot, Yövuorot");
    expect(within(region).getByText("Säännölliset lyhyet tauot")).toBeInTheDocument();
    expect(within(region).getByText("Nimetty yhteyshenkilö työpaikalla")).toBeInTheDocument();
    expect(within(region).getByText("20 h/vko")).toBeInTheDocument();
    expect(within(region).getByText("Ei saa jakaa työnantajalle: asiakkaalta ei ole siihen suostumusta.")).toBeInTheDocument();
    await within(region).findByText(/^Venla Työkykykoordinaattori, /);
    expect(region.textContent).not.toMatch(/heavy_lifting|regular_short_breaks|named_contact_person|wac1/);
  });

  it("says there is no approved summary when the service answers work_ability_summary_not_found", async () => {
    renderSignedIn(<SummaryPanel clientId={CLIENT_ID} asOthersSee={false} />, {
      [`GET ${base}/work-ability-summary`]: () => problem(404, "Not Found", { code: "work_ability_summary_not_found" }),
    });
    expect(await screen.findByText("Ei hyväksyttyä yhteenvetoa.")).toBeInTheDocument();
  });

  it("a business coordinator with the consent sees that an investigation is under way and the summary, nothing more", async () => {
    const view = overview({ capabilities: ["profile", "enrolments", "pathway", "work_ability_summary", "write"], relations: ["consultation"] });
    const { calls } = renderSignedIn(
      <WorkAbilitySection view={view} />,
      {
        [`GET ${base}/roadmap`]: () => json({ client_id: CLIENT_ID, under_way: true, stages: null }),
        [`GET ${base}/work-ability-summary`]: () => json(SUMMARY),
      },
      { username: "bc1", roles: ["business_coordinator"] },
    );
    expect(await screen.findByText("Työkyvyn selvitys on käynnissä.")).toBeInTheDocument();
    expect(await screen.findByText("Raskaat nostot, Yövuorot")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Toimintakyvyn mittaukset" })).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Keinot työnteon tukena" })).not.toBeInTheDocument();
    const asked = calls.map((call) => new URL(call.url).pathname);
    expect(asked).not.toContain(`${base}/work-supports`);
    expect(asked).not.toContain(`${base}/functional-assessments`);
  });
});

describe("the work-ability section", () => {
  it("for the work-ability coordinator: starting the roadmap is its first change", async () => {
    const user = userEvent.setup();
    let started = false;
    const { calls } = renderSignedIn(<WorkAbilitySection view={overview()} />, {
      [`GET ${base}/roadmap`]: () =>
        json(
          started
            ? {
                client_id: CLIENT_ID,
                under_way: true,
                template_version: 1,
                stages: [{ ...STAGE, key: "need_identified", name_fi: "Tarve tunnistettu", name_en: "Need identified", status: "not_started", started_on: null, responsible: null }, STAGE],
                next_stage: "need_identified",
              }
            : { client_id: CLIENT_ID, under_way: false, stages: null },
        ),
      [`PUT ${base}/roadmap`]: () => {
        started = true;
        return json({ client_id: CLIENT_ID, under_way: true, template_version: 1, stages: [], next_stage: null });
      },
      [`GET ${base}/functional-assessments`]: () => json([]),
      [`GET ${base}/work-supports`]: () => json([]),
      "GET /api/v1/clients/functional-instruments": () => json([INSTRUMENT]),
      [`GET ${base}/work-ability-summary`]: () => problem(404, "Not Found", { code: "work_ability_summary_not_found" }),
    });
    await user.click(await screen.findByRole("button", { name: "Aloita työkyvyn tiekartta" }));
    const stages = await screen.findByRole("list", { name: "Tiekartan vaiheet" });
    expect(within(stages).getAllByRole("listitem")[0]).toHaveAttribute("aria-current", "step");
    expect(screen.getByText("Seuraava vaihe:")).toBeInTheDocument();
    expect(await bodiesOf(calls, "PUT", `${base}/roadmap`)).toEqual([{ stages: [] }]);
    expect(screen.getByText("Ei vielä havaintoja.")).toBeInTheDocument();
    expect(screen.getByText("Ei hyväksyttyä yhteenvetoa.")).toBeInTheDocument();
  });

  it("for an administrator, whose reads need the reason the overview carried, asks nothing more", async () => {
    const view = overview({ capabilities: ["profile", "enrolments", "pathway", "notes", "access_log", "export"], relations: ["admin"] });
    const { calls } = renderSignedIn(<WorkAbilitySection view={view} />, {}, { username: "admin", roles: ["admin"] });
    expect(await screen.findByText("Roolisi ei näytä tätä osaa.")).toBeInTheDocument();
    expect(calls.map((call) => new URL(call.url).pathname)).not.toContain(`${base}/roadmap`);
  });
});
