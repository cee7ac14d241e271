import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { signedInAs } from "../admin/testSession";
import { errorSummaryTakesFocus, json, problem, type Route as FetchRoute } from "../common/testing";
import { bodyOf, employer, EMPLOYER_ID, page, posted, renderEmployers, STAMP } from "./testing";

/** The employer page's data: contacts and openings grow with what is posted. */
function employerPageRoutes(extra: Record<string, FetchRoute> = {}) {
  const contacts: unknown[] = [];
  const openings: unknown[] = [];
  const base = `/api/v1/employers/${EMPLOYER_ID}`;
  return {
    [`GET ${base}`]: () => json(employer()),
    [`GET ${base}/contacts`]: () => page(contacts),
    [`GET ${base}/activities`]: () => page([]),
    [`GET ${base}/openings`]: () => page(openings),
    "GET /api/v1/leads": () => page([]),
    "GET /api/v1/recruitment-events": () => page([]),
    [`POST ${base}/contacts`]: async (request: Request) => {
      const contact = { id: `c${contacts.length}`, employer_id: EMPLOYER_ID, active: true, ...STAMP, ...(await request.clone().json()) };
      contacts.push(contact);
      return json(contact, { status: 201 });
    },
    [`POST ${base}/openings`]: async (request: Request) => {
      const opening = {
        id: `o${openings.length}`,
        employer_id: EMPLOYER_ID,
        lead_id: null,
        status: "open",
        filled_at: null,
        ...STAMP,
        ...(await request.clone().json()),
      };
      openings.push(opening);
      return json(opening, { status: 201 });
    },
    ...extra,
  } satisfies Record<string, FetchRoute>;
}

describe("a new employer on the register", () => {
  it("names the missing Y-tunnus and name in Finnish by their fields, and sends nothing", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers("/tyonantajat", { "GET /api/v1/employers": () => page([]) });
    await user.click(await screen.findByText("Uusi työnantaja"));
    await user.click(screen.getByRole("button", { name: "Tallenna työnantaja" }));

    expect(await screen.findByRole("heading", { name: "Korjaa seuraavat kohdat" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /^Y-tunnus/ })).toHaveAccessibleDescription(
      "Muodossa 1234567-8. Anna Y-tunnus.",
    );
    expect(screen.getByRole("textbox", { name: /^Nimi\b/ })).toHaveAccessibleDescription("Anna työnantajan nimi.");
    expect(screen.getByRole("link", { name: "Anna Y-tunnus." })).toHaveAttribute("href", expect.stringMatching(/^#/));

    await user.type(screen.getByRole("textbox", { name: /^Y-tunnus/ }), "123");
    await user.click(screen.getByRole("button", { name: "Tallenna työnantaja" }));
    expect(await screen.findByRole("link", { name: /^Tarkista Y-tunnus/ })).toBeInTheDocument();
    expect(posted(calls, "/api/v1/employers")).toHaveLength(0);
  });

  it("sends the employer on Enter, says so, shows it in the register and is ready for the next", async () => {
    const user = userEvent.setup();
    const created = employer({ name: "Testi Oy", network_member: true });
    const { calls } = renderEmployers("/tyonantajat", {
      "GET /api/v1/employers": (request) =>
        page(new URL(request.url).searchParams.get("q") === "1572860-0" ? [created] : []),
      "POST /api/v1/employers": () => json(created, { status: 201 }),
    });
    await user.click(await screen.findByText("Uusi työnantaja"));
    const businessId = screen.getByRole("textbox", { name: /^Y-tunnus/ });
    await user.type(businessId, "1572860-0");
    await user.selectOptions(screen.getByRole("combobox", { name: "Kokoluokka" }), "pieni (10–49 henkeä)");
    const sector = screen.getByRole("combobox", { name: /^Sektori/ });
    expect(sector).toHaveDisplayValue("ei tiedossa");
    await user.selectOptions(sector, "kolmas sektori (yhdistykset, säätiöt)");
    await user.click(screen.getByRole("checkbox", { name: "Verkoston jäsen" }));
    await user.type(screen.getByRole("textbox", { name: /^Nimi/ }), "Testi Oy{Enter}");

    expect(await screen.findByText("Työnantaja Testi Oy lisätty. Se näkyy nyt listassa.")).toBeInTheDocument();
    expect(await bodyOf(calls, "/api/v1/employers")).toEqual({
      business_id: "1572860-0",
      name: "Testi Oy",
      industry: null,
      size_class: "small",
      sector: "third_sector",
      municipality: null,
      street_address: null,
      postal_code: null,
      city: null,
      status: "prospect",
      network_member: true,
      tailored_work_interest: false,
      notes: null,
    });
    const table = await screen.findByRole("table", { name: "Työnantajat" });
    expect(await within(table).findByRole("link", { name: "Testi Oy" })).toBeInTheDocument();
    expect(screen.getByRole("searchbox", { name: "Hae nimellä tai Y-tunnuksella" })).toHaveValue("1572860-0");
    expect(businessId).toHaveValue("");
    await waitFor(() => expect(businessId).toHaveFocus());
  });

  it("puts the service's 422 on the Y-tunnus by the field in Finnish, and keeps what was typed", async () => {
    const user = userEvent.setup();
    renderEmployers("/tyonantajat", {
      "GET /api/v1/employers": () => page([]),
      "POST /api/v1/employers": () =>
        problem(422, "Unprocessable content", {
          errors: [{ loc: ["body", "business_id"], msg: "Value error, not a valid Y-tunnus (business id)" }],
        }),
    });
    await user.click(await screen.findByText("Uusi työnantaja"));
    await user.type(screen.getByRole("textbox", { name: /^Y-tunnus/ }), "1234567-8");
    await user.type(screen.getByRole("textbox", { name: /^Nimi/ }), "Testi Oy");
    await user.type(screen.getByRole("textbox", { name: "Kunta" }), "Hollola");
    await user.click(screen.getByRole("button", { name: "Tallenna työnantaja" }));

    const field = await screen.findByRole("textbox", { name: /^Y-tunnus/ });
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(
        "Muodossa 1234567-8. Tarkista Y-tunnus: muoto on 1234567-8, ja viimeinen numero on tarkistenumero.",
      ),
    );
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveValue("1234567-8");
    expect(screen.getByRole("textbox", { name: /^Nimi/ })).toHaveValue("Testi Oy");
    expect(screen.getByRole("textbox", { name: "Kunta" })).toHaveValue("Hollola");
  });

  it("names a Y-tunnus already on record (409) by the field", async () => {
    const user = userEvent.setup();
    renderEmployers("/tyonantajat", {
      "GET /api/v1/employers": () => page([]),
      "POST /api/v1/employers": () => problem(409, "Conflict", { detail: "An employer with business id 1572860-0 already exists." }),
    });
    await user.click(await screen.findByText("Uusi työnantaja"));
    await user.type(screen.getByRole("textbox", { name: /^Y-tunnus/ }), "1572860-0");
    await user.type(screen.getByRole("textbox", { name: /^Nimi/ }), "Testi Oy{Enter}");
    expect(
      await screen.findByRole("link", { name: "Tällä Y-tunnuksella on jo työnantaja rekisterissä. Hae se Y-tunnuksella." }),
    ).toBeInTheDocument();
  });

  it("is not offered to those who may only look at employers", async () => {
    renderEmployers("/tyonantajat", { "GET /api/v1/employers": () => page([]) }, signedInAs("coach", ["coach"]));
    expect(await screen.findByRole("heading", { level: 1, name: "Työnantajat" })).toBeInTheDocument();
    expect(screen.queryByText("Uusi työnantaja")).not.toBeInTheDocument();
  });
});

