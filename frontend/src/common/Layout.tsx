import { useEffect, useRef } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { roleLabel } from "../auth/roles";
import { useSession } from "../auth/session";
import { searchGroupsFor } from "../search/api";
import { SearchBox } from "../search/SearchBox";
import { NotificationsLink } from "../notifications/NotificationsLink";
import { useLanguage, useMessages } from "./i18n";
import { LanguageSwitch } from "./LanguageSwitch";
import { commonMessages } from "./messages";
import { ACCESSIBILITY_PATH, ME_PATH, SIGN_IN_PATH, sectionLabels, sectionsFor } from "./navigation";

export function Layout() {
  const t = useMessages(commonMessages);
  const labels = useMessages(sectionLabels);
  const { language } = useLanguage();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(location.pathname);

  // A single-page app does not announce new pages by itself: after in-app navigation move
  // focus to the new page's heading (or main), as a full page load would reset it.
  // Comparing paths (not counting renders) keeps StrictMode's repeated effects harmless.
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    // A modal dialog the new page opened with (the reason of access) has taken focus already;
    // moving it to the heading behind the dialog would leave the keyboard outside it.
    if (document.activeElement?.closest('[aria-modal="true"]')) return;
    const heading = mainRef.current?.querySelector<HTMLElement>("h1");
    (heading ?? mainRef.current)?.focus();
  }, [location.pathname]);

  const me = session.status === "signed-in" ? session.me : null;

  async function handleSignOut() {
    await signOut();
    navigate(SIGN_IN_PATH, { replace: true });
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main-content">
        {t.skipToContent}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="brand">
            <span className="brand-name">{t.appName}</span>
            <span className="brand-tagline">{t.appTagline}</span>
          </Link>
          <div className="header-tools">
            {me && searchGroupsFor(me.roles).length > 0 && <SearchBox />}
            <LanguageSwitch />
            {me && (
              <>
                <div className="current-user" aria-label={t.signedInAs} role="group">
                  <span className="current-user-name">{me.display_name}</span>
                  <span className="current-user-role">
                    {me.roles.map((role) => roleLabel(role, language)).join(", ")}
                  </span>
                </div>
                <button type="button" className="button button-on-dark" onClick={() => void handleSignOut()}>
                  {t.signOut}
                </button>
              </>
            )}
          </div>
        </div>
      </header>
      <div className="app-body">
        {me && (
          <nav className="main-nav" aria-label={t.mainNavigation}>
            <ul>
              {sectionsFor(me.roles).map((section) => (
                <li key={section.id}>
                  <NavLink to={section.path}>{labels[section.id]}</NavLink>
                </li>
              ))}
              <li className="main-nav-separated">
                <NotificationsLink />
              </li>
              <li>
                <NavLink to={ME_PATH}>{labels.me}</NavLink>
              </li>
            </ul>
          </nav>
        )}
        <main id="main-content" className="main" tabIndex={-1} ref={mainRef}>
          <Outlet />
        </main>
      </div>
      <footer className="app-footer">
        <div className="app-footer-inner">
          <span>{t.footerText}</span>
          <Link to={ACCESSIBILITY_PATH}>{t.accessibilityStatement}</Link>
        </div>
      </footer>
    </div>
  );
}
