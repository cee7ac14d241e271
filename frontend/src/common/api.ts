// The one way the SPA talks to the gateway.
//
// - The access token lives in this module's memory only: never localStorage or
//   sessionStorage, where any injected script could read it. A page reload recovers the
//   session from the httpOnly refresh cookie through POST /auth/refresh.
// - The token is refreshed shortly before it expires, and once more when a call answers 401.
// - Errors arrive as RFC 9457 problem+json and become an ApiError with field errors by `loc`.
// - Plain same-origin fetches: the gateway adds request ids itself.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths as ClientsPaths } from "../api/clients";
import type { paths as EmployersPaths } from "../api/employers";
import type { paths as GatewayPaths } from "../api/gateway";
import type { LoginRequest, Me, TokenResponse } from "../api/gatewayTypes";
import type { paths as MetricsPaths } from "../api/metrics";
import type { paths as NotificationsPaths } from "../api/notifications";
import type { paths as ReferralsPaths } from "../api/referrals";

/** The values a code needs in its text, e.g. {purposes: ["service"]} (CONTRACTS intro). */
export type ProblemParams = Record<string, unknown>;

export interface FieldProblem {
  loc: (string | number)[];
  msg: string;
  /** The rule's stable name (`date_in_future`); the app shows its own text for it. */
  code?: string;
  params?: ProblemParams;
  /** Words the app itself put here, already in the UI's language (never from a server). */
  text?: string;
}

/** The problem+json body. Its shape is fixed by CONTRACTS.md; parseProblem checks it at runtime. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The problem's stable name (`missing_consents`); the app shows its own text for it. */
  code?: string;
  params?: ProblemParams;
  errors?: FieldProblem[];
}

