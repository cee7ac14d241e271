import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { useMessages } from "../common/i18n";
import { commonMessages } from "../common/messages";
import { homePathFor, REGISTRATION_PATH, SIGN_IN_PATH } from "../common/navigation";
import { PageHeading } from "../common/PageHeading";
import type { ReturnState } from "./guards";
import { authMessages } from "./messages";
import { useSession } from "./session";
import { SignInForm } from "./SignInForm";

function safeReturnPath(state: unknown): string | null {
  const from = (state as ReturnState | null)?.from;
  // Only in-app paths: never bounce a fresh sign-in to another origin or back to this page.
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") && !from.startsWith(SIGN_IN_PATH)
    ? from
    : null;
}

export function SignInPage() {
  const t = useMessages(authMessages);
  const common = useMessages(commonMessages);
  const { session } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const returnPath = safeReturnPath(location.state);

  if (session.status === "loading") return <p role="status">{common.loading}</p>;
  if (session.status === "signed-in") return <Navigate to={returnPath ?? homePathFor(session.me.roles)} replace />;

  const notice =
    session.notice === "signed-out" ? t.signedOutNotice : session.notice === "expired" ? t.sessionExpiredNotice : null;

  return (
    <div className="narrow">
      <PageHeading title={t.signInTitle}>{t.signInTitle}</PageHeading>
      <p className="lead">{t.signInIntro}</p>
      {notice && (
        <div className="notice notice-info" role="status">
          <p>{notice}</p>
        </div>
      )}
      <SignInForm onSignedIn={(me) => navigate(returnPath ?? homePathFor(me.roles), { replace: true })} />
      <aside className="card sign-in-registration" aria-labelledby="sign-in-registration-title">
        <h2 id="sign-in-registration-title" className="notice-title">
          {t.registrationTitle}
        </h2>
        <p>{t.registrationText}</p>
        <p>
          <Link to={REGISTRATION_PATH}>{t.registrationLink}</Link>
        </p>
      </aside>
    </div>
  );
}
