import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, fieldKey, parseProblem, parseRetryAfter } from "./api";
import { json, problem, scriptedFetch } from "./testing";

const token = (access_token: string, expires_in = 900) => json({ access_token, token_type: "Bearer", expires_in });

/** Timers the test fires by hand, so refresh scheduling is checked without waiting. */
function manualTimers() {
  const pending: { callback: () => void; ms: number }[] = [];
  return {
    pending,
    setTimer: (callback: () => void, ms: number) => {
      const entry = { callback, ms };
      pending.push(entry);
      return entry;
    },
    clearTimer: (handle: unknown) => {
      const index = pending.indexOf(handle as (typeof pending)[number]);
      if (index >= 0) pending.splice(index, 1);
    },
  };
}

describe("problem parsing", () => {
  it("keys field errors by the field path without its location", () => {
    expect(fieldKey(["body", "username"])).toBe("username");
    expect(fieldKey(["body", "consents", 0, "purpose"])).toBe("consents.0.purpose");
    expect(fieldKey(["username"])).toBe("username");
    expect(fieldKey(["query", "limit"])).toBe("limit");
  });

  it("fills gaps when a proxy answers with less than the contract", () => {
    expect(parseProblem("<html>", 502, "Bad Gateway")).toEqual({
      type: "about:blank",
      title: "Bad Gateway",
      status: 502,
      detail: "",
    });
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("30")).toBe(30);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 1)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("api client", () => {
  it("turns problem+json into an ApiError with field errors", async () => {
    const { fetch } = scriptedFetch({
      "POST /auth/login": () =>
        problem(422, "Unprocessable", {
          errors: [
            { loc: ["body", "password"], msg: "Field required" },
            { loc: ["body", "password"], msg: "second message" },
          ],
        }),
    });
    const api = createApiClient({ fetch });
    const error = await api.login({ username: "a", password: "" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).fieldErrors).toEqual({ password: "Field required" });
  });

  it("sends same-origin credentials and no request id", async () => {
    const { fetch, calls } = scriptedFetch({ "POST /auth/login": () => token("t1") });
    await createApiClient({ fetch }).login({ username: "a", password: "b" });
    expect(calls[0]?.credentials).toBe("same-origin");
    expect(calls[0]?.headers.has("X-Request-ID")).toBe(false);
  });

  it("refreshes once on a 401 and repeats the call with the new token", async () => {
    let meCalls = 0;
    const { fetch, calls } = scriptedFetch({
      "POST /auth/login": () => token("old"),
      "POST /auth/refresh": () => token("new"),
      "GET /api/v1/me": (request) => {
        meCalls += 1;
        return request.headers.get("Authorization") === "Bearer new"
          ? json({ username: "a", display_name: "A", roles: [], scopes: [] })
          : problem(401, "expired");
      },
    });
    const api = createApiClient({ fetch, ...manualTimers() });
    await api.login({ username: "a", password: "b" });
    await expect(api.me()).resolves.toMatchObject({ username: "a" });
    expect(meCalls).toBe(2);
    expect(calls.filter((call) => call.url.endsWith("/auth/refresh"))).toHaveLength(1);
  });

  it("ends the session when the refresh after a 401 fails", async () => {
    const { fetch } = scriptedFetch({
      "POST /auth/login": () => token("old"),
      "POST /auth/refresh": () => problem(401, "no cookie"),
      "GET /api/v1/me": () => problem(401, "expired"),
    });
    const api = createApiClient({ fetch, ...manualTimers() });
    const reasons: string[] = [];
    api.onSessionEnded((reason) => reasons.push(reason));
    await api.login({ username: "a", password: "b" });
    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    expect(api.hasSession()).toBe(false);
    expect(reasons).toEqual(["expired"]);
  });

  it("schedules the refresh a minute before expiry and shares one refresh between callers", async () => {
    let refreshes = 0;
    const { fetch } = scriptedFetch({
      "POST /auth/login": () => token("t1", 900),
      "POST /auth/refresh": () => {
        refreshes += 1;
        return token(`t${refreshes + 1}`, 900);
      },
    });
    const timers = manualTimers();
    const api = createApiClient({ fetch, ...timers });
    await api.login({ username: "a", password: "b" });
    expect(timers.pending.map((timer) => timer.ms)).toEqual([840_000]);

    await Promise.all([api.restoreSession(), api.restoreSession()]);
    expect(refreshes).toBe(1);
    expect(timers.pending).toHaveLength(1);
  });
});

describe("the typed service clients (openapi-fetch)", () => {
  it("send the bearer token, refresh once on a 401 and repeat the request with its body", async () => {
    let tokens = 0;
    let posts = 0;
    const { fetch, calls } = scriptedFetch({
      "POST /auth/login": () => token("first"),
      "POST /auth/refresh": () => token(`fresh-${++tokens}`),
      "POST /api/v1/clients/c1/notes": async (request) => {
        posts += 1;
        if (request.headers.get("authorization") === "Bearer first") return problem(401, "Expired");
        return json({ id: "n1", body: JSON.parse(await request.text()) }, { status: 201 });
      },
    });
    const api = createApiClient({ fetch, setTimer: () => null, clearTimer: () => undefined });
    await api.login({ username: "wac1", password: "pw" });
    const { data } = await api.http.clients.POST("/api/v1/clients/{client_id}/notes", {
      params: { path: { client_id: "c1" } },
      body: { text: "Soitettu.", sensitivity: "normal" },
    });
    expect(data).toMatchObject({ id: "n1", body: { text: "Soitettu." } });
    expect(posts).toBe(2);
    expect(calls.at(-1)?.headers.get("authorization")).toBe("Bearer fresh-1");
  });

  it("throw a problem answer as an ApiError that keeps the codes", async () => {
    const { fetch } = scriptedFetch({
      "POST /auth/login": () => token("t"),
      "POST /api/v1/clients": () =>
        problem(422, "Unprocessable", {
          code: "validation_failed",
          errors: [{ loc: ["body", "birth_year"], msg: "in the future", code: "date_in_future", params: { max: 2026 } }],
        }),
    });
    const api = createApiClient({ fetch, setTimer: () => null, clearTimer: () => undefined });
    await api.login({ username: "coach1", password: "pw" });
    const error = await api.http.clients
      .POST("/api/v1/clients", { body: { first_name: "A", last_name: "B" } as never })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.problem?.code).toBe("validation_failed");
    expect(apiError.fieldProblems.birth_year).toMatchObject({ code: "date_in_future", params: { max: 2026 } });
  });

  it("turn an unreachable network into a network ApiError", async () => {
    const api = createApiClient({
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
      setTimer: () => null,
      clearTimer: () => undefined,
    });
    const error = await api.http.clients.GET("/api/v1/clients/catalogue").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "network", status: 0 });
  });
});
