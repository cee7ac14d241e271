import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { useMessages } from "../common/i18n";
import { commonMessages } from "../common/messages";
import { homePathFor, SIGN_IN_PATH } from "../common/navigation";
import { PageHeading } from "../common/PageHeading";
import type { Role } from "./roles";
import { useMe, useSession } from "./session";

export interface ReturnState {
  from?: string;
}

export function RequireAuth() {
  const { session } = useSession();
  const location = useLocation();
  const t = useMessages(commonMessages);
  if (session.status === "loading") return <p role="status">{t.loading}</p>;
  if (session.status === "anonymous") {
    // After an expiry the person comes back where they were; after signing out (perhaps for
    // a colleague at the same desk) the next sign-in starts from its own home page.
    const state: ReturnState | null =
      session.notice === "signed-out" ? null : { from: location.pathname + location.search };
    return <Navigate to={SIGN_IN_PATH} replace state={state} />;
  }
  return <Outlet />;
}

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  const t = useMessages(commonMessages);
  if (!roles.some((role) => me.roles.includes(role))) {
    return (
      <>
        <PageHeading title={t.noAccessTitle}>{t.noAccessTitle}</PageHeading>
        <p>{t.noAccessText}</p>
      </>
    );
  }
  return <>{children}</>;
}

export function HomeRedirect() {
  const me = useMe();
  return <Navigate to={homePathFor(me.roles)} replace />;
}
