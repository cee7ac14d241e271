// The admin forms' rules, the same as the gateway's schemas (gateway/identity/schemas.py), so
// the person hears about a mistake before a round trip; the server checks again.
import type { AdminMessages } from "./messages";

export const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export type Errors<Field extends string> = Partial<Record<Field, string>>;

export type UserField = "username" | "display_name" | "roles" | "password" | "email";
export interface UserDraft {
  username: string;
  display_name: string;
  roles: string[];
  password: string;
  email: string;
}

export function validateUser(draft: UserDraft, t: AdminMessages): Errors<UserField> {
  const errors: Errors<UserField> = {};
  if (draft.username.trim() === "") errors.username = t.usernameRequired;
  else if (!NAME_PATTERN.test(draft.username.trim())) errors.username = t.usernameInvalid;
  if (draft.display_name.trim() === "") errors.display_name = t.displayNameRequired;
  else if (draft.display_name.trim().length > 200) errors.display_name = t.displayNameTooLong;
  if (draft.roles.length === 0) errors.roles = t.rolesRequired;
  if (draft.password === "") errors.password = t.passwordRequired;
  else if (draft.password.length < 12) errors.password = t.passwordTooShort(draft.password.length);
  else if (draft.password.length > 200) errors.password = t.passwordTooLong;
  return errors;
}

export type MachineClientField = "client_id" | "name" | "scopes" | "rate_per_second" | "burst";
export interface MachineClientDraft {
  client_id: string;
  name: string;
  scopes: string[];
  rate_per_second: string;
  burst: string;
}

/** A decimal typed the Finnish way ("2,5") or the English way ("2.5"); null when not a number. */
export function parseDecimal(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

export function validateMachineClient(draft: MachineClientDraft, t: AdminMessages): Errors<MachineClientField> {
  const errors: Errors<MachineClientField> = {};
  if (draft.client_id.trim() === "") errors.client_id = t.clientIdRequired;
  else if (!NAME_PATTERN.test(draft.client_id.trim())) errors.client_id = t.clientIdInvalid;
  if (draft.name.trim() === "") errors.name = t.clientNameRequired;
  else if (draft.name.trim().length > 200) errors.name = t.displayNameTooLong;
  if (draft.scopes.length === 0) errors.scopes = t.scopesRequired;
  if (draft.rate_per_second.trim() !== "") {
    const rate = parseDecimal(draft.rate_per_second);
    if (rate === null || rate <= 0 || rate > 10_000) errors.rate_per_second = t.rateInvalid;
  }
  if (draft.burst.trim() !== "") {
    const burst = parseDecimal(draft.burst);
    if (burst === null || !Number.isInteger(burst) || burst < 1 || burst > 10_000) errors.burst = t.burstInvalid;
  }
  return errors;
}