export type ApiErrorKind = "http" | "network";

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly problem: Problem | null;
  /** Field messages keyed by the field's path without its location prefix, e.g. "username". */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** The first field error per field, whole (its `code` and `params` name the rule). */
  readonly fieldProblems: Readonly<Record<string, FieldProblem>>;
  /** Seconds from Retry-After (429 and 503), when the server sent it. */
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    kind: ApiErrorKind;
    status: number;
    problem: Problem | null;
    retryAfterSeconds?: number | null;
    message?: string;
  }) {
    super(options.message ?? options.problem?.detail ?? options.problem?.title ?? `HTTP ${options.status}`);
    this.name = "ApiError";
    this.kind = options.kind;
    this.status = options.status;
    this.problem = options.problem;
    this.fieldProblems = fieldProblemsOf(options.problem);
    this.fieldErrors = Object.fromEntries(Object.entries(this.fieldProblems).map(([key, error]) => [key, error.msg]));
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

// FastAPI-style locations start with where the value came from; forms only know field names.
const LOCATION_PREFIXES = new Set(["body", "query", "path", "header", "cookie"]);

export function fieldKey(loc: readonly (string | number)[]): string {
  const [first, ...rest] = loc;
  const path = typeof first === "string" && LOCATION_PREFIXES.has(first) ? rest : loc;
  return path.map(String).join(".");
}

function fieldProblemsOf(problem: Problem | null): Record<string, FieldProblem> {
  const result: Record<string, FieldProblem> = {};
  for (const error of problem?.errors ?? []) {
    const key = fieldKey(error.loc);
    // The first message per field is the one to show; later ones are usually consequences.
    if (!(key in result)) result[key] = error;
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseFieldProblem(value: unknown): FieldProblem | null {
  if (!isRecord(value) || typeof value.msg !== "string") return null;
  const loc = Array.isArray(value.loc)
    ? value.loc.filter((part): part is string | number => typeof part === "string" || typeof part === "number")
    : typeof value.loc === "string"
      ? value.loc.split(".")
      : [];
  return {
    loc,
    msg: value.msg,
    ...(typeof value.code === "string" ? { code: value.code } : {}),
    ...(isRecord(value.params) ? { params: value.params } : {}),
  };
}

/** Reads a problem body leniently: a proxy in between may answer with less than the contract. */
export function parseProblem(body: unknown, status: number, statusText = ""): Problem {
  const record = isRecord(body) ? body : {};
  const errors = Array.isArray(record.errors)
    ? record.errors.map(parseFieldProblem).filter((error): error is FieldProblem => error !== null)
    : undefined;
  return {
    type: typeof record.type === "string" ? record.type : "about:blank",
    title: typeof record.title === "string" ? record.title : statusText || `HTTP ${status}`,
    status: typeof record.status === "number" ? record.status : status,
    detail: typeof record.detail === "string" ? record.detail : "",
    ...(typeof record.code === "string" ? { code: record.code } : {}),
    ...(isRecord(record.params) ? { params: record.params } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  const contentType = response.headers.get("content-type") ?? "";
  if (contentType.includes("json")) {
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  }
  return new ApiError({
    kind: "http",
    status: response.status,
    problem: parseProblem(body, response.status, response.statusText),
    retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
  });
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** How long before expiry to refresh; a minute leaves room for a slow network. */
  refreshMarginSeconds?: number;
  setTimer?: (callback: () => void, milliseconds: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Typed clients over the generated OpenAPI `paths`, one per service, so that every URL, query
 * parameter and body is checked by the compiler. They share the session through a middleware:
 * the bearer token, one refresh and retry on a 401, and a problem answer thrown as ApiError,
 * so a successful call always has its `data`.
 */
export interface ServiceClients {
  clients: Client<ClientsPaths>;
  referrals: Client<ReferralsPaths>;
  employers: Client<EmployersPaths>;
  metrics: Client<MetricsPaths>;
  notifications: Client<NotificationsPaths>;
  gateway: Client<GatewayPaths>;
}

export type SessionListener = (reason: "signed-out" | "expired") => void;

export interface ApiClient {
  login(credentials: LoginRequest): Promise<void>;
  /** Tries the refresh cookie; true when a session was recovered. */
  restoreSession(): Promise<boolean>;
  logout(): Promise<void>;
  hasSession(): boolean;
  request<T>(path: string, init?: RequestInit): Promise<T>;
  /** Like `request`, for a file answer (a CSV export): the body as a Blob. */
  requestBlob(path: string, init?: RequestInit): Promise<Blob>;
  me(): Promise<Me>;
  /** The typed per-service clients (openapi-fetch), sharing this session. */
  readonly http: ServiceClients;
  /** Called when the session ends without the person asking (the refresh failed). */
  onSessionEnded(listener: SessionListener): () => void;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  // Bound so that a window.fetch taken from here keeps its receiver.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const refreshMarginSeconds = options.refreshMarginSeconds ?? 60;
  const setTimer = options.setTimer ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));

  let accessToken: string | null = null;
  let refreshTimer: unknown = null;
  let refreshInFlight: Promise<boolean> | null = null;
  const listeners = new Set<SessionListener>();

  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await doFetch(path, { ...init, credentials: "same-origin" });
    } catch (cause) {
      throw new ApiError({
        kind: "network",
        status: 0,
        problem: null,
        message: cause instanceof Error ? cause.message : "network error",
      });
    }
  }

  function clearSession() {
    accessToken = null;
    if (refreshTimer !== null) clearTimer(refreshTimer);
    refreshTimer = null;
  }

  function endSession(reason: "signed-out" | "expired") {
    const hadSession = accessToken !== null;
    clearSession();
    if (hadSession) for (const listener of listeners) listener(reason);
  }

  function acceptToken(token: TokenResponse) {
    accessToken = token.access_token;
    if (refreshTimer !== null) clearTimer(refreshTimer);
    // Short-lived tokens (tests, odd configurations) refresh at half-life instead.
    const lifetimeMs = token.expires_in * 1000;
    const delayMs = Math.max(lifetimeMs - refreshMarginSeconds * 1000, lifetimeMs / 2);
    refreshTimer = setTimer(() => {
      void refresh().then((ok) => {
        if (!ok) endSession("expired");
      });
    }, delayMs);
  }

  async function readToken(response: Response): Promise<TokenResponse> {
    if (!response.ok) throw await errorFromResponse(response);
    return (await response.json()) as TokenResponse;
  }

  /** One refresh at a time: parallel 401s must not each spend the refresh cookie. */
  function refresh(): Promise<boolean> {
    refreshInFlight ??= (async () => {
      try {
        const response = await send("/auth/refresh", { method: "POST" });
        if (!response.ok) return false;
        acceptToken(await readToken(response));
        return true;
      } catch {
        return false;
      } finally {
        refreshInFlight = null;
      }
    })();
    return refreshInFlight;
  }

  function withAuthorization(init: RequestInit): RequestInit {
    const headers = new Headers(init.headers);
    if (accessToken !== null) headers.set("Authorization", `Bearer ${accessToken}`);
    if (!headers.has("Accept")) headers.set("Accept", "application/json, application/problem+json");
    return { ...init, headers };
  }

  /** A successful response, after one refresh on a 401; a problem otherwise. */
  async function authorizedResponse(path: string, init: RequestInit): Promise<Response> {
    let response = await send(path, withAuthorization(init));
    if (response.status === 401 && accessToken !== null) {
      if (await refresh()) {
        response = await send(path, withAuthorization(init));
      } else {
        const error = await errorFromResponse(response);
        endSession("expired");
        throw error;
      }
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  // Each request's untouched copy, so a 401 can be retried with a fresh token (the body of
  // the sent request is spent by then).
  const pending = new Map<string, Request>();

  const sessionMiddleware: Middleware = {
    onRequest({ request, id }) {
      pending.set(id, request.clone());
      return authorized(request);
    },
    async onResponse({ response, id }) {
      const original = pending.get(id);
      pending.delete(id);
      let answer = response;
      if (answer.status === 401 && accessToken !== null && original) {
        if (await refresh()) {
          answer = await sendRequest(authorized(original));
        } else {
          const error = await errorFromResponse(answer);
          endSession("expired");
          throw error;
        }
      }
      if (!answer.ok) throw await errorFromResponse(answer);
      return answer;
    },
    onError({ error, id }) {
      pending.delete(id);
      if (error instanceof ApiError) return error;
      return new ApiError({
        kind: "network",
        status: 0,
        problem: null,
        message: error instanceof Error ? error.message : "network error",
      });
    },
  };

  function authorized(request: Request): Request {
    const copy = new Request(request);
    if (accessToken !== null) copy.headers.set("Authorization", `Bearer ${accessToken}`);
    if (!copy.headers.has("Accept")) copy.headers.set("Accept", "application/json, application/problem+json");
    return copy;
  }

  async function sendRequest(request: Request): Promise<Response> {
    try {
      return await doFetch(request);
    } catch (cause) {
      throw new ApiError({
        kind: "network",
        status: 0,
        problem: null,
        message: cause instanceof Error ? cause.message : "network error",
      });
    }
  }

  function serviceClient<Paths extends object>(): Client<Paths> {
    const client = createClient<Paths>({
      // Same origin in the browser; the tests' fetch reads paths only.
      baseUrl: typeof window === "undefined" ? "http://polku.test" : window.location.origin,
      credentials: "same-origin",
      fetch: (request) => doFetch(request),
    });
    client.use(sessionMiddleware);
    return client;
  }

  const http: ServiceClients = {
    clients: serviceClient<ClientsPaths>(),
    referrals: serviceClient<ReferralsPaths>(),
    employers: serviceClient<EmployersPaths>(),
    metrics: serviceClient<MetricsPaths>(),
    notifications: serviceClient<NotificationsPaths>(),
    gateway: serviceClient<GatewayPaths>(),
  };

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await authorizedResponse(path, init);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  async function requestBlob(path: string, init: RequestInit = {}): Promise<Blob> {
    return (await authorizedResponse(path, init)).blob();
  }

  return {
    async login(credentials) {
      const response = await send("/auth/login", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json, application/problem+json" },
        body: JSON.stringify(credentials),
      });
      acceptToken(await readToken(response));
    },
    async restoreSession() {
      return refresh();
    },
    async logout() {
      try {
        await send("/auth/logout", withAuthorization({ method: "POST" }));
      } finally {
        // Even when the server is unreachable, this tab forgets the token.
        endSession("signed-out");
      }
    },
    hasSession: () => accessToken !== null,
    request,
    requestBlob,
    me: () => request<Me>("/api/v1/me"),
    http,
    onSessionEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The data of a successful openapi-fetch call. The session middleware throws every failure as
 * an ApiError, so reaching here means the answer was a success (204: undefined).
 */
export async function dataOf<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const result = await call;
  return result.data as T;
}
