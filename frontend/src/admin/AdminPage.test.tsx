import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, problem, renderApp, scriptedFetch } from "../common/testing";
import { AdminPage } from "./AdminPage";
import { signedInAs, WhenSignedIn } from "./testSession";

const USERS = [
  { username: "admin", display_name: "Pekka Pääkäyttäjä", roles: ["admin"], active: true },
  { username: "wac1", display_name: "Tiina Virtanen", roles: ["work_ability_coordinator"], active: true },
];
const CLIENTS = [
  { client_id: "ladec", name: "LADEC Oy", scopes: ["leads:write", "leads:read"], active: true, rate_per_second: null, burst: null },
];

function routes(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return scriptedFetch({
    ...signedInAs("admin", ["admin"]),
    "GET /api/v1/admin/users": () => json(USERS),
    "GET /api/v1/admin/machine-clients": () => json(CLIENTS),
    ...extra,
  });
}

function renderAdmin(fetch: typeof globalThis.fetch) {
  renderApp(
    <WhenSignedIn>
      <AdminPage />
    </WhenSignedIn>,
    { fetch, path: "/yllapito" },
  );
}

function posts(calls: Request[], path: string) {
  return calls.filter((call) => call.method === "POST" && new URL(call.url).pathname === path);
}

describe("creating a user", () => {
  it("names every missing field, ties each message to its control, and sends nothing", async () => {
    const user = userEvent.setup();
    const { fetch, calls } = routes();
    renderAdmin(fetch);

    await user.click(await screen.findByRole("button", { name: "Uusi käyttäjä" }));
    await user.click(screen.getByRole("button", { name: "Luo käyttäjä" }));

    const summary = await screen.findByRole("heading", { name: "Korjaa seuraavat kohdat" });
    expect(summary).toBeInTheDocument();
    expect(screen.getByLabelText("Käyttäjätunnus")).toHaveAccessibleDescription(
      expect.stringContaining("Anna käyttäjätunnus."),
    );
    expect(screen.getByLabelText("Käyttäjätunnus")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Nimi")).toHaveAccessibleDescription("Anna nimi.");
    expect(screen.getByRole("group", { name: "Roolit" })).toHaveAccessibleDescription(
      expect.stringContaining("Valitse vähintään yksi rooli."),
    );
    expect(screen.getByLabelText("Alkusalasana")).toHaveAccessibleDescription(expect.stringContaining("Anna alkusalasana."));
    expect(posts(calls, "/api/v1/admin/users")).toHaveLength(0);
  });

  it("refuses a malformed username and a short password with the rule in words", async () => {
    const user = userEvent.setup();
    const { fetch, calls } = routes();
    renderAdmin(fetch);

    await user.click(await screen.findByRole("button", { name: "Uusi käyttäjä" }));
    await user.type(screen.getByLabelText("Käyttäjätunnus"), "Tiina V");
    await user.type(screen.getByLabelText("Nimi"), "Tiina Virtanen");
    await user.click(screen.getByLabelText("Tiiminvetäjä"));
    await user.type(screen.getByLabelText("Alkusalasana"), "lyhyt");
    await user.click(screen.getByRole("button", { name: "Luo käyttäjä" }));

    expect(await screen.findByLabelText("Käyttäjätunnus")).toHaveAccessibleDescription(
      expect.stringContaining("Käyttäjätunnuksessa saa olla vain pieniä kirjaimia"),
    );
    expect(screen.getByLabelText("Alkusalasana")).toHaveAccessibleDescription(
      expect.stringContaining("Salasanassa on oltava vähintään 12 merkkiä (nyt 5)."),
    );
    expect(screen.getByLabelText("Nimi")).not.toHaveAttribute("aria-invalid");
    expect(posts(calls, "/api/v1/admin/users")).toHaveLength(0);
  });

  it("puts a taken username (409) by the field and creates a valid user", async () => {
    const user = userEvent.setup();
    const bodies: unknown[] = [];
    const { fetch } = routes({
      "POST /api/v1/admin/users": async (request) => {
        const body = (await request.json()) as { username: string; roles: string[] };
        bodies.push(body);
        if (bodies.length === 1) return problem(409, "Conflict");
        return json({ username: body.username, display_name: "Uusi Ihminen", roles: body.roles, active: true }, { status: 201 });
      },
    });
    renderAdmin(fetch);

    await user.click(await screen.findByRole("button", { name: "Uusi käyttäjä" }));
    await user.type(screen.getByLabelText("Käyttäjätunnus"), "wac1");
    await user.type(screen.getByLabelText("Nimi"), "Uusi Ihminen");
    await user.type(screen.getByLabelText("Sähköpostiosoite"), " uusi@lahti.example ");
    await user.click(screen.getByLabelText("Työkykykoordinaattori"));
    await user.type(screen.getByLabelText("Alkusalasana"), "pitka-salasana-123");
    await user.click(screen.getByRole("button", { name: "Luo käyttäjä" }));

    expect(await screen.findByLabelText("Käyttäjätunnus")).toHaveAccessibleDescription(
      expect.stringContaining("Käyttäjätunnus on jo käytössä."),
    );

    await user.clear(screen.getByLabelText("Käyttäjätunnus"));
    await user.type(screen.getByLabelText("Käyttäjätunnus"), "uusi.ihminen");
    await user.click(screen.getByRole("button", { name: "Luo käyttäjä" }));

    expect(await screen.findByText("Käyttäjä uusi.ihminen on luotu.")).toBeInTheDocument();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual({
      username: "uusi.ihminen",
      display_name: "Uusi Ihminen",
      roles: ["work_ability_coordinator"],
      password: "pitka-salasana-123",
      email: "uusi@lahti.example",
      language: "fi",
    });
    expect(screen.getByRole("rowheader", { name: /uusi\.ihminen/ })).toBeInTheDocument();
  });

  it("offers no way to deactivate one's own account", async () => {
    const { fetch } = routes();
    renderAdmin(fetch);
    const ownRow = (await screen.findByRole("rowheader", { name: /Pekka Pääkäyttäjä admin/ })).closest("tr") as HTMLElement;
    expect(within(ownRow).queryByRole("button", { name: /Poista käytöstä/ })).toBeNull();
    expect(within(ownRow).getByText("Omaa tunnusta ei voi poistaa käytöstä.")).toBeInTheDocument();
  });
});

describe("creating a machine client", () => {
  it("names the missing id, name and scopes, and an impossible rate limit", async () => {
    const user = userEvent.setup();
    const { fetch, calls } = routes();
    renderAdmin(fetch);

    await user.click(await screen.findByRole("button", { name: "Uusi koneasiakas" }));
    await user.type(screen.getByLabelText("Pyyntöä sekunnissa"), "0");
    await user.type(screen.getByLabelText("Purske (pyyntöä kerralla)"), "2,5");
    await user.click(screen.getByRole("button", { name: "Luo koneasiakas" }));

    expect(await screen.findByLabelText("Asiakastunnus (client_id)")).toHaveAccessibleDescription(
      expect.stringContaining("Anna asiakastunnus."),
    );
    const form = screen.getByRole("form", { name: "Uusi koneasiakas" });
    expect(within(form).getByRole("textbox", { name: "Nimi" })).toHaveAccessibleDescription(
      expect.stringContaining("Anna nimi."),
    );
    expect(screen.getByRole("group", { name: "Oikeudet" })).toHaveAccessibleDescription(
      expect.stringContaining("Valitse vähintään yksi oikeus."),
    );
    expect(screen.getByLabelText("Pyyntöä sekunnissa")).toHaveAccessibleDescription(
      expect.stringContaining("suurempi kuin 0"),
    );
    expect(screen.getByLabelText("Purske (pyyntöä kerralla)")).toHaveAccessibleDescription(
      expect.stringContaining("kokonaislukuna"),
    );
    expect(posts(calls, "/api/v1/admin/machine-clients")).toHaveLength(0);
  });

  it("shows the secret once with a warning, and forgets it when the admin says it is stored", async () => {
    const user = userEvent.setup();
    const bodies: unknown[] = [];
    const { fetch } = routes({
      "POST /api/v1/admin/machine-clients": async (request) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        return json({ ...body, active: true, client_secret: "s3cr3t-value" }, { status: 201 });
      },
    });
    renderAdmin(fetch);

    await user.click(await screen.findByRole("button", { name: "Uusi koneasiakas" }));
    await user.type(screen.getByLabelText("Asiakastunnus (client_id)"), "bi2");
    const form = screen.getByRole("form", { name: "Uusi koneasiakas" });
    await user.type(within(form).getByRole("textbox", { name: "Nimi" }), "Raportointi 2");
    await user.click(screen.getByLabelText("Tunnuslukujen luku (metrics:read)"));
    await user.type(screen.getByLabelText("Pyyntöä sekunnissa"), "2,5");
    await user.click(screen.getByRole("button", { name: "Luo koneasiakas" }));

    const secretRegion = await screen.findByRole("region", { name: "Koneasiakkaan salaisuus" });
    expect(within(secretRegion).getByText(/Salaisuutta ei näytetä uudelleen/)).toBeInTheDocument();
    expect(within(secretRegion).getByLabelText("Salaisuus (client_secret)")).toHaveValue("s3cr3t-value");
    expect(bodies).toEqual([{
      client_id: "bi2",
      name: "Raportointi 2",
      scopes: ["metrics:read"],
      rate_per_second: 2.5,
      burst: null,
    }]);

    await user.click(within(secretRegion).getByRole("button", { name: "Olen tallentanut salaisuuden" }));
    expect(screen.queryByDisplayValue("s3cr3t-value")).toBeNull();
    expect(screen.getByRole("rowheader", { name: /bi2/ })).toBeInTheDocument();
  });

  it("asks before rotating a secret, then shows the new one", async () => {
    const user = userEvent.setup();
    const { fetch } = routes({
      "POST /api/v1/admin/machine-clients/ladec/secret": () => json({ ...CLIENTS[0], client_secret: "new-secret" }),
    });
    renderAdmin(fetch);

    await user.click(await screen.findByRole("button", { name: "Uusi salaisuus: ladec" }));
    expect(screen.getByText(/Vanha salaisuus lakkaa toimimasta heti/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Kyllä, luo uusi salaisuus" }));

    expect(await screen.findByDisplayValue("new-secret")).toBeInTheDocument();
  });
});
