import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Route, Routes } from "react-router";
import { json, problem, renderApp, scriptedFetch } from "../common/testing";
import { AssessmentForm, NoteForm } from "./forms";
import { ContactForm } from "./pathwayForms";
import { RegistrationPage } from "./RegistrationPage";
import { RegisterClientPage } from "./RegisterClientPage";

const noSession = { "POST /auth/refresh": () => problem(401, "No session") };

function renderForm(ui: React.ReactElement, routes: Parameters<typeof scriptedFetch>[0] = {}) {
  const scripted = scriptedFetch({ ...noSession, ...routes });
  renderApp(
    <Routes>
      <Route path="*" element={ui} />
    </Routes>,
    { fetch: scripted.fetch, path: "/" },
  );
  return scripted;
}

const posted = (calls: Request[]) => calls.filter((call) => call.method === "POST" && !call.url.endsWith("/auth/refresh"));

describe("the public self-registration form", () => {
  it("names the missing names, contact and service consent, ties each to its field, and sends nothing", async () => {
    const user = userEvent.setup();
    const { calls } = renderForm(<RegistrationPage />);
    await user.click(await screen.findByRole("button", { name: "Lähetä ilmoittautuminen" }));

    expect(await screen.findByRole("heading", { name: "Korjaa seuraavat kohdat" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /Etunimi/ })).toHaveAccessibleDescription("Anna etunimi.");
    expect(screen.getByRole("textbox", { name: /Sukunimi/ })).toHaveAccessibleDescription("Anna sukunimi.");
    expect(screen.getByRole("textbox", { name: /Puhelinnumero/ })).toHaveAccessibleDescription(
      "Anna puhelinnumero tai sähköposti.",
    );
    expect(screen.getByRole("group", { name: "Suostumukset" })).toHaveAccessibleDescription(
      "Palvelusuostumus tarvitaan, jotta voimme palvella sinua. Palvelusuostumus tarvitaan ilmoittautumiseen.",
    );
    expect(screen.getByRole("link", { name: "Anna etunimi." })).toHaveAttribute("href", expect.stringMatching(/^#/));
    expect(posted(calls)).toHaveLength(0);
  });

  it("checks the e-mail and year of birth, then sends and thanks without echoing anything", async () => {
    const user = userEvent.setup();
    const { calls } = renderForm(<RegistrationPage />, {
      "POST /api/v1/registrations": () => json({ id: "00000000-0000-0000-0000-000000000001", status: "received" }, { status: 201 }),
    });
    await user.type(await screen.findByRole("textbox", { name: /Etunimi/ }), "Aino");
    await user.type(screen.getByRole("textbox", { name: /Sukunimi/ }), "Asiakas");
    await user.type(screen.getByRole("textbox", { name: /Syntymävuosi/ }), "85");
    await user.type(screen.getByRole("textbox", { name: /Sähköposti/ }), "aino@");
    await user.click(screen.getByRole("checkbox", { name: /Palvelusuostumus/ }));
    await user.click(screen.getByRole("button", { name: "Lähetä ilmoittautuminen" }));
    expect(await screen.findByRole("textbox", { name: /Syntymävuosi/ })).toHaveAccessibleDescription(
      "Anna syntymävuosi neljällä numerolla, esimerkiksi 1985.",
    );
    expect(screen.getByRole("textbox", { name: /Sähköposti/ })).toHaveAccessibleDescription(
      "Anna sähköpostiosoite muodossa nimi@esimerkki.fi.",
    );
    expect(posted(calls)).toHaveLength(0);

    await user.clear(screen.getByRole("textbox", { name: /Syntymävuosi/ }));
    await user.type(screen.getByRole("textbox", { name: /Syntymävuosi/ }), "1985");
    await user.type(screen.getByRole("textbox", { name: /Sähköposti/ }), "example.fi");
    await user.click(screen.getByRole("button", { name: "Lähetä ilmoittautuminen" }));
    expect(await screen.findByText(/Ilmoittautumisesi on vastaanotettu/)).toBeInTheDocument();
    const body = JSON.parse(await posted(calls)[0]!.text());
    expect(body).toMatchObject({ first_name: "Aino", birth_year: 1985, email: "aino@example.fi", consents: ["service"] });
  });
});

describe("registering a client (staff)", () => {
  it("puts the service's 422 field error by the identity code field", async () => {
    const user = userEvent.setup();
    renderForm(<RegisterClientPage />, {
      "POST /api/v1/clients": () =>
        problem(422, "Unprocessable", {
          errors: [
            {
              loc: ["body", "personal_identity_code"],
              msg: "Value error, not a valid personal identity code",
              code: "invalid_identity_code",
            },
          ],
        }),
    });
    await user.type(await screen.findByRole("textbox", { name: /Etunimi/ }), "Aino");
    await user.type(screen.getByRole("textbox", { name: /Sukunimi/ }), "Asiakas");
    await user.type(screen.getByRole("textbox", { name: /Henkilötunnus/ }), "010101-1234");
    await user.click(screen.getByRole("button", { name: "Tallenna asiakas" }));
    expect(await screen.findByRole("textbox", { name: /Henkilötunnus/ })).toHaveAccessibleDescription(
      "Vain vahvan tunnistamisen jälkeen. Henkilötunnus ei ole kelvollinen. Tarkista numerot ja tarkistusmerkki.",
    );
  });
});

describe("the client page's forms", () => {
  it("a contact needs its channel and whether the client was reached", async () => {
    const user = userEvent.setup();
    const { calls } = renderForm(<ContactForm clientId="c1" enrolmentId="e1" />);
    await user.click(await screen.findByRole("button", { name: "Kirjaa yhteydenotto" }));
    expect(await screen.findByRole("combobox", { name: /Yhteystapa/ })).toHaveAccessibleDescription("Valitse yhteystapa.");
    expect(screen.getByRole("group", { name: /Tavoitettiinko asiakas/ })).toHaveAccessibleDescription(
      "Kerro, tavoitettiinko asiakas.",
    );
    expect(posted(calls)).toHaveLength(0);
  });

  it("an assessment's scores are whole numbers 0–10, each named by its domain", async () => {
    const user = userEvent.setup();
    renderForm(<AssessmentForm clientId="c1" />);
    await user.type(await screen.findByRole("textbox", { name: /Kokonaisarvio/ }), "11");
    await user.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    expect(await screen.findByRole("textbox", { name: /Kokonaisarvio/ })).toHaveAccessibleDescription(
      "Kokonaisluku 0–10. Kokonaisarvio: anna kokonaisluku 0–10.",
    );
    expect(screen.getByRole("link", { name: "Osaaminen: anna kokonaisluku 0–10." })).toBeInTheDocument();
  });

  it("a note needs its text, and only a work-ability coordinator may mark it as health information", async () => {
    const user = userEvent.setup();
    renderForm(<NoteForm clientId="c1" allowHealth={false} />);
    await user.click(await screen.findByRole("button", { name: "Tallenna kirjaus" }));
    expect(await screen.findByRole("textbox", { name: /Kirjaus/ })).toHaveAccessibleDescription("Kirjoita kirjaus.");
    expect(screen.queryByRole("radio", { name: /Terveystieto/ })).not.toBeInTheDocument();
  });
});
