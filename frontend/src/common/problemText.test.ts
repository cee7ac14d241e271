import { describe, expect, it } from "vitest";
import { errorCatalogue, fieldErrorText, problemText } from "./problemText";

describe("problem texts from the catalogue", () => {
  it("says a problem in the UI's language, never the server's detail", () => {
    const problem = {
      status: 422,
      code: "date_in_future",
      detail: "This date cannot be in the future.",
    };
    expect(problemText(problem, "fi")).toBe("Päivämäärä ei voi olla tulevaisuudessa.");
    expect(problemText(problem, "en")).toBe("The date cannot be in the future.");
  });

  it("fills the params, joining a list with commas", () => {
    const problem = {
      status: 409,
      code: "missing_consents",
      params: { purposes: ["esf_data", "share_with_health_services"] },
    };
    expect(problemText(problem, "fi")).toBe(
      "Asiakkaalta puuttuu suostumus: esf_data, share_with_health_services. Pyydä suostumus ja kirjaa se ensin.",
    );
  });

  it("writes a date param as Finns write dates", () => {
    const error = { code: "date_before_registration", params: { registered_on: "2026-03-05" } };
    expect(fieldErrorText(error, "fi")).toBe("Päivämäärä ei voi olla ennen asiakkuuden alkua (5.3.2026).");
  });

  it("lets the caller name parameter values in words", () => {
    const problem = { status: 409, code: "missing_consents", params: { purposes: ["esf_data"] } };
    const words = (name: string, value: string) =>
      name === "purposes" && value === "esf_data" ? "ESR-tietojen keruu" : undefined;
    expect(problemText(problem, "fi", words)).toBe(
      "Asiakkaalta puuttuu suostumus: ESR-tietojen keruu. Pyydä suostumus ja kirjaa se ensin.",
    );
  });

  it("gives a field error its rule's text with pydantic's own values", () => {
    const error = { loc: ["body", "first_name"], msg: "String should have at most 100 characters", code: "string_too_long", params: { max_length: 100 } };
    expect(fieldErrorText(error, "fi")).toBe("Teksti on liian pitkä: enintään 100 merkkiä.");
    expect(fieldErrorText(error, "en")).toBe("The text is too long: at most 100 characters.");
  });

  it("falls back to the status's general text, then to a general sentence, for an unknown code", () => {
    expect(problemText({ status: 404, code: "no_such_code", params: {} }, "fi")).toBe(
      "Tietoa ei löytynyt, tai sinulla ei ole oikeutta nähdä sitä.",
    );
    expect(problemText({ status: 418, code: "no_such_code" }, "fi")).toBe(
      "Pyyntö epäonnistui. Tarkista tiedot ja yritä uudelleen.",
    );
    expect(problemText(null, "en")).toBe("The request failed. Check the details and try again.");
    expect(fieldErrorText({ code: "no_such_code", msg: "Value error, not English please" } as never, "fi")).toBe(
      "Tarkista tämä tieto.",
    );
    expect(fieldErrorText({ code: "toString" }, "en")).toBe("Check this field.");
  });

  it("has the issue's codes in both languages, each placeholder in both", () => {
    for (const code of [
      "client_not_found",
      "duplicate_identity_code",
      "handoff_already_open",
      "coach_cannot_transfer",
      "meeting_not_scheduled",
      "ends_before_start",
      "enrolment_not_open",
      "birth_year_in_future",
      "invalid_phone",
      "invalid_identity_code",
    ]) {
      expect(errorCatalogue[code]?.fi, code).toBeTruthy();
      expect(errorCatalogue[code]?.en, code).toBeTruthy();
    }
    for (const [code, entry] of Object.entries(errorCatalogue)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(entry.fi), code).toEqual(names(entry.en));
    }
  });
});
