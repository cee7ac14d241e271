import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { DEMO_STAFF, json, problem, renderApp, scriptedFetch, staffRoutes } from "../common/testing";
import { ClientAccessLogPage, newestFirst, type AccessLogEntry } from "./ClientAccessLog";
import { signedInAs, WhenSignedIn } from "./testSession";

const CLIENT_ID = "8d0c2f4e-6f43-4d4e-9d5b-2b2f0f3a1c11";
const PATH = `/api/v1/clients/${CLIENT_ID}/access-log`;

function entry(partial: Partial<AccessLogEntry>): AccessLogEntry {
  return {
    id: crypto.randomUUID(),
    at: "2026-11-20T08:00:00Z",
    actor: "wac1",
    actor_roles: "work_ability_coordinator",
    action: "read",
    subject_type: "client",
    reason: null,
    request_id: null,
    ...partial,
  };
}

function renderLog(routes: Parameters<typeof scriptedFetch>[0]) {
  const scripted = scriptedFetch({
    ...signedInAs("lead", ["team_lead"]),
    ...staffRoutes([...DEMO_STAFF, { username: "admin", display_name: "Aino Pääkäyttäjä", roles: ["admin"] }]),
    ...routes,
  });
  renderApp(
    <WhenSignedIn>
      <ClientAccessLogPage clientId={CLIENT_ID} />
    </WhenSignedIn>,
    { fetch: scripted.fetch },
  );
  return scripted;
}

describe("the client's access log", () => {
  it("lists who did what and why, newest first, in words", async () => {
    const { calls } = renderLog({
      [`GET ${PATH}`]: () =>
        json([
          entry({ at: "2026-11-19T07:30:00Z", actor: "wac1", action: "add_note" }),
          entry({ at: "2026-11-21T12:05:00Z", actor: "admin", actor_roles: "admin", action: "export", reason: "Tietopyyntö 2026/14" }),
          entry({ at: "2026-11-20T09:00:00Z", actor: "bc1", actor_roles: "business_coordinator", action: "something_new" }),
        ]),
    });

    expect(await screen.findByRole("heading", { level: 1, name: "Käsittelyloki" })).toBeInTheDocument();
    // People by name once the staff directory has answered.
    await screen.findByText("Aino Pääkäyttäjä");
    const rows = within(await screen.findByRole("table", { name: "Käsittelyloki" })).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell")[0]?.textContent)).toEqual([
      "Aino Pääkäyttäjä",
      "Bertta Yrityskoordinaattori",
      "Venla Työkykykoordinaattori",
    ]);
    expect(within(rows[0] as HTMLElement).getByText("Vei kaikki tiedot (tietopyyntö)")).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText("Tietopyyntö 2026/14")).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText("Pääkäyttäjä")).toBeInTheDocument();
    // An action the SPA does not know yet is shown by its code, not hidden.
    expect(within(rows[1] as HTMLElement).getByText("something_new")).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText("Kirjasi")).toBeInTheDocument();
    // 14.05 Helsinki time (UTC+2 in November).
    expect(within(rows[0] as HTMLElement).getByRole("rowheader")).toHaveTextContent("21.11.2026 klo 14.05.00");
    expect(screen.getByRole("status")).toHaveTextContent("3 merkintää, uusin ensin.");
    expect(calls.some((call) => new URL(call.url).pathname === PATH)).toBe(true);
  });

  it("names every read the clients service logs, the client page's own read among them", async () => {
    // The service's read_* actions (services/clients): none may show as its code.
    const reads = ["read_overview", "read_name", "read_responsibilities", "read_plan", "read_notes"];
    renderLog({ [`GET ${PATH}`]: () => json(reads.map((action) => entry({ action, reason: "Laadunvarmistus tai ohjaus" }))) });
    const table = await screen.findByRole("table", { name: "Käsittelyloki" });
    expect(within(table).getByText("Avasi asiakkaan sivun")).toBeInTheDocument();
    for (const action of reads) expect(within(table).queryByText(action)).not.toBeInTheDocument();
  });

  it("says so when the log is empty", async () => {
    renderLog({ [`GET ${PATH}`]: () => json([]) });
    expect(await screen.findByText("Lokissa ei ole merkintöjä.")).toBeInTheDocument();
  });

  it("treats 404 as not found or not allowed, without a retry", async () => {
    renderLog({ [`GET ${PATH}`]: () => problem(404, "No such client.") });
    expect(await screen.findByText("Asiakasta ei löytynyt, tai sinulla ei ole oikeutta sen lokiin.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Yritä uudelleen" })).toBeNull();
  });

  it("offers a retry after a server error, and shows the log once it answers", async () => {
    const user = userEvent.setup();
    let attempts = 0;
    renderLog({
      [`GET ${PATH}`]: () => {
        attempts += 1;
        return attempts === 1 ? problem(500, "Internal Server Error") : json([entry({})]);
      },
    });
    await user.click(await screen.findByRole("button", { name: "Yritä uudelleen" }));
    expect(await screen.findByText("Luki asiakkaan tiedot")).toBeInTheDocument();
  });
});

describe("newestFirst", () => {
  it("orders by time, newest first", () => {
    const older = entry({ at: "2026-01-01T00:00:00Z" });
    const newer = entry({ at: "2026-01-02T00:00:00+02:00" });
    expect(newestFirst([older, newer])).toEqual([newer, older]);
  });
});
