import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { signedInAs, WhenSignedIn } from "../admin/testSession";
import { json, renderApp, scriptedFetch, staffRoutes, type Route } from "../common/testing";
import { ReferralsPage } from "./ReferralsPage";

const JOB = {
  id: "r1",
  kind: "job",
  client_id: "c1",
  client_name: "Aino Asiakas",
  enrolment_id: "e1",
  from_user: "bc1",
  from_role: "business_coordinator",
  to_user: null,
  to_role: null,
  partner_id: null,
  partner_kind: null,
  opening_id: "o1",
  employer_id: "emp1",
  lead_id: "l1",
  message: null,
  status: "sent",
  decline_reason: null,
  result: null,
  stage: null,
  sent_at: "2026-12-01T08:00:00Z",
  response_due: "2026-12-08",
  overdue: false,
  responded_at: null,
  closed_at: null,
  effects: [],
  summary: [],
  history: [],
};

function renderJob(who: string, roles: string[], referral: Record<string, unknown>, routes: Record<string, Route> = {}) {
  const scripted = scriptedFetch({
    ...signedInAs(who, roles),
    ...staffRoutes(),
    "GET /api/v1/referrals/r1": () => json(referral),
    ...routes,
  });
  renderApp(
    <WhenSignedIn>
      <ReferralsPage />
    </WhenSignedIn>,
    { fetch: scripted.fetch, path: "/r1" },
  );
  return scripted;
}

describe("a job referral without a named coordinator", () => {
  it("shows its sender the employer's answers: stage, acceptance, and the result once accepted", async () => {
    const user = userEvent.setup();
    const scripted = renderJob("bc1", ["business_coordinator"], JOB, {
      "POST /api/v1/referrals/r1/stage": () => json({ ...JOB, stage: "presented" }),
    });
    expect(await screen.findByText("Työnantajan avoin paikka (vastaukset kirjaa lähettäjä)")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Avaa työnantajan sivu" })).toHaveAttribute("href", "/tyonantajat/emp1");
    expect(screen.getByRole("button", { name: "Hyväksy" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Merkitse esitellyksi työnantajalle" }));
    expect(await screen.findByText("Vaihe kirjattu.")).toBeInTheDocument();
    const stage = scripted.calls.find((call) => call.url.endsWith("/r1/stage"));
    expect(await stage?.json()).toEqual({ stage: "presented" });
  });

  it("offers hired and not hired on an accepted one in the interview stage", async () => {
    renderJob("bc1", ["business_coordinator"], { ...JOB, status: "accepted", stage: "interview" });
    expect(await screen.findByText("Haastattelussa")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Merkitse valmiiksi: Palkattiin" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Merkitse valmiiksi: Ei palkattu" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Merkitse haastatteluun" })).not.toBeInTheDocument();
  });

  it("offers no answers to anyone else", async () => {
    renderJob("lead", ["team_lead"], { ...JOB, status: "accepted" });
    expect(await screen.findByText("Työnantajan avoin paikka (vastaukset kirjaa lähettäjä)")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Palkattiin|Merkitse esitellyksi|^Hyväksy$/ })).not.toBeInTheDocument();
  });
});
