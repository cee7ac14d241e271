import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { signedInAs } from "../admin/testSession";
import { AppRoutes } from "../App";
import { json, problem, renderApp, scriptedFetch, staffRoutes, type Route } from "../common/testing";

const CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";
const LEAD_ID = "00000000-0000-0000-0000-0000000000d1";
const EMPLOYER_ID = "00000000-0000-0000-0000-0000000000a1";
const REFERRAL_ID = "00000000-0000-0000-0000-0000000000f1";

const item = (overrides: Record<string, unknown> = {}) => ({
  kind: "contacts_due",
  client_id: CLIENT_ID,
  client_name: "Aino Asiakas",
  first_name: "Aino",
  last_name: "Asiakas",
  enrolment_id: "00000000-0000-0000-0000-0000000000e1",
  due: "2026-11-20",
  working_days_overdue: 3,
  fix: "record_contact",
  coordinators: ["wac1"],
  ...overrides,
});

const unit = {
  today: "2026-11-25",
  overdue_contacts: [item()],
  exit_forms_missing: [item({ kind: "exit_form_missing", due: "2026-11-01", detail: "employed", coordinators: ["bc1"], enrolment_id: "e2" })],
  caseload: [
    { username: "wac1", role: "work_ability_coordinator", open_enrolments: 11, active_enrolments: 9, target: 25, share_of_target: 44 },
  ],
};

const routes: Record<string, Route> = {
  ...signedInAs("lead", ["team_lead"]),
  ...staffRoutes(),
  "GET /api/v1/clients/worklist/unit": () => json(unit),
  "GET /api/v1/leads": () =>
    json({
      items: [
        {
          id: LEAD_ID,
          employer_id: EMPLOYER_ID,
          coordinator: "bc1",
          contact_overdue: false,
          follow_up_overdue: true,
          contact_due: "2026-10-01",
          follow_up_due: "2026-11-22",
          status: "follow_up",
        },
      ],
      next_cursor: null,
    }),
  [`GET /api/v1/employers/${EMPLOYER_ID}`]: () => json({ id: EMPLOYER_ID, name: "Lahden Leipä Oy" }),
  "GET /api/v1/referrals": () =>
    json({
      items: [
        {
          id: REFERRAL_ID,
          kind: "transfer",
          client_name: "Aino Asiakas",
          from_user: "wac1",
          to_user: "bc1",
          status: "sent",
          sent_at: "2026-11-20T07:30:00Z",
          response_due: "2026-11-24",
          overdue: true,
        },
      ],
      next_cursor: null,
    }),
};

/** The section under the heading `name`. */
async function region(name: string): Promise<HTMLElement> {
  const heading = await screen.findByRole("heading", { level: 2, name });
  const section = heading.closest("section");
  if (!section) throw new Error(`no section for ${name}`);
  return section;
}

describe("the team lead's unit view", () => {
  it("is in the team lead's menu as Yksikkö", async () => {
    renderApp(<AppRoutes />, { fetch: scriptedFetch(routes).fetch, path: "/yksikko" });

    expect(await screen.findByRole("heading", { level: 1, name: "Yksikkö" })).toBeInTheDocument();
    const menu = screen.getByRole("navigation", { name: "Päävalikko" });
    expect(within(menu).getByRole("link", { name: "Yksikkö" })).toHaveAttribute("href", "/yksikko");
  });

  it("lists an overdue contact with the coordinator's name, linking to the client", async () => {
    renderApp(<AppRoutes />, { fetch: scriptedFetch(routes).fetch, path: "/yksikko" });

    const contacts = await region("Myöhässä olevat yhteydenotot");
    expect(await within(contacts).findByRole("link", { name: "Asiakas Aino" })).toHaveAttribute("href", `/asiakkaat/${CLIENT_ID}`);
    expect(await within(contacts).findByText("Venla Työkykykoordinaattori")).toBeInTheDocument();
    expect(within(contacts).getByText("20.11.2026")).toBeInTheDocument();
    expect(within(contacts).getByText("3 työpäivää")).toBeInTheDocument();
    expect(within(contacts).queryByText("wac1")).not.toBeInTheDocument();
  });

  it("lists a waiting referral, marked overdue, linking to the referral", async () => {
    renderApp(<AppRoutes />, { fetch: scriptedFetch(routes).fetch, path: "/yksikko" });

    const referrals = await region("Vastausta odottavat lähetteet");
    expect(await within(referrals).findByRole("link", { name: "Siirto: Aino Asiakas" })).toHaveAttribute(
      "href",
      `/lahetteet/${REFERRAL_ID}`,
    );
    expect(within(referrals).getByText("(myöhässä)", { exact: false })).toBeInTheDocument();
    expect(await within(referrals).findByText("Bertta Yrityskoordinaattori")).toBeInTheDocument();
  });

  it("lists an overdue lead follow-up by company, an exit form missing and the caseload in Finnish numbers", async () => {
    renderApp(<AppRoutes />, { fetch: scriptedFetch(routes).fetch, path: "/yksikko" });

    const leads = await region("Myöhässä olevat liidien yhteydenotot ja seurannat");
    expect(await within(leads).findByRole("link", { name: "Lahden Leipä Oy" })).toHaveAttribute("href", `/tyonantajat/liidit/${LEAD_ID}`);
    expect(within(leads).getByText("Seurantayhteydenotto")).toBeInTheDocument();
    const exitForms = await region("Puuttuvat poistumislomakkeet");
    expect(within(exitForms).getByText("työllistynyt")).toBeInTheDocument();
    const caseload = await region("Asiakasmäärä koordinaattoreittain");
    expect(within(caseload).getByText("44 %")).toBeInTheDocument();
  });

  it("keeps the other parts when one service is down", async () => {
    renderApp(<AppRoutes />, {
      fetch: scriptedFetch({ ...routes, "GET /api/v1/referrals": () => problem(503, "Unavailable", { code: "service_unavailable" }) }).fetch,
      path: "/yksikko",
    });

    const referrals = await region("Vastausta odottavat lähetteet");
    expect(await within(referrals).findByRole("alert")).toHaveTextContent("Tietojen haku ei onnistunut");
    expect(await within(await region("Myöhässä olevat yhteydenotot")).findByRole("link", { name: "Asiakas Aino" })).toBeInTheDocument();
  });

  it("is not offered to a coordinator", async () => {
    renderApp(<AppRoutes />, {
      fetch: scriptedFetch({ ...routes, ...signedInAs("wac1", ["work_ability_coordinator"]) }).fetch,
      path: "/yksikko",
    });

    expect(await screen.findByRole("heading", { level: 1, name: "Ei käyttöoikeutta" })).toBeInTheDocument();
    expect(within(screen.getByRole("navigation", { name: "Päävalikko" })).queryByRole("link", { name: "Yksikkö" })).not.toBeInTheDocument();
  });
});
