import { defineMessages } from "../common/i18n";
import type { WorkFix } from "./api";
import type { DayItemKind } from "./dayItems";

export const dayMessages = defineMessages({
  fi: {
    intro: (date: string, count: number) =>
      `Tänään on ${date}. ${count === 1 ? "Yksi tehtävä" : `${count} tehtävää`}; jokaisessa ryhmässä myöhässä olevat ensin.`,
    groupsLabel: "Tehtäväryhmät",
    count: (count: number) => (count === 1 ? "1 kpl" : `${count} kpl`),
    open: "Avoin",
  },
  en: {
    intro: (date: string, count: number) =>
      `Today is ${date}. ${count === 1 ? "One task" : `${count} tasks`}; in each group the overdue ones first.`,
    groupsLabel: "Groups of tasks",
    count: (count: number) => String(count),
    open: "Open",
  },
});

export const groupTitles = defineMessages<Record<DayItemKind, string>>({
  fi: {
    new_clients: "Uudet asiakkaat",
    contacts_due: "Ota yhteyttä",
    meetings_today: "Tapaamiset tänään",
    no_meeting_in_14_days: "Ei tapaamista 14 päivään",
    plans_not_reviewed: "Tarkista asiakassuunnitelma",
    registrations_to_triage: "Uudet ilmoittautumiset käsiteltävänä",
    exit_form_missing: "Lopetuslomake puuttuu",
    outcome_suggestions: "Ehdotetut jatkopolut",
    handoffs_overdue: "Pitkään kesken olevat siirrot",
    roadmap_next_steps: "Työkyvyn tiekartan seuraavat vaiheet",
    referral: "Lähetteet odottavat vastaustasi",
    lead_contact: "Ota yhteyttä työnantajaan",
    lead_follow_up: "Seurantayhteys työnantajaan",
  },
  en: {
    new_clients: "New clients",
    contacts_due: "Contact the client",
    meetings_today: "Meetings today",
    no_meeting_in_14_days: "No meeting in 14 days",
    plans_not_reviewed: "Review the service plan",
    registrations_to_triage: "New registrations to triage",
    exit_form_missing: "Exit form missing",
    outcome_suggestions: "Suggested outcomes",
    handoffs_overdue: "Hand-offs open too long",
    roadmap_next_steps: "Next steps of work-ability roadmaps",
    referral: "Referrals waiting for your answer",
    lead_contact: "Contact the employer",
    lead_follow_up: "Follow up with the employer",
  },
});

/** How to clear an item, for each `fix` code the worklist sends. */
export const fixTexts = defineMessages<Record<WorkFix, string>>({
  fi: {
    record_contact: "Kirjaa yhteydenotto asiakkaan palvelupolulle.",
    record_meeting_outcome: "Merkitse tapaaminen pidetyksi, siirretyksi tai perutuksi.",
    book_meeting: "Varaa seuraava tapaaminen.",
    review_plan: "Tarkista suunnitelma asiakkaan kanssa ja merkitse se tarkistetuksi.",
    triage_registration: "Käsittele ilmoittautuminen: aloita asiakkuus tai yhdistä kaksoiskappale.",
    fill_exit_form: "Täydennä ESR-lopetuslomake asiakkuuden tietoihin.",
    end_enrolment: "Päätä asiakkuus ehdotetulla jatkopolulla tai kirjaa toinen.",
    complete_handoff: "Päätä siirto lähetteen sivulla, kun kolmikantatapaaminen on pidetty.",
    advance_roadmap: "Vie tiekartan seuraava vaihe eteenpäin ja kirjaa sen tila.",
  },
  en: {
    record_contact: "Record a contact on the client's pathway.",
    record_meeting_outcome: "Mark the meeting held, moved or cancelled.",
    book_meeting: "Book the next meeting.",
    review_plan: "Review the plan with the client and mark it reviewed.",
    triage_registration: "Triage the registration: start an enrolment or merge the duplicate.",
    fill_exit_form: "Complete the ESF exit form in the enrolment's details.",
    end_enrolment: "End the enrolment with the suggested outcome, or record another.",
    complete_handoff: "Complete the hand-off on the referral's page once the tripartite meeting is held.",
    advance_roadmap: "Take the roadmap's next stage forward and record where it stands.",
  },
});
