import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { signedInAs } from "../admin/testSession";
import { AppRoutes } from "../App";
import { json, problem, renderApp, scriptedFetch, staffRoutes, type Route } from "../common/testing";

const CODE = "131052-308T";
const EMPLOYER_ID = "00000000-0000-0000-0000-0000000000a1";
const OTHER_EMPLOYER_ID = "00000000-0000-0000-0000-0000000000a2";

const client = {
  id: "00000000-0000-0000-0000-0000000000c1",
  first_name: "Aino",
  last_name: "Asiakas",
  personal_identity_code: "131052-***T",
  birth_year: 1952,
  municipality: "Lahti",
  awaiting_triage: false,
  possible_duplicates: [],
  state: "active",
  service_line: "work_ability",
  enrolment_id: null,
  registered_on: null,
  coordinators: [],
  contact_due: null,
  overdue_working_days: null,
};

const employer = { id: EMPLOYER_ID, name: "Lahden Leipä Oy", business_id: "0737546-2", status: "partner" };
const lead = (id: string, employerId: string, externalId: string | null) => ({
  id,
  employer_id: employerId,
  external_id: externalId,
  status: "new",
});
const opening = { id: "00000000-0000-0000-0000-0000000000b1", employer_id: EMPLOYER_ID, title: "Leipuri" };

function paths(calls: Request[]) {
  return calls.map((call) => new URL(call.url)).map((url) => `${url.pathname}${url.search}`);
}

function render(username: string, roles: string[], routes: Record<string, Route>, path = "/mina") {
  const scripted = scriptedFetch({ ...signedInAs(username, roles), ...staffRoutes(), ...routes });
  renderApp(<AppRoutes />, { fetch: scripted.fetch, path });
  return scripted;
}

async function searchFor(words: string) {
  const user = userEvent.setup();
  const box = await screen.findByRole("searchbox", { name: "Hae asiakkaita, työnantajia, liidejä ja paikkoja" });
  await user.type(box, words);
  await user.click(within(screen.getByRole("search", { name: "Haku" })).getByRole("button", { name: "Hae" }));
}

const employerSide: Record<string, Route> = {
  "GET /api/v1/employers": () => json({ items: [employer], next_cursor: null }),
  "GET /api/v1/leads": () =>
    json({
      // The second is another company's lead, as a list that ignores `q` would answer.
      items: [lead("00000000-0000-0000-0000-0000000000d1", EMPLOYER_ID, "LADEC-7"), lead("00000000-0000-0000-0000-0000000000d2", OTHER_EMPLOYER_ID, "LADEC-8")],
      next_cursor: null,
    }),
  "GET /api/v1/employers/openings": () => json({ items: [opening], next_cursor: null }),
  [`GET /api/v1/employers/${OTHER_EMPLOYER_ID}`]: () => json({ ...employer, id: OTHER_EMPLOYER_ID, name: "Muu Oy" }),
};

describe("global search", () => {
  it("finds a client by identity code from the header and links to the client's page", async () => {
    const { calls } = render("wac1", ["work_ability_coordinator"], {
      "GET /api/v1/clients": (request) =>
        json({ items: new URL(request.url).searchParams.get("q") === CODE ? [client] : [], next_cursor: null, total: 1 }),
      ...employerSide,
    });

    await searchFor(CODE);

    expect(await screen.findByRole("heading", { level: 1, name: `Hakutulokset: ”${CODE}”` })).toBeInTheDocument();
    const clients = await screen.findByRole("region", { name: "Asiakkaat (1)" });
    expect(within(clients).getByRole("link", { name: "Asiakas Aino" })).toHaveAttribute("href", `/asiakkaat/${client.id}`);
    expect(within(clients).getByText("Henkilötunnus 131052-***T")).toBeInTheDocument();
    expect(paths(calls)).toContain(`/api/v1/clients?q=${CODE}&limit=10`);
  });

  it("groups employers, leads and openings, naming the company, and keeps only matching leads", async () => {
    render("bc1", ["business_coordinator"], {
      "GET /api/v1/clients": () => json({ items: [], next_cursor: null, total: 0 }),
      ...employerSide,
    });

    await searchFor("leipä");

    expect(await screen.findByRole("region", { name: "Asiakkaat (0)" })).toHaveTextContent("Ei asiakkaita tällä haulla.");
    const employers = await screen.findByRole("region", { name: "Työnantajat (1)" });
    expect(within(employers).getByRole("link", { name: "Lahden Leipä Oy" })).toHaveAttribute("href", `/tyonantajat/${EMPLOYER_ID}`);
    expect(within(employers).getByText("Y-tunnus 0737546-2 · kumppani")).toBeInTheDocument();
    const leads = screen.getByRole("region", { name: "Rekrytointiliidit (1)" });
    expect(within(leads).getByRole("link", { name: "Lahden Leipä Oy" })).toHaveAttribute(
      "href",
      "/tyonantajat/liidit/00000000-0000-0000-0000-0000000000d1",
    );
    expect(within(leads).queryByText(/LADEC-8/)).not.toBeInTheDocument();
    const openings = screen.getByRole("region", { name: "Työpaikat (1)" });
    expect(within(openings).getByRole("link", { name: "Leipuri" })).toBeInTheDocument();
    expect(within(openings).getByText("Työnantaja: Lahden Leipä Oy")).toBeInTheDocument();
  });

  it("shows a list that refuses `q` as no results and the others as they are", async () => {
    render("bc1", ["business_coordinator"], {
      "GET /api/v1/clients": () => json({ items: [], next_cursor: null, total: 0 }),
      ...employerSide,
      "GET /api/v1/leads": () => problem(422, "Unprocessable", { code: "validation_failed" }),
      "GET /api/v1/employers/openings": () => problem(422, "Unprocessable", { code: "validation_failed" }),
    });

    await searchFor("leipä");

    expect(await screen.findByRole("region", { name: "Rekrytointiliidit (0)" })).toHaveTextContent("Ei liidejä tällä haulla.");
    expect(screen.getByRole("region", { name: "Työpaikat (0)" })).toHaveTextContent("Ei työpaikkoja tällä haulla.");
    expect(screen.getByRole("region", { name: "Työnantajat (1)" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("asks a coach's search only of the clients service", async () => {
    const { calls } = render("coach", ["coach"], {
      "GET /api/v1/clients": () => json({ items: [], next_cursor: null, total: 0 }),
    });

    await searchFor("Aino");

    expect(await screen.findByRole("region", { name: "Asiakkaat (0)" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /Työnantajat/ })).not.toBeInTheDocument();
    expect(paths(calls).filter((path) => path.startsWith("/api/v1/employers") || path.startsWith("/api/v1/leads"))).toEqual([]);
  });

  it("says so in the group when a service is down, and the other groups still answer", async () => {
    render("bc1", ["business_coordinator"], {
      "GET /api/v1/clients": () => problem(503, "Unavailable", { code: "service_unavailable" }),
      ...employerSide,
    });

    await searchFor("leipä");

    expect(await screen.findByRole("alert")).toHaveTextContent("Tietojen haku ei onnistunut");
    expect(await screen.findByRole("region", { name: "Työnantajat (1)" })).toBeInTheDocument();
  });

  it("offers no search box to an administrator, who has no section it covers", async () => {
    render("admin", ["admin"], {});

    expect(await screen.findByRole("heading", { level: 1, name: "Minä" })).toBeInTheDocument();
    expect(screen.queryByRole("search")).not.toBeInTheDocument();
  });
});
