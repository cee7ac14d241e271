// Test helpers for the admin views: a signed-in session over the scripted fetch of common/testing.
import type { ReactNode } from "react";
import { useSession } from "../auth/session";
import { json, type Route } from "../common/testing";

export function signedInAs(username: string, roles: string[]): Record<string, Route> {
  return {
    "POST /auth/refresh": () => json({ access_token: "token", token_type: "Bearer", expires_in: 900 }),
    "GET /api/v1/me": () => json({ username, display_name: `Name of ${username}`, roles, scopes: [] }),
  };
}

/** Renders the children once the session is signed in, as RequireAuth does in the app. */
export function WhenSignedIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return session.status === "signed-in" ? <>{children}</> : null;
}
