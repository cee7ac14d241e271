import { defineMessages } from "./i18n";

export const accessibilityMessages = defineMessages({
  fi: {
    title: "Saavutettavuusseloste",
    intro:
      "Tämä saavutettavuusseloste koskee Polku-asiakastyöjärjestelmää, jota Lahden seudun työllisyyspalvelujen henkilöstö käyttää. Pyrimme takaamaan palvelun saavutettavuuden digitaalisten palvelujen tarjoamisesta annetun lain (306/2019) mukaisesti.",
    statusTitle: "Saavutettavuuden tila",
    status: "Palvelu täyttää osittain WCAG 2.1 -ohjeistuksen A- ja AA-tason saavutettavuusvaatimukset.",
    gapsTitle: "Ei-saavutettava sisältö",
    gapsIntro: "Tiedossa olevat puutteet:",
    gapPlaceholders:
      "Palvelu on käyttöönottovaiheessa. Useat näkymät ovat vielä tulossa, eikä niiden saavutettavuutta ole voitu arvioida.",
    gapManualTesting:
      "Palvelua ei ole vielä testattu ruudunlukijoilla eikä käyttäjätestein. Automaattinen testaus ei löydä kaikkia puutteita.",
    methodTitle: "Miten seloste on laadittu",
    method: (date: string) =>
      `Seloste on laadittu ${date}. Arvio perustuu itsearvioon ja automaattiseen testaukseen (axe-core, WCAG 2.1 A ja AA), joka ajetaan jokaiselle näkymälle aina ennen julkaisua.`,
    feedbackTitle: "Palaute ja yhteystiedot",
    feedback:
      "Huomasitko saavutettavuuspuutteen tai tarvitsetko sisällön toisessa muodossa? Kerro siitä meille sähköpostilla, niin korjaamme asian. Vastaamme 14 päivän kuluessa.",
    feedbackLink: "Lähetä saavutettavuuspalautetta sähköpostilla",
    feedbackSubject: "Polku: saavutettavuuspalaute",
    supervisionTitle: "Valvontaviranomainen",
    supervision:
      "Jos et saa vastausta 14 päivän kuluessa tai et ole tyytyväinen vastaukseen, voit tehdä ilmoituksen valvontaviranomaiselle. Digitaalisten palvelujen saavutettavuutta valvoo Lupa- ja valvontavirasto.",
    supervisionLink: "Saavutettavuusvaatimukset ja ilmoitus valvontaviranomaiselle (saavutettavuusvaatimukset.fi)",
  },
  en: {
    title: "Accessibility statement",
    intro:
      "This accessibility statement concerns Polku, the case-management system used by the staff of the Lahti region employment services. We aim to make the service accessible as required by the Act on the Provision of Digital Services (306/2019).",
    statusTitle: "Compliance status",
    status: "The service partially meets the level A and AA requirements of WCAG 2.1.",
    gapsTitle: "Non-accessible content",
    gapsIntro: "Known gaps:",
    gapPlaceholders:
      "The service is being introduced. Several views are still coming and their accessibility could not yet be assessed.",
    gapManualTesting:
      "The service has not yet been tested with screen readers or with users. Automated testing does not find every problem.",
    methodTitle: "How this statement was prepared",
    method: (date: string) =>
      `This statement was prepared on ${date}. It is based on a self-assessment and on automated testing (axe-core, WCAG 2.1 A and AA) of every view before each release.`,
    feedbackTitle: "Feedback and contact information",
    feedback:
      "Did you notice an accessibility problem, or do you need content in another format? Tell us by e-mail and we will fix it. We answer within 14 days.",
    feedbackLink: "Send accessibility feedback by e-mail",
    feedbackSubject: "Polku: accessibility feedback",
    supervisionTitle: "Supervisory authority",
    supervision:
      "If you get no answer within 14 days or are not satisfied with it, you can notify the supervisory authority. The accessibility of digital services is supervised by the Finnish Permit and Supervisory Authority (Lupa- ja valvontavirasto).",
    supervisionLink: "Accessibility requirements and notifying the supervisory authority (saavutettavuusvaatimukset.fi)",
  },
});
