import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { signedInAs } from "../admin/testSession";
import { DEMO_STAFF, errorSummaryTakesFocus, json, problem } from "../common/testing";
import { employer, EMPLOYER_ID, page, renderEmployers, STAMP } from "./testing";

const LEAD_ID = "00000000-0000-0000-0000-0000000000a1";
const OTHER_LEAD = "00000000-0000-0000-0000-0000000000a2";
const EVENT_ID = "00000000-0000-0000-0000-0000000000f1";
const CLIENT_A = "00000000-0000-0000-0000-0000000000c1";
const CLIENT_B = "00000000-0000-0000-0000-0000000000c2";

function lead(overrides: Record<string, unknown> = {}) {
  return {
    id: LEAD_ID,
    external_id: null,
    source: "phone",
    employer_id: EMPLOYER_ID,
    employer_name: "Lahden Leipomo Oy",
    status: "new",
    coordinator: "bc1",
    need: "Kaksi leipuria",
    positions: 2,
    municipality: "Lahti",
    industry: "C",
    contact: { name: "Liisa Laine", email: null, phone: "+358401112233" },
    received_at: "2026-11-20T08:00:00Z",
    received_by: "bc1",
    contact_due: "2026-11-25",
    contacted_at: null,
    follow_up_due: null,
    followed_up_at: null,
    closed_at: null,
    close_reason: null,
    closed_by: null,
    possible_duplicate_of: null,
    contact_overdue: false,
    follow_up_overdue: false,
    overdue: false,
    created_at: "2026-11-20T08:00:00Z",
    updated_at: "2026-11-20T08:00:00Z",
    updated_by: "bc1",
    ...overrides,
  };
}

const sent = async (calls: Request[], method: string, path: string) => {
  const call = calls.find((request) => request.method === method && new URL(request.url).pathname === path);
  return call ? JSON.parse(await call.clone().text()) : undefined;
};

describe("a lead entered from a phone call", () => {
  it("names what is missing in Finnish, then sends it and says a duplicate is possible", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers("/tyonantajat/rekrypiste", {
      "GET /api/v1/leads": () => page([]),
      "POST /api/v1/leads/entries": () => json(lead({ possible_duplicate_of: OTHER_LEAD }), { status: 201 }),
    });
    await user.click(await screen.findByText("Kirjaa uusi liidi"));
    const form = screen.getByRole("form", { name: "Kirjaa uusi liidi" });
    await user.click(within(form).getByRole("button", { name: "Tallenna liidi" }));
    expect((await within(form).findAllByText("Valitse, mistä liidi tuli.")).length).toBeGreaterThan(0);
    expect(within(form).getAllByText("Kirjoita yrityksen tarve.").length).toBeGreaterThan(0);
    expect(await sent(calls, "POST", "/api/v1/leads/entries")).toBeUndefined();

    await user.selectOptions(within(form).getByRole("combobox", { name: /^Mistä liidi tuli/ }), "phone");
    await user.type(within(form).getByRole("textbox", { name: /^Y-tunnus/ }), "1572860-0");
    await user.type(within(form).getByRole("textbox", { name: /^Yrityksen nimi/ }), "Lahden Leipomo Oy");
    await user.type(within(form).getByRole("textbox", { name: /^Yhteyshenkilö$/ }), "Liisa Laine");
    await user.type(within(form).getByRole("textbox", { name: /^Tarve/ }), "Kaksi leipuria");
    await user.click(within(form).getByRole("button", { name: "Tallenna liidi" }));
    expect(await screen.findByText(/Samalla yrityksellä on jo avoin liidi/)).toBeInTheDocument();
    expect(await sent(calls, "POST", "/api/v1/leads/entries")).toEqual({
      source: "phone",
      business_id: "1572860-0",
      company_name: "Lahden Leipomo Oy",
      need: "Kaksi leipuria",
      positions: null,
      contact: { name: "Liisa Laine", phone: null, email: null },
    });
  });
});

