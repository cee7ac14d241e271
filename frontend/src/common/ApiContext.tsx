import { createContext, useContext, type ReactNode } from "react";
import type { ApiClient } from "./api";

const ApiContext = createContext<ApiClient | null>(null);

/** Tests pass a client over a fake fetch; the app passes the one real client. */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (client === null) throw new Error("useApi needs an ApiProvider");
  return client;
}