describe("a new contact person on the employer's page", () => {
  it("needs a name, checks the phone number, then sends, says so and lists the person", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers(`/tyonantajat/${EMPLOYER_ID}`, employerPageRoutes());
    await user.click(await screen.findByText("Uusi yhteyshenkilö"));
    const phone = screen.getByRole("textbox", { name: "Puhelin" });
    await user.type(phone, "12");
    await user.click(screen.getByRole("button", { name: "Tallenna yhteyshenkilö" }));
    expect(await screen.findByRole("textbox", { name: /^Nimi\b/ })).toHaveAccessibleDescription(
      "Anna yhteyshenkilön nimi.",
    );
    expect(phone).toHaveAccessibleDescription(
      "Esimerkiksi 044 123 4567 tai +358 44 123 4567. Tarkista puhelinnumero, esimerkiksi 044 123 4567 tai +358 44 123 4567.",
    );
    expect(posted(calls, `/api/v1/employers/${EMPLOYER_ID}/contacts`)).toHaveLength(0);

    await user.clear(phone);
    await user.type(phone, "044 123 4567");
    await user.type(screen.getByRole("textbox", { name: /^Tehtävä/ }), "HR-päällikkö");
    await user.type(screen.getByRole("textbox", { name: "Sähköposti" }), "maija@leipomo.fi");
    await user.type(screen.getByRole("textbox", { name: /^Nimi\b/ }), "Maija Meikäläinen{Enter}");

    expect(await screen.findByText("Yhteyshenkilö Maija Meikäläinen lisätty.")).toBeInTheDocument();
    expect(await bodyOf(calls, `/api/v1/employers/${EMPLOYER_ID}/contacts`)).toEqual({
      name: "Maija Meikäläinen",
      role: "HR-päällikkö",
      phone: "044 123 4567",
      email: "maija@leipomo.fi",
    });
    expect(await screen.findByRole("cell", { name: "Maija Meikäläinen" })).toBeInTheDocument();
  });

  it("puts the service's 422 on the phone number by the field in Finnish", async () => {
    const user = userEvent.setup();
    renderEmployers(
      `/tyonantajat/${EMPLOYER_ID}`,
      employerPageRoutes({
        [`POST /api/v1/employers/${EMPLOYER_ID}/contacts`]: () =>
          problem(422, "Unprocessable content", { errors: [{ loc: ["body", "phone"], msg: "Value error, not a valid phone number" }] }),
      }),
    );
    await user.click(await screen.findByText("Uusi yhteyshenkilö"));
    await user.type(screen.getByRole("textbox", { name: /^Nimi\b/ }), "Maija Meikäläinen");
    await user.type(screen.getByRole("textbox", { name: "Puhelin" }), "044 000");
    await user.click(screen.getByRole("button", { name: "Tallenna yhteyshenkilö" }));
    expect(await screen.findByRole("link", { name: /^Tarkista puhelinnumero/ })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Puhelin" })).toHaveValue("044 000");
    expect(screen.getByRole("textbox", { name: /^Nimi\b/ })).toHaveValue("Maija Meikäläinen");
  });
});