describe("the lead page", () => {
  const routes = (who: string) => ({
    "GET /api/v1/staff": () => json({ items: [...DEMO_STAFF, { username: "bc2", display_name: "Pekka Toinen", roles: ["business_coordinator"] }] }),
    [`GET /api/v1/leads/${LEAD_ID}`]: () =>
      json(lead({ status: "closed", close_reason: "no_hire", closed_at: "2026-11-26T10:00:00Z", closed_by: "lead", possible_duplicate_of: OTHER_LEAD })),
    [`GET /api/v1/leads/${LEAD_ID}/history`]: () =>
      page([
        { id: "h1", at: "2026-11-20T08:00:00Z", recorded_at: "2026-11-20T08:00:00Z", by: who, action: "received", from_status: null, to_status: "new", details: {} },
        { id: "h2", at: "2026-11-21T08:00:00Z", recorded_at: "2026-11-21T08:00:00Z", by: "bc1", action: "activity", from_status: null, to_status: null, details: { activity_id: "a1", kind: "contact" } },
      ]),
    [`GET /api/v1/leads/${LEAD_ID}/activities`]: () =>
      page([{ id: "a1", employer_id: EMPLOYER_ID, lead_id: LEAD_ID, kind: "contact", at: "2026-11-21T08:00:00Z", by: "bc1", summary: "Soitto toimitusjohtajalle", agreed: null, created_at: "2026-11-21T08:00:00Z" }]),
  });

  it("names the company, who closed it, what happened and by whom, and the possible duplicate", async () => {
    renderEmployers(`/tyonantajat/liidit/${LEAD_ID}`, routes("bc1"));
    expect(await screen.findByRole("link", { name: "Lahden Leipomo Oy" })).toHaveAttribute("href", `/tyonantajat/${EMPLOYER_ID}`);
    expect(screen.getByRole("link", { name: "Avaa toinen liidi" })).toHaveAttribute("href", `/tyonantajat/liidit/${OTHER_LEAD}`);
    expect(await screen.findByText(/kirjaus: .*Soitto toimitusjohtajalle/)).toBeInTheDocument();
    const history = screen.getByRole("table", { name: /Liidin tapahtumat/ });
    expect((await within(history).findAllByText("Bertta Yrityskoordinaattori")).length).toBeGreaterThan(0);
  });

  it("lets a team lead reassign the lead to another business coordinator", async () => {
    const user = userEvent.setup();
    const open = () => json(lead());
    const { calls } = renderEmployers(
      `/tyonantajat/liidit/${LEAD_ID}`,
      { ...routes("lead"), [`GET /api/v1/leads/${LEAD_ID}`]: open, [`PATCH /api/v1/leads/${LEAD_ID}`]: () => json(lead({ coordinator: "bc2" })) },
      signedInAs("lead", ["team_lead"]),
    );
    await user.click((await screen.findAllByText("Vaihda vastuuhenkilö"))[0]!);
    const form = screen.getByRole("form", { name: "Vaihda vastuuhenkilö" });
    const picker = within(form).getByRole("combobox", { name: /^Uusi vastuuhenkilö/ });
    await waitFor(() => expect(within(picker).getAllByRole("option").length).toBeGreaterThan(1));
    await user.selectOptions(picker, "bc2");
    await user.click(within(form).getByRole("button", { name: "Vaihda vastuuhenkilö" }));
    expect(await screen.findByText("Vastuuhenkilö vaihdettu.")).toBeInTheDocument();
    expect(await sent(calls, "PATCH", `/api/v1/leads/${LEAD_ID}`)).toEqual({ coordinator: "bc2" });
  });

  it("offers no reassignment to a business coordinator", async () => {
    renderEmployers(`/tyonantajat/liidit/${LEAD_ID}`, { ...routes("bc1"), [`GET /api/v1/leads/${LEAD_ID}`]: () => json(lead()) });
    expect(await screen.findByText("Kirjaa yhteydenotto", { exact: false })).toBeInTheDocument();
    expect(screen.queryByText("Vaihda vastuuhenkilö")).not.toBeInTheDocument();
  });
});

