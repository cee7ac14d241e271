// The employers section over a scripted API, for the section's tests.
import { Route, Routes } from "react-router";
import { signedInAs, WhenSignedIn } from "../admin/testSession";
import { json, renderApp, scriptedFetch, type Route as FetchRoute } from "../common/testing";
import { EmployersPage } from "./EmployersPage";

export const EMPLOYER_ID = "00000000-0000-0000-0000-0000000000e1";
export const STAMP = { created_at: "2026-11-23T08:00:00Z", created_by: "bc1", updated_at: "2026-11-23T08:00:00Z", updated_by: "bc1" };

export function employer(overrides: Record<string, unknown> = {}) {
  return {
    id: EMPLOYER_ID,
    business_id: "1572860-0",
    name: "Lahden Leipomo Oy",
    industry: "C",
    size_class: "small",
    sector: "private",
    sector_since: "2026-11-23",
    municipality: "Lahti",
    street_address: null,
    postal_code: null,
    city: null,
    status: "prospect",
    status_changed_on: "2026-11-23",
    contacted_on: null,
    partner_since: null,
    inactive_since: null,
    network_member: false,
    tailored_work_interest: false,
    notes: null,
    ...STAMP,
    ...overrides,
  };
}

export const page = (items: unknown[]) => json({ items, next_cursor: null });
export const posted = (calls: Request[], path: string) =>
  calls.filter((call) => call.method === "POST" && new URL(call.url).pathname === path);
export const bodyOf = async (calls: Request[], path: string) => JSON.parse(await posted(calls, path)[0]!.text());

/** The employers section as `who` (bc1 by default) sees it, at `path`, over the scripted API. */
export function renderEmployers(
  path: string,
  routes: Record<string, FetchRoute>,
  who: Record<string, FetchRoute> = signedInAs("bc1", ["business_coordinator"]),
) {
  const scripted = scriptedFetch({ ...who, ...routes });
  renderApp(
    <WhenSignedIn>
      <Routes>
        <Route path="/tyonantajat/*" element={<EmployersPage />} />
      </Routes>
    </WhenSignedIn>,
    { fetch: scripted.fetch, path },
  );
  return scripted;
}

