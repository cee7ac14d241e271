import { useCallback, useEffect, useState } from "react";
import type { ApiClient } from "./api";
import { useApi } from "./ApiContext";

export type QueryState<T> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; data: T };

export type Query<T> = QueryState<T> & { reload: () => void };

/**
 * Loads data for a view and reloads it when `key` changes or `reload()` is called. A late
 * answer for an old key is dropped, so a fast typist never sees a stale search.
 */
export function useQuery<T>(key: string, load: (api: ApiClient) => Promise<T>): Query<T> {
  const api = useApi();
  const [state, setState] = useState<QueryState<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === "ready" && generation > 0 ? previous : { status: "loading" }));
    load(api).then(
      (data) => current && setState({ status: "ready", data }),
      (error: unknown) => current && setState({ status: "error", error }),
    );
    return () => {
      current = false;
    };
    // `load` is a new closure on every render; `key` names what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
