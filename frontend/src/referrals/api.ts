// The referrals service as the SPA uses it; shapes from the generated OpenAPI types.
import type { components } from "../api/referrals";
import { ApiError, dataOf, type ServiceClients } from "../common/api";

type Schemas = components["schemas"];
export type Referral = Schemas["ReferralRead"];
export type ReferralDetail = Schemas["ReferralDetailRead"];
export type ReferralCreate = Schemas["ReferralCreate"];
export type ReferralKind = ReferralCreate["kind"];
export type ReferralStatus = Referral["status"];
export type HandoverPart = Schemas["HandoverPartCreate"];
export type Partner = Schemas["PartnerRead"];

export const REFERRAL_KINDS: readonly ReferralKind[] = ["transfer", "consultation", "external", "job"];

const referral = (id: string) => ({ params: { path: { referral_id: id } } });

/** The referrals service over its typed client. */
export const referralsApi = {
  list: (
    http: ServiceClients,
    query: {
      box?: "inbox" | "outbox";
      status?: ReferralStatus;
      client_id?: string;
      opening_id?: string;
      cursor?: string | null;
      limit?: number;
    },
  ) => dataOf(http.referrals.GET("/api/v1/referrals", { params: { query } })),
  read: (http: ServiceClients, id: string) => dataOf(http.referrals.GET("/api/v1/referrals/{referral_id}", referral(id))),
  send: (http: ServiceClients, body: ReferralCreate) => dataOf(http.referrals.POST("/api/v1/referrals", { body })),
  accept: (http: ServiceClients, id: string) => dataOf(http.referrals.POST("/api/v1/referrals/{referral_id}/accept", referral(id))),
  decline: (http: ServiceClients, id: string, reason: string) =>
    dataOf(http.referrals.POST("/api/v1/referrals/{referral_id}/decline", { ...referral(id), body: { reason } })),
  complete: (http: ServiceClients, id: string, body: Schemas["ReferralComplete"] = {}) =>
    dataOf(http.referrals.POST("/api/v1/referrals/{referral_id}/complete", { ...referral(id), body })),
  setStage: (http: ServiceClients, id: string, stage: Schemas["ReferralStageSet"]["stage"]) =>
    dataOf(http.referrals.POST("/api/v1/referrals/{referral_id}/stage", { ...referral(id), body: { stage } })),
  cancel: (http: ServiceClients, id: string) =>
    dataOf(http.referrals.POST("/api/v1/referrals/{referral_id}/cancel", { ...referral(id), body: {} })),
  partners: (http: ServiceClients) => dataOf(http.referrals.GET("/api/v1/partners", { params: { query: { limit: 200 } } })),
};

/** The consents a refused referral lacks: the service answers `missing_consents` with params {purposes}. */
export function missingConsents(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const purposes = error.problem?.code === "missing_consents" ? error.problem.params?.purposes : undefined;
  return Array.isArray(purposes) ? purposes.filter((purpose): purpose is string => typeof purpose === "string") : [];
}
