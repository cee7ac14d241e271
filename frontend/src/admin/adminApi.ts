// The gateway's admin API (gateway/identity/routes.py). Types from the generated OpenAPI, by path.
import type { paths } from "../api/gateway";
import type { ApiClient } from "../common/api";

type Json<Response> = Response extends { content: { "application/json": infer Body } } ? Body : never;
type JsonBody<Operation> = Operation extends { requestBody: { content: { "application/json": infer Body } } }
  ? Body
  : never;

export type UserRead = Json<paths["/api/v1/admin/users"]["get"]["responses"][200]>[number];
export type UserCreate = JsonBody<paths["/api/v1/admin/users"]["post"]>;
export type UserUpdate = JsonBody<paths["/api/v1/admin/users/{username}"]["patch"]>;
export type StaffRole = UserCreate["roles"][number];

export type MachineClientRead = Json<paths["/api/v1/admin/machine-clients"]["get"]["responses"][200]>[number];
export type MachineClientCreate = JsonBody<paths["/api/v1/admin/machine-clients"]["post"]>;
export type MachineClientUpdate = JsonBody<paths["/api/v1/admin/machine-clients/{client_id}"]["patch"]>;
export type MachineClientSecret = Json<paths["/api/v1/admin/machine-clients"]["post"]["responses"][201]>;
export type MachineScope = MachineClientCreate["scopes"][number];

export const STAFF_ROLES: readonly StaffRole[] = [
  "coach",
  "work_ability_coordinator",
  "business_coordinator",
  "team_lead",
  "admin",
];

export const MACHINE_SCOPES: readonly MachineScope[] = [
  "leads:write",
  "leads:read",
  "metrics:read",
  "events:read",
  "users:read",
  "internal",
];

const USERS = "/api/v1/admin/users";
const MACHINE_CLIENTS = "/api/v1/admin/machine-clients";

function jsonInit(method: string, body: unknown): RequestInit {
  return { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}

export const adminApi = {
  listUsers: (api: ApiClient) => api.request<UserRead[]>(USERS),
  createUser: (api: ApiClient, body: UserCreate) => api.request<UserRead>(USERS, jsonInit("POST", body)),
  updateUser: (api: ApiClient, username: string, body: UserUpdate) =>
    api.request<UserRead>(`${USERS}/${encodeURIComponent(username)}`, jsonInit("PATCH", body)),
  listMachineClients: (api: ApiClient) => api.request<MachineClientRead[]>(MACHINE_CLIENTS),
  createMachineClient: (api: ApiClient, body: MachineClientCreate) =>
    api.request<MachineClientSecret>(MACHINE_CLIENTS, jsonInit("POST", body)),
  updateMachineClient: (api: ApiClient, clientId: string, body: MachineClientUpdate) =>
    api.request<MachineClientRead>(`${MACHINE_CLIENTS}/${encodeURIComponent(clientId)}`, jsonInit("PATCH", body)),
  rotateSecret: (api: ApiClient, clientId: string) =>
    api.request<MachineClientSecret>(`${MACHINE_CLIENTS}/${encodeURIComponent(clientId)}/secret`, { method: "POST" }),
};
