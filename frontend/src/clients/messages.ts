import { defineMessages } from "../common/i18n";

export const clientsMessages = defineMessages({
  fi: {
    todayTitle: "Oma päivä",
    todayPurpose:
      "Päivän työlista: yhteydenotot, joiden määräaika lähestyy, tulevat tapaamiset, saapuneet lähetteet ja puuttuvat lopetuslomakkeet.",
    clientsTitle: "Asiakkaat",
    clientsPurpose: "Asiakkaiden haku nimellä tai henkilötunnuksella, asiakkuudet, tapaamiset, kirjaukset ja asiakassuunnitelma.",
    importTitle: "Tuonti",
    importPurpose: "Vanhan asiakasrekisterin historian tuonti CSV- tai Excel-tiedostosta, ensin tarkistusajona.",
  },
  en: {
    todayTitle: "My day",
    todayPurpose: "The day's worklist: contacts falling due, upcoming meetings, incoming referrals and missing exit forms.",
    clientsTitle: "Clients",
    clientsPurpose: "Finding clients by name or identity code; enrolments, meetings, notes and the service plan.",
    importTitle: "Import",
    importPurpose: "Importing the old client register's history from a CSV or Excel file, first as a dry run.",
  },
});