function openingOfTheBakery(overrides: Record<string, unknown>) {
  return {
    id: "o1",
    employer_id: EMPLOYER_ID,
    employer_name: "Lahden Leipomo Oy",
    lead_id: null,
    title: "Leipuri",
    kind: "regular",
    description: null,
    positions: 2,
    filled_positions: 0,
    wage_subsidy: false,
    status: "open",
    closes_on: null,
    filled_at: null,
    ...STAMP,
    ...overrides,
  };
}

describe("the employer page", () => {
  const opening = openingOfTheBakery({ filled_positions: 1 });
  const base = `/api/v1/employers/${EMPLOYER_ID}`;
  const routes = {
    [`GET ${base}`]: () => json(employer({ industry: "C" })),
    [`GET ${base}/contacts`]: () => page([]),
    [`GET ${base}/activities`]: () => page([]),
    [`GET ${base}/openings`]: () => page([opening]),
    [`GET ${base}/hires`]: () => problem(404, "Not Found"),
    "GET /api/v1/leads": () => page([]),
    "GET /api/v1/recruitment-events": () => page([]),
    "GET /api/v1/employers/industries": () => json({ items: [{ section: "C", label_fi: "Teollisuus", label_en: "Manufacturing" }] }),
    [`PATCH ${base}`]: () => json(employer({ status: "partner" })),
    [`PATCH ${base}/openings/o1`]: () => json({ ...opening, status: "filled" }),
  };

  it("shows the industry by its name, and no hires while the hires API is not there", async () => {
    renderEmployers(`/tyonantajat/${EMPLOYER_ID}`, routes);
    expect(await screen.findByText("Teollisuus")).toBeInTheDocument();
    expect(screen.getAllByText("Ei palkkauksia.").length).toBeGreaterThan(0);
    expect(screen.getByText("1/2 täytetty")).toBeInTheDocument();
  });

  it("edits the employer's status and partnership in one form", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers(`/tyonantajat/${EMPLOYER_ID}`, routes);
    await user.click(await screen.findByText("Muokkaa työnantajan tietoja"));
    const form = screen.getByRole("form", { name: "Muokkaa työnantajan tietoja" });
    expect(screen.getByText("Sektori", { selector: "dt" }).nextElementSibling).toHaveTextContent("yksityinen sektori");
    await user.selectOptions(within(form).getByRole("combobox", { name: /^Tila/ }), "partner");
    const sector = within(form).getByRole("combobox", { name: /^Sektori/ });
    expect(sector).toHaveDisplayValue("yksityinen sektori");
    await user.selectOptions(sector, "julkinen sektori");
    await user.click(within(form).getByRole("checkbox", { name: "Verkoston jäsen" }));
    await user.click(within(form).getByRole("button", { name: "Tallenna muutokset" }));
    expect(await screen.findByText("Työnantajan tiedot tallennettu.")).toBeInTheDocument();
    const body = await sent(calls, "PATCH", base);
    expect(body).toMatchObject({
      name: "Lahden Leipomo Oy",
      status: "partner",
      network_member: true,
      industry: "C",
      sector: "public",
    });
  });

  it("marks an opening filled", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers(`/tyonantajat/${EMPLOYER_ID}`, routes);
    await user.click(await screen.findByRole("button", { name: "Merkitse täytetyksi" }));
    expect(await screen.findByText("Paikka merkitty täytetyksi.")).toBeInTheDocument();
    expect(await sent(calls, "PATCH", `${base}/openings/o1`)).toEqual({ status: "filled" });
  });
});

