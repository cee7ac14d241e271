// Names for the gateway shapes the SPA uses, derived from the generated OpenAPI types by path
// (not by schema name), so they survive the exported document naming its schemas differently.
import type { paths } from "./gateway";

type JsonOk<Operation> = Operation extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

type JsonRequest<Operation> = Operation extends {
  requestBody?: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

export type LoginRequest = JsonRequest<paths["/auth/login"]["post"]>;
export type TokenResponse = JsonOk<paths["/auth/login"]["post"]>;
export type Me = JsonOk<paths["/api/v1/me"]["get"]>;
