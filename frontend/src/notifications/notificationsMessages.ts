import { defineMessages } from "../common/i18n";

export const notificationsMessages = defineMessages({
  fi: {
    contactTitle: "Yhteystiedot ilmoituksia varten",
    contactIntro: "Polku lähettää muistutukset ja kalenterikutsut tähän osoitteeseen valitsemallasi kielellä.",
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
    contactIntro: "Polku sends reminders and calendar invitations to this address in the language you choose.",
    email: "E-mail address",
    emailHint: "Leave empty to get notifications in the app only.",
    language: "Language of messages",
    languageFi: "Finnish",
    languageEn: "English",
    saveContact: "Save contact details",
    contactSaved: "Your contact details have been saved.",
  },
});
