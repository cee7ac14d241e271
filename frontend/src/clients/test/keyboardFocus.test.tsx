// Where focus goes when a form's part closes or a step changes: never to the page's start
// (WCAG 2.4.3). Each case is one that the keyboard e2e spec found losing focus.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Link, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { Dialog } from "../../common/Dialog";
import { Layout } from "../../common/Layout";
import { PageHeading } from "../../common/PageHeading";
import { json, problem } from "../../common/testing";
import type { Meeting, Plan } from "../api";
import { PlanEditor } from "../PlanEditor";
import { ReferInPage } from "../ReferInPage";
import { PathwaySection } from "../sections/PathwaySection";
import { bodiesOf, CATALOGUE, CLIENT_ID, enrolment, ENROLMENT_ID, overview, renderSignedIn } from "./fixtures";

const base = `/api/v1/clients/${CLIENT_ID}`;

describe("the referral in, step by step", () => {
  it("gives focus to the heading of each new step", async () => {
    const user = userEvent.setup();
    renderSignedIn(
      <ReferInPage />,
      {
        "POST /api/v1/clients/lookup": () => problem(404, "Not Found", { code: "client_not_found" }),
        "POST /api/v1/clients": () => json({ id: CLIENT_ID, first_name: "Aino", last_name: "Asiakas" }, { status: 201 }),
      },
      { username: "coach", roles: ["coach"] },
    );
    await user.type(await screen.findByRole("textbox", { name: /Henkilötunnus/ }), "010190-123A{Enter}");
    expect(await screen.findByRole("heading", { name: "Lisää uusi asiakas" })).toHaveFocus();
    await user.type(screen.getByRole("textbox", { name: /Etunimi/ }), "Aino");
    await user.type(screen.getByRole("textbox", { name: /Sukunimi/ }), "Asiakas{Enter}");
    expect(await screen.findByRole("heading", { name: "Ohjaa Aino Asiakas" })).toHaveFocus();
  });
});

describe("the plan editor from the keyboard", () => {
  const saved: Plan = {
    id: "p1",
    client_id: CLIENT_ID,
    enrolment_id: null,
    goals: ["Työpaikka"],
    actions: [{ id: "a1", what: "Päivitä CV", owner: "wac1", due_on: null, done_on: null }],
    reviewed_on: null,
    updated_by: "wac1",
    updated_at: "2026-11-23T10:00:00Z",
  };

  it("puts focus in a new action's first field, and keeps the editor (and its focus) after a save", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<PlanEditor view={overview()} />, { [`PUT ${base}/plan`]: () => json(saved) });
    await user.type(await screen.findByRole("textbox", { name: "Tavoite 1" }), "Työpaikka");
    await user.click(screen.getByRole("button", { name: "Lisää toimenpide" }));
    const what = within(screen.getByRole("group", { name: "Toimenpide 1" })).getByRole("textbox", { name: "Mitä tehdään" });
    expect(what).toHaveFocus();
    await user.keyboard("Päivitä CV");
    const save = screen.getByRole("button", { name: "Tallenna suunnitelma" });
    await user.click(save);
    expect(await screen.findByText("Asiakassuunnitelma tallennettu.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Tallenna suunnitelma" })).toHaveFocus();
    // The rows took the saved ids: saving again updates the same action.
    await user.click(screen.getByRole("button", { name: "Tallenna suunnitelma" }));
    await waitFor(async () => expect(await bodiesOf(calls, "PUT", `${base}/plan`)).toHaveLength(2));
    const [, again] = (await bodiesOf(calls, "PUT", `${base}/plan`)) as { actions: { id?: string }[] }[];
    expect(again?.actions.map((action) => action.id)).toEqual(["a1"]);
  });
});

describe("a booked meeting from the keyboard", () => {
  const future = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
  const meeting = {
    id: "m1",
    enrolment_id: ENROLMENT_ID,
    kind: "follow_up",
    status: "scheduled",
    at: future,
    ends_at: null,
    place: "Palvelutori",
    remote_link: null,
    participants: ["wac1"],
  } as unknown as Meeting;

  function renderMeeting() {
    // The page shows the overview it was given; the change's own answer is enough here.
    return renderSignedIn(<PathwaySection view={overview({ enrolments: [enrolment({ meetings: [meeting] })] })} />, {
      "GET /api/v1/clients/catalogue": () => json(CATALOGUE),
      "GET /api/v1/referrals": () => json({ items: [], next_cursor: null }),
      [`PATCH ${base}/enrolments/${ENROLMENT_ID}/meetings/m1`]: () => json(meeting),
    });
  }

  it("gives focus back to the move button when the move form closes, and says it moved", async () => {
    const user = userEvent.setup();
    renderMeeting();
    const move = await screen.findByRole("button", { name: /^Siirrä: / });
    await user.click(move);
    await user.click(screen.getByRole("button", { name: "Siirrä" }));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Siirrä" })).not.toBeInTheDocument());
    expect(move).toHaveFocus();
    expect(screen.getByText("Tapaaminen siirretty.")).toBeInTheDocument();
  });

  it("gives focus to the meeting when marking it held takes its buttons away", async () => {
    const user = userEvent.setup();
    renderMeeting();
    const held = await screen.findByRole("button", { name: /^Merkitse pidetyksi: / });
    const row = held.closest("li");
    await user.click(held);
    await waitFor(() => expect(row).toHaveFocus());
  });
});

describe("a page that opens with a dialog", () => {
  it("leaves focus in the dialog rather than moving it to the heading behind", async () => {
    const user = userEvent.setup();
    renderSignedIn(
      <Routes>
        <Route element={<Layout />}>
          <Route path="/" element={<Link to="/asiakas">Avaa</Link>} />
          <Route
            path="/asiakas"
            element={
              <>
                <PageHeading title="Asiakas">Asiakas</PageHeading>
                <Dialog title="Miksi?" onCancel={() => undefined}>
                  <button type="button">Syy</button>
                </Dialog>
              </>
            }
          />
          <Route path="/muu" element={<PageHeading title="Muu">Muu</PageHeading>} />
        </Route>
      </Routes>,
    );
    await user.click(await screen.findByRole("link", { name: "Avaa" }));
    expect(await screen.findByRole("button", { name: "Syy" })).toHaveFocus();
  });

  it("still moves focus to the new page's heading when no dialog opens", async () => {
    const user = userEvent.setup();
    renderSignedIn(
      <Routes>
        <Route element={<Layout />}>
          <Route path="/" element={<Link to="/muu">Muu sivu</Link>} />
          <Route path="/muu" element={<PageHeading title="Muu">Muu</PageHeading>} />
        </Route>
      </Routes>,
    );
    await user.click(await screen.findByRole("link", { name: "Muu sivu" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Muu" })).toHaveFocus();
  });
});
