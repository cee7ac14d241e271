import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { signedInAs } from "../admin/testSession";
import { AppRoutes } from "../App";
import { json, problem, renderApp, scriptedFetch, staffRoutes, type Route } from "../common/testing";
import { NOTIFICATION_KINDS } from "./api";

const PREFERENCES = {
  kinds: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, "app_email"])),
  email_mode: "digest",
  digest_hour: 7,
  email: "bertta@lahti.example",
};
const FEED = "/api/v1/notifications/calendar";
const URL_1 = "webcal://polku.example/api/v1/notifications/calendar/first-token.ics";
const URL_2 = "webcal://polku.example/api/v1/notifications/calendar/second-token.ics";

function renderSettings(routes: Record<string, Route>) {
  const scripted = scriptedFetch({
    ...signedInAs("bc1", ["business_coordinator"]),
    ...staffRoutes(),
    "GET /api/v1/notifications/count": () => json({ unread: 0 }),
    "GET /api/v1/notifications/preferences": () => json(PREFERENCES),
    ...routes,
  });
  renderApp(<AppRoutes />, { fetch: scripted.fetch, path: "/ilmoitukset/asetukset" });
  return scripted;
}

function calls(all: Request[], method: string) {
  return all.filter((call) => call.method === method && new URL(call.url).pathname === FEED);
}

describe("the calendar feed on the settings page", () => {
  it("shows the new address in a labelled read-only field and copies it", async () => {
    renderSettings({ [`GET ${FEED}`]: () => json({ url: URL_1, created_at: "2026-12-03T10:00:00Z" }) });
    const user = userEvent.setup();
    // After the setup, which puts a clipboard of its own in place.
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });

    await user.click(await screen.findByRole("button", { name: "Näytä syötteen osoite" }));
    const field = await screen.findByRole("textbox", { name: "Kalenterisyötteen osoite" });
    expect(field).toHaveValue(URL_1);
    expect(field).toHaveAttribute("readonly");
    await user.click(screen.getByRole("button", { name: "Kopioi osoite" }));

    expect(writeText).toHaveBeenCalledWith(URL_1);
    expect(await screen.findByText("Osoite on kopioitu leikepöydälle.")).toHaveAttribute("role", "status");
  });

  it("says a feed in use cannot be shown again and makes a new address after a confirmation", async () => {
    let url: string | null = null;
    const { calls: all } = renderSettings({
      [`GET ${FEED}`]: () => json({ url, created_at: "2026-12-01T08:00:00Z" }),
      [`DELETE ${FEED}`]: () => {
        url = URL_2;
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Näytä syötteen osoite" }));
    expect(await screen.findByText(/Osoitetta ei voi näyttää uudelleen/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Uusi osoite" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Tehdäänkö uusi osoite?" });
    await user.click(within(dialog).getByRole("button", { name: "Uusi osoite" }));

    expect(await screen.findByRole("textbox", { name: "Kalenterisyötteen osoite" })).toHaveValue(URL_2);
    expect(screen.getByText("Uusi osoite on tehty. Vanha osoite ei enää toimi.")).toHaveAttribute("role", "status");
    expect(calls(all, "DELETE")).toHaveLength(1);
  });

  it("turns the feed off only when confirmed", async () => {
    const { calls: all } = renderSettings({
      [`GET ${FEED}`]: () => json({ url: URL_1, created_at: "2026-12-03T10:00:00Z" }),
      [`DELETE ${FEED}`]: () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Näytä syötteen osoite" }));
    await screen.findByRole("textbox", { name: "Kalenterisyötteen osoite" });

    await user.click(screen.getByRole("button", { name: "Poista käytöstä" }));
    await user.click(await screen.findByRole("button", { name: "Peruuta" }));
    expect(calls(all, "DELETE")).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Poista käytöstä" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Poistetaanko kalenterisyöte käytöstä?" });
    await user.click(within(dialog).getByRole("button", { name: "Poista käytöstä" }));

    expect(await screen.findByText("Kalenterisyöte on poistettu käytöstä.")).toHaveAttribute("role", "status");
    expect(screen.queryByRole("textbox", { name: "Kalenterisyötteen osoite" })).not.toBeInTheDocument();
    await waitFor(() => expect(calls(all, "DELETE")).toHaveLength(1));
  });

  it("tells a failure in the app's own words", async () => {
    renderSettings({ [`GET ${FEED}`]: () => problem(503, "Service Unavailable") });
    await userEvent.setup().click(await screen.findByRole("button", { name: "Näytä syötteen osoite" }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
  });
});
