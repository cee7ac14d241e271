// Global search: each service answers for its own objects under its own need-to-know rules,
// so the SPA asks each one the person's role may use and shows what each answers.
import { ApiError, type ApiClient, type ServiceClients } from "../common/api";
import { queryString, type CursorPage } from "../common/apiTypes";
import { sectionsFor } from "../common/navigation";
import { clientsApi, type ClientSummary } from "../clients/api";
import { employersApi, type Employer, type Lead, type Opening } from "../employers/api";

/** Hits shown per group; the group's own list page has the rest. */
export const SEARCH_LIMIT = 10;

export type SearchGroup = "clients" | "employers";

/** Which services the person's roles may search: the same table as the menu's sections. */
export function searchGroupsFor(roles: readonly string[]): SearchGroup[] {
  const sections = new Set(sectionsFor(roles).map((section) => section.id));
  return (["clients", "employers"] as const).filter((group) => sections.has(group));
}

export function searchClients(http: ServiceClients, q: string): Promise<ClientSummary[]> {
  // The clients service matches a name, or an identity code exactly, and logs each hit as a read.
  return clientsApi.list(http, { q, limit: SEARCH_LIMIT }).then((page) => page.items);
}

export interface LeadHit {
  lead: Lead;
  company: string | null;
}

export interface OpeningHit {
  opening: Opening;
  employer: string | null;
}

export interface EmployerSideHits {
  employers: Employer[];
  leads: LeadHit[];
  openings: OpeningHit[];
}

/** A list that does not know `q` yet may refuse it with 422: for a search, that is no hits. */
async function itemsOrNothing<Item>(call: Promise<CursorPage<Item>>): Promise<Item[]> {
  try {
    return (await call).items;
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) return [];
    throw error;
  }
}

function contains(value: string | null | undefined, q: string): boolean {
  return Boolean(value) && String(value).toLocaleLowerCase("fi").includes(q.toLocaleLowerCase("fi"));
}

/** Employers' names by id, reading only those not `known` already (a missing one is left out). */
export async function employerNamesOf(
  api: ApiClient,
  ids: readonly string[],
  known: ReadonlyMap<string, string> = new Map(),
): Promise<Map<string, string>> {
  const names = new Map(known);
  const missing = [...new Set(ids)].filter((id) => !names.has(id));
  const read = await Promise.all(missing.map((id) => employersApi.read(api, id).catch(() => null)));
  for (const employer of read) if (employer) names.set(employer.id, employer.name);
  return names;
}

/**
 * Employers by name or Y-tunnus, leads by external id or company, openings by title or
 * employer. A list that ignores a `q` it does not know answers with everything, so the hits
 * are held to the same rule here: only what matches the words or a found employer stays.
 */
export async function searchEmployerSide(
  api: ApiClient,
  q: string,
  { leads: withLeads }: { leads: boolean },
): Promise<EmployerSideHits> {
  const limit = SEARCH_LIMIT;
  const [employers, leads, openings] = await Promise.all([
    itemsOrNothing(employersApi.list(api, { q })),
    withLeads ? itemsOrNothing(api.request<CursorPage<Lead>>(`/api/v1/leads${queryString({ q, limit })}`)) : Promise.resolve([]),
    itemsOrNothing(api.request<CursorPage<Opening>>(`/api/v1/employers/openings${queryString({ q, limit })}`)),
  ]);
  const found = new Map(employers.map((employer) => [employer.id, employer.name]));
  const names = await employerNamesOf(api, [...leads, ...openings].map((item) => item.employer_id), found);
  const nameOf = (id: string) => names.get(id) ?? null;
  return {
    employers: employers.slice(0, limit),
    leads: leads
      .map((lead) => ({ lead, company: nameOf(lead.employer_id) }))
      .filter(({ lead, company }) => contains(lead.external_id, q) || contains(company, q) || found.has(lead.employer_id))
      .slice(0, limit),
    openings: openings
      .map((opening) => ({ opening, employer: nameOf(opening.employer_id) }))
      .filter(({ opening, employer }) => contains(opening.title, q) || contains(employer, q) || found.has(opening.employer_id))
      .slice(0, limit),
  };
}
