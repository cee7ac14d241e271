import { defineMessages } from "../common/i18n";

export const notificationsMessages = defineMessages({
  fi: {
    contactTitle: "Yhteystiedot ilmoituksia varten",
    contactIntro: "Osoite ja kieli tallentuvat Polun muistutuksia ja kalenterikutsuja varten.",
    email: "Sähköpostiosoite",
    emailHint: "Jätä tyhjäksi, jos haluat ilmoitukset vain sovellukseen.",
    language: "Viestien kieli",
    languageFi: "suomi",
    languageEn: "englanti",
    saveContact: "Tallenna yhteystiedot",
    contactSaved: "Yhteystiedot on tallennettu.",
  },
  en: {
    contactTitle: "Contact details for notifications",
    contactIntro: "The address and language are kept for Polku's reminders and calendar invitations.",
    email: "E-mail address",
    emailHint: "Leave empty to get notifications in the app only.",
    language: "Language of messages",
    languageFi: "Finnish",
    languageEn: "English",
    saveContact: "Save contact details",
    contactSaved: "Your contact details have been saved.",
  },
});
