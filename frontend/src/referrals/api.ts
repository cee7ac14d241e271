// The referrals service as the SPA uses it; shapes from the generated OpenAPI types.
import type { components } from "../api/referrals";
import { ApiError, type ApiClient } from "../common/api";
import { jsonInit, queryString, type CursorPage } from "../common/apiTypes";

type Schemas = components["schemas"];
export type Referral = Schemas["ReferralRead"];
export type ReferralDetail = Schemas["ReferralDetailRead"];
export type ReferralCreate = Schemas["ReferralCreate"];
export type ReferralKind = ReferralCreate["kind"];
export type ReferralStatus = Referral["status"];
export type HandoverPart = Schemas["HandoverPartCreate"];
export type Partner = Schemas["PartnerRead"];

export const REFERRAL_KINDS: readonly ReferralKind[] = ["transfer", "consultation", "external", "job"];

const base = "/api/v1/referrals";

export const referralsApi = {
  list: (
    api: ApiClient,
    params: { box?: "inbox" | "outbox"; status?: ReferralStatus; client_id?: string; cursor?: string | null; limit?: number },
  ) => api.request<CursorPage<Referral>>(`${base}${queryString(params)}`),
  read: (api: ApiClient, id: string) => api.request<ReferralDetail>(`${base}/${id}`),
  send: (api: ApiClient, body: ReferralCreate) => api.request<ReferralDetail>(base, jsonInit("POST", body)),
  accept: (api: ApiClient, id: string) => api.request<ReferralDetail>(`${base}/${id}/accept`, jsonInit("POST")),
  decline: (api: ApiClient, id: string, reason: string) =>
    api.request<ReferralDetail>(`${base}/${id}/decline`, jsonInit("POST", { reason })),
  complete: (api: ApiClient, id: string, body: Schemas["ReferralComplete"] = {}) =>
    api.request<ReferralDetail>(`${base}/${id}/complete`, jsonInit("POST", body)),
  cancel: (api: ApiClient, id: string) => api.request<ReferralDetail>(`${base}/${id}/cancel`, jsonInit("POST", {})),
  partners: (api: ApiClient) => api.request<CursorPage<Partner>>(`/api/v1/partners${queryString({ limit: 200 })}`),
};

/**
 * The consents a refused referral lacks: the service answers 422 with `missing_consents`
 * (and one field error per consent on `client_id`, "Missing consent: <purpose>.").
 */
export function missingConsents(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  const found = new Set<string>();
  for (const problem of error.problem?.errors ?? []) {
    const match = /Missing consent: ([a-z_]+)/.exec(problem.msg);
    if (match?.[1]) found.add(match[1]);
  }
  const detail = /missing: ([a-z_, ]+)/.exec(error.problem?.detail ?? "");
  for (const purpose of detail?.[1]?.split(",") ?? []) if (purpose.trim()) found.add(purpose.trim());
  return [...found];
}
