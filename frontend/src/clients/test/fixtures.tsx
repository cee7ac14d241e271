// A client's overview and a signed-in render for the client page's tests.
import type { ReactElement } from "react";
import { Route, Routes } from "react-router";
import { signedInAs, WhenSignedIn } from "../../admin/testSession";
import { renderApp, scriptedFetch, staffRoutes, type Route as FetchRoute } from "../../common/testing";
import type { Catalogue, EnrolmentOverview, Overview } from "../api";

export const CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";
export const ENROLMENT_ID = "00000000-0000-0000-0000-0000000000e1";

export function enrolment(overrides: Partial<EnrolmentOverview> = {}): EnrolmentOverview {
  return {
    id: ENROLMENT_ID,
    client_id: CLIENT_ID,
    service_line: "work_ability",
    state: "active",
    source: "referral",
    referred_by: "coach",
    registered_on: "2026-11-02",
    contact_due: "2026-11-09",
    first_contact_on: "2026-11-03",
    first_meeting_on: "2026-11-05",
    ended_on: null,
    outcome: null,
    exit_status: null,
    qualification_gained: null,
    exit_form_missing: false,
    coordinators: [{ username: "wac1", role: "work_ability_coordinator", reason: "responsible" }],
    outcome_suggestions: [],
    handoff_referral_id: null,
    handoff_started_on: null,
    contacts: [],
    meetings: [],
    responsibilities: [
      { username: "wac1", role: "work_ability_coordinator", service_line: "work_ability", reason: "responsible", from: "2026-11-02", to: null },
    ],
    ...overrides,
  };
}

export function overview(overrides: Partial<Overview> = {}): Overview {
  return {
    client: {
      id: CLIENT_ID,
      first_name: "Aino",
      last_name: "Asiakas",
      personal_identity_code: null,
      birth_year: 1985,
      municipality: "Lahti",
      awaiting_triage: false,
      possible_duplicates: [],
      gender: "female",
      language: "fi",
      phone: "040 123 4567",
      email: null,
      address: null,
      contact_details_hidden: false,
      education_level: null,
      target_groups: [],
      interpreter_needed: false,
      national_register_ref: null,
      non_disclosure: false,
      source: "staff",
      created_by: "coach",
      created_at: "2026-11-02T08:00:00Z",
      responsible: ["wac1"],
      enrolments: [],
    },
    relations: ["responsible"],
    capabilities: ["profile", "identity_code", "contact", "enrolments", "pathway", "consents", "notes", "health_notes", "work_ability", "write", "enrol", "grace_write"],
    consents: [],
    enrolments: [enrolment()],
    service_need_assessments: [],
    plan: null,
    notes: [],
    assessments: [],
    status_episodes: [],
    feedback: [],
    history: [],
    ...overrides,
  } as Overview;
}

export const CATALOGUE: Catalogue = {
  municipalities: ["Lahti", "Hollola"],
  outcomes: [
    { code: "employed", label_fi: "Työllistyi", label_en: "Employed", exit_form: true, counts_as_activation: true },
    { code: "stopped_contact", label_fi: "Lopetti yhteydenpidon", label_en: "Stopped contact", exit_form: false, counts_as_activation: false },
  ],
};

/** Renders `ui` signed in as `username` with `roles`, over the demo staff and `routes`. */
export function renderSignedIn(
  ui: ReactElement,
  routes: Record<string, FetchRoute> = {},
  { username = "wac1", roles = ["work_ability_coordinator"], path = "/" }: { username?: string; roles?: string[]; path?: string } = {},
) {
  const scripted = scriptedFetch({ ...signedInAs(username, roles), ...staffRoutes(), ...routes });
  renderApp(
    <WhenSignedIn>
      <Routes>
        <Route path="*" element={ui} />
      </Routes>
    </WhenSignedIn>,
    { fetch: scripted.fetch, path },
  );
  return scripted;
}

/** The JSON bodies sent with `method` to `path`. */
export async function bodiesOf(calls: Request[], method: string, path: string): Promise<unknown[]> {
  const matching = calls.filter((call) => call.method === method && new URL(call.url).pathname === path);
  return Promise.all(matching.map(async (call) => JSON.parse(await call.clone().text()) as unknown));
}
