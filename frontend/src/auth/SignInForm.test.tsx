import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AppRoutes } from "../App";
import { json, problem, renderApp, scriptedFetch } from "../common/testing";

const noSession = { "POST /auth/refresh": () => problem(401, "No session") };

async function signIn(username: string, password: string) {
  const user = userEvent.setup();
  await screen.findByRole("heading", { level: 1, name: "Kirjaudu Polkuun" });
  if (username) await user.type(screen.getByLabelText("Käyttäjätunnus"), username);
  if (password) await user.type(screen.getByLabelText("Salasana"), password);
  await user.click(screen.getByRole("button", { name: "Kirjaudu sisään" }));
}

describe("sign-in form", () => {
  it("names each empty field and marks it invalid, without calling the server", async () => {
    const { fetch, calls } = scriptedFetch(noSession);
    renderApp(<AppRoutes />, { fetch, path: "/kirjaudu" });

    await signIn("", "");

    expect(await screen.findByRole("heading", { name: "Korjaa seuraavat kohdat" })).toBeInTheDocument();
    const username = screen.getByLabelText("Käyttäjätunnus");
    const password = screen.getByLabelText("Salasana");
    expect(username).toHaveAttribute("aria-invalid", "true");
    expect(username).toHaveAccessibleDescription("Anna käyttäjätunnus.");
    expect(password).toHaveAccessibleDescription("Anna salasana.");
    expect(calls.map((call) => new URL(call.url).pathname)).not.toContain("/auth/login");
  });

  it("asks only for the password when the username is given", async () => {
    const { fetch } = scriptedFetch(noSession);
    renderApp(<AppRoutes />, { fetch, path: "/kirjaudu" });

    await signIn("wac1", "");

    expect(await screen.findByLabelText("Salasana")).toHaveAccessibleDescription("Anna salasana.");
    expect(screen.getByLabelText("Käyttäjätunnus")).not.toHaveAttribute("aria-invalid");
  });

  it("says the credentials are wrong on 401", async () => {
    const { fetch } = scriptedFetch({
      ...noSession,
      "POST /auth/login": () => problem(401, "Invalid credentials"),
    });
    renderApp(<AppRoutes />, { fetch, path: "/kirjaudu" });

    await signIn("wac1", "wrong");

    expect(await screen.findByText("Käyttäjätunnus tai salasana on väärin.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Kirjautuminen ei onnistunut" })).toBeInTheDocument();
  });

  it("shows the server's field errors next to the fields on 422", async () => {
    const { fetch } = scriptedFetch({
      ...noSession,
      "POST /auth/login": () =>
        problem(422, "Validation failed", {
          errors: [{ loc: ["body", "username"], msg: "String too long", code: "string_too_long", params: { max_length: 64 } }],
        }),
    });
    renderApp(<AppRoutes />, { fetch, path: "/kirjaudu" });

    await signIn("x".repeat(10), "polku");

    expect(await screen.findByLabelText("Käyttäjätunnus")).toHaveAccessibleDescription(
      "Teksti on liian pitkä: enintään 64 merkkiä.",
    );
  });

  it("tells how long to wait on 429, from Retry-After", async () => {
    const { fetch } = scriptedFetch({
      ...noSession,
      "POST /auth/login": () => problem(429, "Too Many Requests", {}, { "Retry-After": "42" }),
    });
    renderApp(<AppRoutes />, { fetch, path: "/kirjaudu" });

    await signIn("wac1", "polku");

    expect(
      await screen.findByText("Liian monta kirjautumisyritystä. Yritä uudelleen 42 s kuluttua."),
    ).toBeInTheDocument();
  });

  it("says the service is down on 503", async () => {
    const { fetch } = scriptedFetch({ ...noSession, "POST /auth/login": () => problem(503, "Unavailable") });
    renderApp(<AppRoutes />, { fetch, path: "/kirjaudu" });
    await signIn("wac1", "polku");
    expect(await screen.findByText(/Palvelu ei juuri nyt vastaa/)).toBeInTheDocument();
  });

  it("says the server cannot be reached when the request itself fails", async () => {
    const { fetch } = scriptedFetch({
      ...noSession,
      "POST /auth/login": () => Promise.reject(new TypeError("Failed to fetch")),
    });
    renderApp(<AppRoutes />, { fetch, path: "/kirjaudu" });
    await signIn("wac1", "polku");
    expect(await screen.findByText(/Yhteyttä palvelimeen ei saatu/)).toBeInTheDocument();
  });

  it("signs in, shows the person's name and role, and lands on their first section", async () => {
    const { fetch, calls } = scriptedFetch({
      ...noSession,
      "POST /auth/login": () => json({ access_token: "token-1", token_type: "Bearer", expires_in: 900 }),
      "GET /api/v1/me": () =>
        json({ username: "wac1", display_name: "Aino Virtanen", roles: ["work_ability_coordinator"], scopes: [] }),
    });
    renderApp(<AppRoutes />, { fetch, path: "/kirjaudu" });

    await signIn("wac1", "polku");

    expect(await screen.findByRole("heading", { level: 1, name: "Oma päivä" })).toBeInTheDocument();
    expect(screen.getByText("Aino Virtanen")).toBeInTheDocument();
    expect(screen.getByText("Työkykykoordinaattori")).toBeInTheDocument();
    const meCall = calls.find((call) => new URL(call.url).pathname === "/api/v1/me");
    expect(meCall?.headers.get("Authorization")).toBe("Bearer token-1");
    // The token must never reach web storage.
    expect(JSON.stringify({ ...window.localStorage })).not.toContain("token-1");
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain("token-1");
  });
});
