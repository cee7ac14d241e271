import { defineMessages, type Language } from "../common/i18n";

export const ROLES = ["coach", "work_ability_coordinator", "business_coordinator", "team_lead", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const roleLabels = defineMessages<Record<Role, string>>({
  fi: {
    coach: "Omavalmentaja",
    work_ability_coordinator: "Työkykykoordinaattori",
    business_coordinator: "Yrityskoordinaattori",
    team_lead: "Tiiminvetäjä",
    admin: "Pääkäyttäjä",
  },
  en: {
    coach: "Personal coach",
    work_ability_coordinator: "Work-ability coordinator",
    business_coordinator: "Business coordinator",
    team_lead: "Team lead",
    admin: "Administrator",
  },
});

/** A role the SPA does not know yet is shown by its code rather than hidden. */
export function roleLabel(role: string, language: Language): string {
  return isRole(role) ? roleLabels[language][role] : role;
}