describe("a new opening on the employer's page", () => {
  it("needs a title and a type, then sends, says so and lists the opening", async () => {
    const user = userEvent.setup();
    const { calls } = renderEmployers(`/tyonantajat/${EMPLOYER_ID}`, employerPageRoutes());
    await user.click(await screen.findByText("Uusi avoin työpaikka"));
    await user.click(screen.getByRole("button", { name: "Tallenna avoin työpaikka" }));
    expect(await screen.findByRole("textbox", { name: /^Nimike/ })).toHaveAccessibleDescription("Anna tehtävän nimike.");
    expect(screen.getByRole("combobox", { name: /^Paikan tyyppi/ })).toHaveAccessibleDescription("Valitse paikan tyyppi.");

    const positions = screen.getByRole("textbox", { name: /^Paikkojen määrä/ });
    await user.clear(positions);
    await user.type(positions, "0");
    await user.click(screen.getByRole("button", { name: "Tallenna avoin työpaikka" }));
    expect(await screen.findByRole("link", { name: "Anna paikkojen määrä kokonaislukuna 1–1000." })).toBeInTheDocument();
    expect(posted(calls, `/api/v1/employers/${EMPLOYER_ID}/openings`)).toHaveLength(0);

    await user.clear(positions);
    await user.type(positions, "2");
    await user.type(screen.getByRole("textbox", { name: /^Nimike/ }), "Leipuri");
    await user.selectOptions(screen.getByRole("combobox", { name: /^Paikan tyyppi/ }), "työkokeilu");
    await user.click(screen.getByRole("checkbox", { name: "Palkkatukikelpoinen" }));
    await user.click(screen.getByRole("button", { name: "Tallenna avoin työpaikka" }));

    expect(await screen.findByText("Avoin työpaikka Leipuri lisätty.")).toBeInTheDocument();
    expect(await bodyOf(calls, `/api/v1/employers/${EMPLOYER_ID}/openings`)).toEqual({
      title: "Leipuri",
      kind: "work_trial",
      lead_id: null,
      positions: 2,
      wage_subsidy: true,
      closes_on: null,
      description: null,
    });
    expect(await screen.findByRole("cell", { name: "Leipuri" })).toBeInTheDocument();
  });
});

describe("a new recruitment event", () => {
  it("needs a name and a type, then sends, says so and lists the event", async () => {
    const user = userEvent.setup();
    const events: unknown[] = [];
    const { calls } = renderEmployers("/tyonantajat/tapahtumat", {
      "GET /api/v1/recruitment-events": () => page(events),
      "POST /api/v1/recruitment-events": async (request) => {
        const event = { id: "ev1", employers: [], ...STAMP, ...(await request.clone().json()) };
        events.push(event);
        return json(event, { status: 201 });
      },
    });
    await user.click(await screen.findByText("Uusi rekrytointitapahtuma"));
    await user.click(screen.getByRole("button", { name: "Tallenna tapahtuma" }));
    expect(await screen.findByRole("textbox", { name: /^Tapahtuman nimi/ })).toHaveAccessibleDescription(
      "Esimerkiksi Tiistairekry tai DuuniWork. Anna tapahtuman nimi.",
    );
    expect(screen.getByRole("combobox", { name: /^Tapahtuman tyyppi/ })).toHaveAccessibleDescription(
      "Valitse tapahtuman tyyppi.",
    );
    expect(posted(calls, "/api/v1/recruitment-events")).toHaveLength(0);
    await errorSummaryTakesFocus();

    await user.type(screen.getByRole("textbox", { name: /^Tapahtuman nimi/ }), "Tiistairekry");
    await user.selectOptions(screen.getByRole("combobox", { name: /^Tapahtuman tyyppi/ }), "rekrytointitapahtuma");
    await user.type(screen.getByRole("textbox", { name: "Paikka" }), "Trio");
    await user.type(screen.getByRole("textbox", { name: /^Työnhakijoita paikalla/ }), "40{Enter}");

    expect(await screen.findByText("Rekrytointitapahtuma Tiistairekry lisätty.")).toBeInTheDocument();
    const body = await bodyOf(calls, "/api/v1/recruitment-events");
    expect(body).toEqual({
      name: "Tiistairekry",
      kind: "recruitment_event",
      held_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      place: "Trio",
      jobseekers_attended: 40,
    });
    expect(await screen.findByRole("cell", { name: "Tiistairekry" })).toBeInTheDocument();
  });
});
