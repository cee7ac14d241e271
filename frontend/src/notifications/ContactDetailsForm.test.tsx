import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { signedInAs } from "../admin/testSession";
import { AppRoutes } from "../App";
import { json, problem, renderApp, scriptedFetch, staffRoutes, type Route } from "../common/testing";

function renderMePage(extra: Record<string, Route> = {}) {
  const scripted = scriptedFetch({ ...signedInAs("wac1", ["work_ability_coordinator"]), ...staffRoutes(), ...extra });
  renderApp(<AppRoutes />, { fetch: scripted.fetch, path: "/mina" });
  return scripted;
}

function meCalls(calls: Request[]) {
  return calls.filter((call) => call.method === "PATCH" && new URL(call.url).pathname === "/api/v1/me");
}

describe("own contact details on Minä", () => {
  it("saves the e-mail address and the language and shows what was kept", async () => {
    const { calls } = renderMePage({
      "PATCH /api/v1/me": () =>
        json({
          username: "wac1",
          display_name: "Name of wac1",
          roles: ["work_ability_coordinator"],
          scopes: [],
          email: "tiina@lahti.example",
          language: "en",
        }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole("region", { name: "Yhteystiedot ilmoituksia varten" });

    await user.type(within(form).getByLabelText(/^Sähköpostiosoite/), "tiina@lahti.example");
    await user.selectOptions(within(form).getByLabelText(/^Viestien kieli/), "en");
    await user.click(within(form).getByRole("button", { name: "Tallenna yhteystiedot" }));

    expect(await screen.findByText("Yhteystiedot on tallennettu.")).toBeInTheDocument();
    const [sent] = meCalls(calls);
    expect(await sent?.json()).toEqual({ email: "tiina@lahti.example", language: "en" });
    expect(within(form).getByLabelText(/^Sähköpostiosoite/)).toHaveValue("tiina@lahti.example");
    expect(within(form).getByLabelText(/^Viestien kieli/)).toHaveValue("en");
  });

  it("sends an emptied address as null so that mail stops", async () => {
    const { calls } = renderMePage({
      "PATCH /api/v1/me": () =>
        json({ username: "wac1", display_name: "Name of wac1", roles: [], scopes: [], email: null, language: "fi" }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole("region", { name: "Yhteystiedot ilmoituksia varten" });

    await user.click(within(form).getByRole("button", { name: "Tallenna yhteystiedot" }));

    await screen.findByText("Yhteystiedot on tallennettu.");
    expect(await meCalls(calls)[0]?.json()).toEqual({ email: null, language: "fi" });
  });

  it("shows the server's refusal of an address at the field, in Finnish", async () => {
    renderMePage({
      "PATCH /api/v1/me": () =>
        problem(422, "Unprocessable", {
          errors: [{ loc: ["body", "email"], msg: "not an e-mail address", code: "invalid_email" }],
        }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole("region", { name: "Yhteystiedot ilmoituksia varten" });

    await user.type(within(form).getByLabelText(/^Sähköpostiosoite/), "tiina@lahti");
    await user.click(within(form).getByRole("button", { name: "Tallenna yhteystiedot" }));

    const field = await within(form).findByLabelText(/^Sähköpostiosoite/);
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(expect.stringContaining("Sähköpostiosoite ei ole kelvollinen."));
    expect(screen.queryByText("not an e-mail address")).not.toBeInTheDocument();
  });
});
