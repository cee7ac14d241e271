import { defineMessages } from "../common/i18n";

export const employersMessages = defineMessages({
  fi: {
    employersTitle: "Työnantajat",
    employersPurpose: "Työnantajaverkosto, Rekrypisteen rekrytointiliidit, yhteydenotot, avoimet paikat ja rekrytointitapahtumat.",
  },
  en: {
    employersTitle: "Employers",
    employersPurpose: "The employer network, Rekrypiste recruitment leads, contacts, openings and recruitment events.",
  },
});