describe("a recruitment event's page", () => {
  it("invites one of my clients and records that another came; hidden names stay hidden", async () => {
    const user = userEvent.setup();
    const invited = [{ client_id: CLIENT_A, client_name: null, invited_by: "bc2", invited_at: "2026-11-01T08:00:00Z", attended: false }];
    const { calls } = renderEmployers(`/tyonantajat/tapahtumat/${EVENT_ID}`, {
      [`GET /api/v1/recruitment-events/${EVENT_ID}`]: () =>
        json({ id: EVENT_ID, name: "Tiistairekry", kind: "recruitment_event", held_on: "2026-11-10", place: "Trio", jobseekers_attended: null, employers: [{ id: EMPLOYER_ID, name: "Lahden Leipomo Oy", industry: "C" }], ...STAMP }),
      [`GET /api/v1/recruitment-events/${EVENT_ID}/clients`]: () => json({ items: invited }),
      [`GET /api/v1/recruitment-events/${EVENT_ID}/hires`]: () => json({ items: [] }),
      "GET /api/v1/clients": () => page([{ id: CLIENT_B, first_name: "Eero", last_name: "Esimerkki" }]),
      [`POST /api/v1/recruitment-events/${EVENT_ID}/clients`]: () =>
        json({ client_id: CLIENT_B, client_name: "Eero Esimerkki", invited_by: "bc1", invited_at: "2026-11-02T08:00:00Z", attended: false }, { status: 201 }),
      [`PATCH /api/v1/recruitment-events/${EVENT_ID}/clients/${CLIENT_A}`]: () => json({ ...invited[0], attended: true }),
    });
    expect(await screen.findByRole("heading", { name: "Tiistairekry" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Lahden Leipomo Oy" })).toBeInTheDocument();
    expect(screen.getByText("Asiakas (ei näkyvissä)")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Merkitse osallistuneeksi: Asiakas (ei näkyvissä)" }));
    await waitFor(async () => expect(await sent(calls, "PATCH", `/api/v1/recruitment-events/${EVENT_ID}/clients/${CLIENT_A}`)).toEqual({ attended: true }));

    await user.click(screen.getByText("Kutsu asiakas"));
    const form = screen.getByRole("form", { name: "Kutsu asiakas" });
    const picker = within(form).getByRole("combobox", { name: /^Asiakas/ });
    await waitFor(() => expect(within(picker).getByRole("option", { name: "Eero Esimerkki" })).toBeInTheDocument());
    await user.selectOptions(picker, CLIENT_B);
    await user.click(within(form).getByRole("button", { name: "Kutsu asiakas" }));
    expect(await screen.findByText("Kutsuttu: Eero Esimerkki.")).toBeInTheDocument();
    expect(await sent(calls, "POST", `/api/v1/recruitment-events/${EVENT_ID}/clients`)).toEqual({ client_id: CLIENT_B });
    const mine = calls.find((call) => new URL(call.url).pathname === "/api/v1/clients");
    expect(new URL(mine!.url).searchParams.get("mine")).toBe("true");
  });
});

describe("editing a contact person on the employer's page", () => {
  const base = `/api/v1/employers/${EMPLOYER_ID}`;
  const contact = { id: "k1", employer_id: EMPLOYER_ID, name: "Liisa Laine", role: "Toimitusjohtaja", phone: "+358401112233", email: null, active: true, ...STAMP };
  const routes = (patch: (request: Request) => Response | Promise<Response>) => ({
    [`GET ${base}`]: () => json(employer()),
    [`GET ${base}/contacts`]: () => page([contact]),
    [`GET ${base}/activities`]: () => page([]),
    [`GET ${base}/openings`]: () => page([]),
    [`GET ${base}/hires`]: () => page([]),
    "GET /api/v1/leads": () => page([]),
    "GET /api/v1/recruitment-events": () => page([]),
    [`PATCH ${base}/contacts/k1`]: patch,
  });

  it("names an empty name and a bad e-mail address by their fields and sends nothing", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers(`/tyonantajat/${EMPLOYER_ID}`, routes(() => json(contact)));
    await user.click(await screen.findByText("Muokkaa: Liisa Laine"));
    const form = screen.getByRole("form", { name: "Muokkaa: Liisa Laine" });
    expect(within(form).getByRole("textbox", { name: /^Nimi/ })).toHaveValue("Liisa Laine");
    await user.clear(within(form).getByRole("textbox", { name: /^Nimi/ }));
    await user.type(within(form).getByRole("textbox", { name: "Yhteyshenkilön sähköposti" }), "liisa@");
    await user.click(within(form).getByRole("button", { name: "Tallenna" }));
    expect(await within(form).findByRole("link", { name: "Anna yhteyshenkilön nimi." })).toBeInTheDocument();
    expect(within(form).getByRole("link", { name: "Anna sähköpostiosoite muodossa nimi@esimerkki.fi." })).toBeInTheDocument();
    expect(calls.some((call) => call.method === "PATCH")).toBe(false);
  });

  it("saves the changed person, marks them no longer active and says so", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers(`/tyonantajat/${EMPLOYER_ID}`, routes(() => json({ ...contact, active: false })));
    await user.click(await screen.findByText("Muokkaa: Liisa Laine"));
    const form = screen.getByRole("form", { name: "Muokkaa: Liisa Laine" });
    await user.clear(within(form).getByRole("textbox", { name: /^Rooli|^Tehtävä/ }));
    await user.type(within(form).getByRole("textbox", { name: "Yhteyshenkilön sähköposti" }), "liisa@leipomo.fi");
    await user.click(within(form).getByRole("checkbox"));
    await user.click(within(form).getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByText("Yhteyshenkilö tallennettu.")).toBeInTheDocument();
    expect(await sent(calls, "PATCH", `${base}/contacts/k1`)).toEqual({
      name: "Liisa Laine",
      role: null,
      phone: "+358401112233",
      email: "liisa@leipomo.fi",
      active: false,
    });
  });

  it("puts the service's 422 on the phone number by the field and keeps what was typed", async () => {
    const user = userEvent.setup();
    renderEmployers(
      `/tyonantajat/${EMPLOYER_ID}`,
      routes(() => problem(422, "Unprocessable content", { errors: [{ loc: ["body", "phone"], msg: "Value error, not a valid phone number" }] })),
    );
    await user.click(await screen.findByText("Muokkaa: Liisa Laine"));
    const form = screen.getByRole("form", { name: "Muokkaa: Liisa Laine" });
    const phone = within(form).getByRole("textbox", { name: "Yhteyshenkilön puhelin" });
    await user.clear(phone);
    await user.type(phone, "044 000");
    await user.click(within(form).getByRole("button", { name: "Tallenna" }));
    expect(await within(form).findByRole("link", { name: /^Tarkista puhelinnumero/ })).toBeInTheDocument();
    expect(phone).toHaveValue("044 000");
  });
});

describe("editing an opening", () => {
  const base = `/api/v1/employers/${EMPLOYER_ID}`;
  const opening = openingOfTheBakery({ filled_positions: 0 });
  const routes = {
    [`GET ${base}`]: () => json(employer()),
    [`GET ${base}/contacts`]: () => page([]),
    [`GET ${base}/activities`]: () => page([]),
    [`GET ${base}/openings`]: () => page([opening]),
    [`GET ${base}/hires`]: () => page([]),
    "GET /api/v1/leads": () => page([]),
    "GET /api/v1/recruitment-events": () => page([]),
    [`PATCH ${base}/openings/o1`]: () => json({ ...opening, title: "Leipuri-kondiittori", positions: 3 }),
  };

  it("refuses an empty title and zero positions in Finnish, then saves the corrected opening", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers(`/tyonantajat/${EMPLOYER_ID}`, routes);
    await user.click(await screen.findByText("Muokkaa paikkaa"));
    const form = screen.getByRole("form", { name: "Muokkaa paikkaa: Leipuri" });
    const title = within(form).getByRole("textbox", { name: /^Nimike/ });
    const positions = within(form).getByRole("textbox", { name: /^Paikkoja/ });
    await user.clear(title);
    await user.clear(positions);
    await user.type(positions, "0");
    await user.click(within(form).getByRole("button", { name: "Tallenna" }));
    expect(await within(form).findByRole("link", { name: "Kirjoita nimike." })).toBeInTheDocument();
    expect(within(form).getByRole("link", { name: "Paikkoja on 1–1000." })).toBeInTheDocument();
    await errorSummaryTakesFocus(form);
    expect(calls.some((call) => call.method === "PATCH")).toBe(false);

    await user.type(title, "Leipuri-kondiittori");
    await user.clear(positions);
    await user.type(positions, "3");
    await user.type(within(form).getByRole("textbox", { name: /^Kuvaus/ }), "Aamuvuoro");
    await user.click(within(form).getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByText("Paikka tallennettu.")).toBeInTheDocument();
    expect(await sent(calls, "PATCH", `${base}/openings/o1`)).toEqual({
      title: "Leipuri-kondiittori",
      positions: 3,
      closes_on: null,
      description: "Aamuvuoro",
    });
  });
});

describe("editing a recruitment event", () => {
  const OTHER_EMPLOYER = "00000000-0000-0000-0000-0000000000e2";
  const event = {
    id: EVENT_ID,
    name: "Tiistairekry",
    kind: "recruitment_event",
    held_on: "2026-11-10",
    place: "Trio",
    jobseekers_attended: null,
    employers: [{ id: EMPLOYER_ID, name: "Lahden Leipomo Oy", industry: "C" }],
    ...STAMP,
  };
  const routes = {
    [`GET /api/v1/recruitment-events/${EVENT_ID}`]: () => json(event),
    [`GET /api/v1/recruitment-events/${EVENT_ID}/clients`]: () => json({ items: [] }),
    [`GET /api/v1/recruitment-events/${EVENT_ID}/hires`]: () => json({ items: [] }),
    "GET /api/v1/clients": () => page([]),
    "GET /api/v1/employers": () => page([employer(), employer({ id: OTHER_EMPLOYER, name: "Hollolan Huolto Oy", business_id: "2345678-1" })]),
    [`PATCH /api/v1/recruitment-events/${EVENT_ID}`]: () => json({ ...event, name: "Tiistairekry joulukuu" }),
  };

  it("refuses an empty name, then saves the new name and the employers picked from the register", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers(`/tyonantajat/tapahtumat/${EVENT_ID}`, routes);
    await user.click(await screen.findByText("Muokkaa tapahtumaa"));
    const form = screen.getByRole("form", { name: "Muokkaa tapahtumaa" });
    const other = await within(form).findByRole("checkbox", { name: "Hollolan Huolto Oy" });
    expect(within(form).getByRole("checkbox", { name: "Lahden Leipomo Oy" })).toBeChecked();
    expect(other).not.toBeChecked();
    const name = within(form).getByRole("textbox", { name: /^Nimi/ });
    await user.clear(name);
    await user.click(within(form).getByRole("button", { name: "Tallenna" }));
    expect(await within(form).findByRole("link", { name: "Kirjoita nimi." })).toBeInTheDocument();
    await errorSummaryTakesFocus(form);
    expect(calls.some((call) => call.method === "PATCH")).toBe(false);

    await user.type(name, "Tiistairekry joulukuu");
    await user.click(other);
    await user.click(within(form).getByRole("checkbox", { name: "Lahden Leipomo Oy" }));
    await user.click(within(form).getByRole("button", { name: "Tallenna" }));
    expect(await screen.findByText("Tapahtuma tallennettu.")).toBeInTheDocument();
    expect(await sent(calls, "PATCH", `/api/v1/recruitment-events/${EVENT_ID}`)).toEqual({
      name: "Tiistairekry joulukuu",
      kind: "recruitment_event",
      held_on: "2026-11-10",
      place: "Trio",
      employer_ids: [OTHER_EMPLOYER],
    });
  });
});
