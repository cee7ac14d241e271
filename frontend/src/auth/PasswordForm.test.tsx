import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { signedInAs } from "../admin/testSession";
import { AppRoutes } from "../App";
import { problem, renderApp, scriptedFetch, staffRoutes, type Route } from "../common/testing";

const NEW = "uusi-pitka-salasana-1";

function renderMePage(extra: Record<string, Route> = {}) {
  const scripted = scriptedFetch({ ...signedInAs("wac1", ["work_ability_coordinator"]), ...staffRoutes(), ...extra });
  renderApp(<AppRoutes />, { fetch: scripted.fetch, path: "/mina" });
  return scripted;
}

async function fill(current: string, next: string, again: string = next) {
  const user = userEvent.setup();
  const form = await screen.findByRole("region", { name: "Vaihda salasana" });
  if (current) await user.type(within(form).getByLabelText(/^Nykyinen salasana/), current);
  if (next) await user.type(within(form).getByLabelText(/^Uusi salasana \(/), next);
  if (again) await user.type(within(form).getByLabelText(/^Uusi salasana uudelleen/), again);
  await user.click(within(form).getByRole("button", { name: "Vaihda salasana" }));
}

function passwordCalls(calls: Request[]) {
  return calls.filter((call) => new URL(call.url).pathname === "/api/v1/me/password");
}

describe("own password on Minä", () => {
  it("sends the current and the new password and says the other sessions ended", async () => {
    const { calls } = renderMePage({ "POST /api/v1/me/password": () => new Response(null, { status: 204 }) });

    await fill("polku", NEW);

    expect(await screen.findByText("Salasana on vaihdettu. Muut istuntosi on päätetty.")).toBeInTheDocument();
    const [sent] = passwordCalls(calls);
    expect(await sent?.json()).toEqual({ current_password: "polku", new_password: NEW });
    expect(screen.getByLabelText(/^Nykyinen salasana/)).toHaveValue("");
  });

  it("names a short new password and a mismatch at their fields, without calling the server", async () => {
    const { calls } = renderMePage();

    await fill("polku", "lyhyt", "toinen");

    expect(await screen.findByRole("heading", { name: "Korjaa seuraavat kohdat" })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Uusi salasana \(/)).toHaveAccessibleDescription(
      "Vähintään 12 merkkiä. Uudessa salasanassa on oltava vähintään 12 merkkiä (nyt 5).",
    );
    expect(screen.getByLabelText(/^Uusi salasana \(/)).toHaveAttribute("aria-invalid", "true");
    expect(passwordCalls(calls)).toHaveLength(0);
  });

  it("asks for the current password and the repeated new one", async () => {
    renderMePage();

    await fill("", NEW, "");

    expect(await screen.findByLabelText(/^Nykyinen salasana/)).toHaveAccessibleDescription("Anna nykyinen salasanasi.");
    expect(screen.getByLabelText(/^Uusi salasana uudelleen/)).toHaveAccessibleDescription(
      "Salasanat eivät ole samat. Kirjoita uusi salasana uudelleen.",
    );
  });

  it("shows a wrong current password at its field and moves focus to the summary", async () => {
    renderMePage({
      "POST /api/v1/me/password": () =>
        problem(422, "Unprocessable", {
          code: "wrong_current_password",
          errors: [{ loc: ["body", "current_password"], msg: "The current password is wrong.", code: "wrong_current_password" }],
        }),
    });

    await fill("arvaus", NEW);

    const current = await screen.findByLabelText(/^Nykyinen salasana/);
    expect(await screen.findByRole("link", { name: "Nykyinen salasana on väärä." })).toBeInTheDocument();
    expect(current).toHaveAccessibleDescription("Nykyinen salasana on väärä.");
    expect(document.activeElement).toHaveTextContent("Korjaa seuraavat kohdat");
  });

  it("says when to try again after too many wrong passwords", async () => {
    renderMePage({
      "POST /api/v1/me/password": () =>
        problem(429, "Too many", { code: "too_many_password_attempts" }, { "Retry-After": "60" }),
    });

    await fill("arvaus", NEW);

    expect(await screen.findByText(/Yritä uudelleen 60 s kuluttua/)).toBeInTheDocument();
  });
});
