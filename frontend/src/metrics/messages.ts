import { defineMessages } from "../common/i18n";

export const metricsMessages = defineMessages({
  fi: {
    metricsTitle: "Luvut",
    metricsPurpose: "Seurannan tunnusluvut, kuten aktivointiaste, asiakasmäärät koordinaattoreittain ja yhteydenottojen määräajat.",
  },
  en: {
    metricsTitle: "Figures",
    metricsPurpose: "Monitoring figures such as the activation rate, caseload per coordinator and contact deadlines.",
  },
});
