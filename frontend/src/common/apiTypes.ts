// Picking request and response bodies out of the generated OpenAPI `paths` types, so no API
// shape is ever written by hand (see src/api/gatewayTypes.ts for the same pattern).

type Ok<Operation, Status extends number> = Operation extends {
  responses: { [S in Status]: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

/** The JSON body of a 200 or 201 answer. */
export type JsonOk<Operation> = [Ok<Operation, 200>] extends [never] ? Ok<Operation, 201> : Ok<Operation, 200>;

export type JsonRequest<Operation> = Operation extends {
  requestBody?: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

/** A paginated list answer (`{items, next_cursor}`). */
export interface CursorPage<Item> {
  items: Item[];
  next_cursor?: string | null;
}

/** A query string from the values that are set; booleans become "true". */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "" || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function jsonInit(method: string, body?: unknown): RequestInit {
  return body === undefined
    ? { method }
    : { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}
