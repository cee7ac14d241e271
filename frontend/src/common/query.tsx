// The one data layer: TanStack Query caches and invalidates, the typed service clients
// (openapi-fetch over the generated `paths`, see api.ts) fetch. A view asks with
// useApiQuery(key, load); a change goes through useApiMutation, which invalidates the keys the
// change touches, so every view of the same data agrees without reloading the page.
import {
  QueryClient,
  QueryClientProvider,
  useMutation,
  useQuery as useTanstackQuery,
  useQueryClient,
  type QueryKey,
  type UseQueryResult,
} from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { ApiError, type ServiceClients } from "./api";
import { useApi } from "./ApiContext";

export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal or a missing client does not get better by asking again; a network blip may.
        retry: options.retry === false ? false : (count, error) => count < 2 && !(error instanceof ApiError && error.kind === "http"),
        staleTime: 30_000,
        // Every read of a client's data writes an access-log entry: no reads the person did not ask for.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/** The cache, emptied when the session ends: one person's clients never show to the next. */
export function QueryProvider({ client, children }: { client?: QueryClient; children: ReactNode }) {
  const api = useApi();
  const [queryClient] = useState(() => client ?? createQueryClient());
  useEffect(() => api.onSessionEnded(() => queryClient.clear()), [api, queryClient]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

export function useHttp(): ServiceClients {
  return useApi().http;
}

export function useApiQuery<T>(
  key: QueryKey,
  load: (http: ServiceClients) => Promise<T>,
  options: { enabled?: boolean; staleTime?: number } = {},
): UseQueryResult<T> {
  const http = useHttp();
  return useTanstackQuery({ queryKey: key, queryFn: () => load(http), ...options });
}

/**
 * A change, and the cached reads it makes stale. `invalidates` lists query-key prefixes,
 * e.g. [["client", id]] refreshes everything about that client.
 */
export function useApiMutation<Input, Output>(
  run: (http: ServiceClients, input: Input) => Promise<Output>,
  invalidates: QueryKey[] | ((input: Input, output: Output) => QueryKey[]) = [],
) {
  const http = useHttp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => run(http, input),
    onSuccess: async (output, input) => {
      const keys = typeof invalidates === "function" ? invalidates(input, output) : invalidates;
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

/** For forms that run their own submit: invalidate after a change. */
export function useInvalidate() {
  const queryClient = useQueryClient();
  return (...keys: QueryKey[]) => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** Query keys in one place, so a change invalidates what it touches and nothing else. */
export const keys = {
  clients: ["clients"] as const,
  clientList: (params: object) => ["clients", "list", params] as const,
  client: (clientId: string) => ["client", clientId] as const,
  worklist: ["worklist"] as const,
  caseload: ["caseload"] as const,
  catalogue: ["catalogue"] as const,
  staff: (role: string | null) => ["staff", role ?? "all"] as const,
  referrals: ["referrals"] as const,
  referral: (id: string) => ["referrals", "detail", id] as const,
};
