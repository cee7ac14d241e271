import type { ReactElement } from "react";
import { Route, Routes } from "react-router";
import { AdminPage } from "./admin/AdminPage";
import { HomeRedirect, RequireAuth, RequireRole } from "./auth/guards";
import { MePage } from "./auth/MePage";
import { SignInPage } from "./auth/SignInPage";
import { ClientsPage } from "./clients/ClientsPage";
import { RegistrationPage } from "./clients/RegistrationPage";
import { ImportPage } from "./clients/ImportPage";
import { TodayPage } from "./clients/TodayPage";
import { AccessibilityStatementPage } from "./common/AccessibilityStatementPage";
import { Layout } from "./common/Layout";
import {
  ACCESSIBILITY_PATH,
  ME_PATH,
  NOTIFICATIONS_PATH,
  REGISTRATION_PATH,
  SEARCH_PATH,
  SECTIONS,
  SIGN_IN_PATH,
  type SectionId,
} from "./common/navigation";
import { NotFoundPage } from "./common/NotFoundPage";
import { EmployersPage } from "./employers/EmployersPage";
import { MetricsPage } from "./metrics/MetricsPage";
import { NotificationOpener, NotificationsPage } from "./notifications/NotificationsPage";
import { ReferralsPage } from "./referrals/ReferralsPage";
import { SearchPage } from "./search/SearchPage";
import { UnitPage } from "./unit/UnitPage";

const SECTION_PAGES: Record<SectionId, () => ReactElement> = {
  today: TodayPage,
  unit: UnitPage,
  clients: ClientsPage,
  employers: EmployersPage,
  referrals: ReferralsPage,
  metrics: MetricsPage,
  import: ImportPage,
  admin: AdminPage,
};

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path={SIGN_IN_PATH} element={<SignInPage />} />
        <Route path={ACCESSIBILITY_PATH} element={<AccessibilityStatementPage />} />
        <Route path={REGISTRATION_PATH} element={<RegistrationPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomeRedirect />} />
          <Route path={ME_PATH} element={<MePage />} />
          <Route path={SEARCH_PATH} element={<SearchPage />} />
          <Route path={`${NOTIFICATIONS_PATH}/*`} element={<NotificationsPage />} />
          {/* The e-mails' links (APP_URL/notifications/{id}). */}
          <Route path="/notifications/:notificationId" element={<NotificationOpener />} />
          {SECTIONS.map((section) => {
            const Page = SECTION_PAGES[section.id];
            return (
              <Route
                key={section.id}
                // Each section owns its sub-routes (/asiakkaat/:clientId …).
                path={`${section.path}/*`}
                element={
                  <RequireRole roles={section.roles}>
                    <Page />
                  </RequireRole>
                }
              />
            );
          })}
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
