// The client page's reads as the access log sees them: one per opening, with that opening's
// reason, and none for moving between the page's sections.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Link, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { json } from "../../common/testing";
import { ClientPage } from "../ClientPage";
import { CLIENT_ID, overview, renderSignedIn } from "./fixtures";

const base = `/api/v1/clients/${CLIENT_ID}`;

describe("the client page's reads", () => {
  it("reads once per opening with its reason, also when opened again soon after; sections read nothing", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(
      <Routes>
        <Route path="/asiakkaat" element={<Link to={`/asiakkaat/${CLIENT_ID}`}>Aino Asiakas</Link>} />
        <Route path="/asiakkaat/:clientId/*" element={<ClientPage />} />
      </Routes>,
      {
        [`GET ${base}/overview`]: () => json(overview({ capabilities: ["profile", "enrolments", "pathway", "consents", "notes"] })),
        "GET /api/v1/clients/catalogue": () => json({ municipalities: [], outcomes: [] }),
        "GET /api/v1/referrals": () => json({ items: [], next_cursor: null }),
      },
      { username: "lead", roles: ["team_lead"], path: `/asiakkaat/${CLIENT_ID}` },
    );
    const reads = () => calls.filter((call) => call.method === "GET" && new URL(call.url).pathname === `${base}/overview`);
    const open = async (reason: string) => {
      const dialog = await screen.findByRole("dialog", { name: "Miksi avaat asiakkaan tiedot?" });
      await user.click(within(dialog).getByRole("radio", { name: reason }));
      await user.click(within(dialog).getByRole("button", { name: "Avaa asiakkaan tiedot" }));
      await screen.findByRole("heading", { level: 1, name: "Aino Asiakas" });
    };

    await open("Laadunvarmistus tai ohjaus");
    const sections = screen.getByRole("navigation", { name: "Asiakkaan tiedot" });
    for (const name of ["Palvelupolku", "Suunnitelma", "Kirjaukset", "Yleiskuva"]) {
      await user.click(within(sections).getByRole("link", { name }));
    }
    await user.click(screen.getByRole("link", { name: "Takaisin asiakaslistaan" }));
    await user.click(await screen.findByRole("link", { name: "Aino Asiakas" }));
    await open("Raportointi tai tilastointi");
    await waitFor(() => expect(reads()).toHaveLength(2));
    expect(reads().map((call) => call.headers.get("X-Access-Reason"))).toEqual(["Laadunvarmistus tai ohjaus", "Raportointi tai tilastointi"]);
  });
});
