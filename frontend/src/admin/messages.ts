import { defineMessages } from "../common/i18n";

export const adminMessages = defineMessages({
  fi: {
    adminTitle: "Ylläpito",
    adminPurpose: "Käyttäjät, roolit ja järjestelmän asetukset.",
  },
  en: {
    adminTitle: "Administration",
    adminPurpose: "Users, roles and system settings.",
  },
});
