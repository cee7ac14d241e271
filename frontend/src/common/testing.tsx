// Test helpers: the real providers over a scripted fetch, so components meet the real API layer.
import { render, waitFor, within } from "@testing-library/react";
import { expect } from "vitest";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { SessionProvider } from "../auth/session";
import { createApiClient } from "./api";
import { ApiProvider } from "./ApiContext";
import { LanguageProvider } from "./i18n";
import { createQueryClient, QueryProvider } from "./query";

export type Route = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { "Content-Type": "application/json", ...init.headers },
  });
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}, headers: HeadersInit = {}) {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail: title, ...extra }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

/** A fetch that answers by "METHOD /path"; anything unscripted answers 404 so tests notice. */
export function scriptedFetch(routes: Record<string, Route>) {
  const calls: Request[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const request =
      input instanceof Request ? new Request(input, init) : new Request(new URL(String(input), "http://polku.test"), init);
    calls.push(request.clone());
    const route = routes[`${request.method} ${new URL(request.url).pathname}`];
    return route ? route(request) : problem(404, "Not Found");
  };
  return { fetch: fetchImpl, calls };
}

export function renderApp(ui: ReactElement, options: { fetch: typeof fetch; path?: string }) {
  const api = createApiClient({ fetch: options.fetch });
  return render(
    <LanguageProvider>
      <ApiProvider client={api}>
        <QueryProvider client={createQueryClient({ retry: false })}>
          <SessionProvider>
            <MemoryRouter initialEntries={[options.path ?? "/"]}>{ui}</MemoryRouter>
          </SessionProvider>
        </QueryProvider>
      </ApiProvider>
    </LanguageProvider>,
  );
}

/** The demo staff, as the gateway's directory lists them. */
export const DEMO_STAFF = [
  { username: "bc1", display_name: "Bertta Yrityskoordinaattori", roles: ["business_coordinator"] },
  { username: "coach", display_name: "Oona Omavalmentaja", roles: ["coach"] },
  { username: "lead", display_name: "Tiina Tiiminvetäjä", roles: ["team_lead"] },
  { username: "wac1", display_name: "Venla Työkykykoordinaattori", roles: ["work_ability_coordinator"] },
  { username: "wac2", display_name: "Ville Työkykykoordinaattori", roles: ["work_ability_coordinator"] },
];

/** GET /api/v1/staff over `members` (all active), honouring ?role= and ?active=. */
export function staffRoutes(members: readonly { username: string; display_name: string; roles: string[] }[] = DEMO_STAFF) {
  return {
    "GET /api/v1/staff": (request: Request) => {
      const query = new URL(request.url).searchParams;
      const role = query.get("role");
      if (query.get("active") === "false") return json({ items: [] });
      return json({ items: members.filter((member) => !role || member.roles.includes(role)) });
    },
  } satisfies Record<string, Route>;
}

/**
 * After a submit with errors the summary takes the focus on the next frame, as a screen-reader
 * user needs; a test that types on before then would have its keys land in the summary.
 */
export async function errorSummaryTakesFocus(scope: HTMLElement = document.body) {
  const summary = within(scope).getByText("Korjaa seuraavat kohdat").closest<HTMLElement>(".notice");
  await waitFor(() => expect(summary).toHaveFocus());
}
