import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Me } from "../api/gatewayTypes";
import { useApi } from "../common/ApiContext";

export type SessionNotice = "signed-out" | "expired";

export type SessionState =
  | { status: "loading" }
  | { status: "anonymous"; notice: SessionNotice | null }
  | { status: "signed-in"; me: Me };

interface SessionContextValue {
  session: SessionState;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [session, setSession] = useState<SessionState>({ status: "loading" });

  useEffect(() => {
    let cancelled = false;
    // The token lives in memory only, so every page load asks the refresh cookie first.
    void (async () => {
      try {
        const me = (await api.restoreSession()) ? await api.me() : null;
        if (!cancelled) setSession(me ? { status: "signed-in", me } : { status: "anonymous", notice: null });
      } catch {
        if (!cancelled) setSession({ status: "anonymous", notice: null });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(
    () => api.onSessionEnded((reason) => setSession({ status: "anonymous", notice: reason })),
    [api],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      await api.login({ username, password });
      const me = await api.me();
      setSession({ status: "signed-in", me });
      return me;
    },
    [api],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setSession({ status: "anonymous", notice: "signed-out" });
    }
  }, [api]);

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error("useSession needs a SessionProvider");
  return value;
}

/** For views inside RequireAuth, where a signed-in person is guaranteed. */
export function useMe(): Me {
  const { session } = useSession();
  if (session.status !== "signed-in") throw new Error("useMe used outside RequireAuth");
  return session.me;
}
