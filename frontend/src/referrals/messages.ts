import { defineMessages } from "../common/i18n";

export const referralsMessages = defineMessages({
  fi: {
    referralsTitle: "Lähetteet",
    referralsPurpose: "Saapuneet ja lähetetyt lähetteet: siirrot koordinaattorien välillä, konsultaatiot ja ohjaukset kumppaneille.",
  },
  en: {
    referralsTitle: "Referrals",
    referralsPurpose: "Incoming and outgoing referrals: transfers between coordinators, consultations and referrals to partners.",
  },
});
