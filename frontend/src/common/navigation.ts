// One table decides both which menu items a role sees and which routes it may open, so the
// two cannot drift apart. The services authorise every call themselves; this only spares
// people from views that would stay empty for them.
import type { Role } from "../auth/roles";
import { defineMessages } from "./i18n";

export type SectionId = "today" | "unit" | "clients" | "employers" | "referrals" | "metrics" | "import" | "admin";

export interface Section {
  id: SectionId;
  path: string;
  roles: readonly Role[];
}

const CASEWORK: readonly Role[] = ["coach", "work_ability_coordinator", "business_coordinator", "team_lead"];

export const SECTIONS: readonly Section[] = [
  { id: "today", path: "/oma-paiva", roles: CASEWORK },
  // The team lead sees everything in the unit (DOMAIN): what is overdue or waiting anywhere.
  { id: "unit", path: "/yksikko", roles: ["team_lead"] },
  { id: "clients", path: "/asiakkaat", roles: CASEWORK },
  // Work-ability coordinators run the tailored-work pilot with companies, so they see employers too.
  { id: "employers", path: "/tyonantajat", roles: ["work_ability_coordinator", "business_coordinator", "team_lead"] },
  { id: "referrals", path: "/lahetteet", roles: CASEWORK },
  { id: "metrics", path: "/luvut", roles: ["work_ability_coordinator", "business_coordinator", "team_lead", "admin"] },
  // CONTRACTS §4: imports are for team_lead and admin.
  { id: "import", path: "/tuonti", roles: ["team_lead", "admin"] },
  { id: "admin", path: "/yllapito", roles: ["admin"] },
];

export const ME_PATH = "/mina";
/** One's own notifications (the header's count links here); the preferences under it. */
export const NOTIFICATIONS_PATH = "/ilmoitukset";
export const NOTIFICATION_PREFERENCES_PATH = "/ilmoitukset/asetukset";
/** The header search's results (`?q=`); for everyone with a section that search covers. */
export const SEARCH_PATH = "/haku";
export const SIGN_IN_PATH = "/kirjaudu";
export const ACCESSIBILITY_PATH = "/saavutettavuusseloste";
/** The public self-registration form: no sign-in (it replaces the Webropol form). */
export const REGISTRATION_PATH = "/ilmoittaudu";

export const sectionLabels = defineMessages<Record<SectionId | "me", string>>({
  fi: {
    today: "Oma päivä",
    unit: "Yksikkö",
    clients: "Asiakkaat",
    employers: "Työnantajat",
    referrals: "Lähetteet",
    metrics: "Luvut",
    import: "Tuonti",
    admin: "Ylläpito",
    me: "Minä",
  },
  en: {
    today: "My day",
    unit: "Unit",
    clients: "Clients",
    employers: "Employers",
    referrals: "Referrals",
    metrics: "Figures",
    import: "Import",
    admin: "Administration",
    me: "Me",
  },
});

/** Where a section lives, for links into it (`${sectionPath("clients")}/${id}`). */
export function sectionPath(id: SectionId): string {
  return SECTIONS.find((section) => section.id === id)?.path ?? "/";
}

export function sectionsFor(roles: readonly string[]): Section[] {
  return SECTIONS.filter((section) => section.roles.some((role) => roles.includes(role)));
}

/** Where a person lands after signing in: their first section, or Minä if they have none. */
export function homePathFor(roles: readonly string[]): string {
  return sectionsFor(roles)[0]?.path ?? ME_PATH;
}
