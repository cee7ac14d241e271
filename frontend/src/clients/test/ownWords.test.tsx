// Acceptance 2 (the app's side): every form of the client work, sent with input the service
// refuses, shows the refusal in the app's own Finnish words, from the catalogue by code —
// never the service's English `detail` or `msg`.
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { errorCatalogue } from "../../common/problemText";
import { problem } from "../../common/testing";
import { HandoffForm } from "../../referrals/HandoffForm";
import { ClientEditForm } from "../ClientEditForm";
import { AssessmentForm, FeedbackForm, NoteForm, StatusEpisodeForm } from "../forms";
import { ContactForm, EndForm, EnrolForm, MeetingForm, ServiceNeedForm } from "../pathwayForms";
import { PlanEditor } from "../PlanEditor";
import { ClientCreateForm } from "../RegisterClientPage";
import { CATALOGUE, CLIENT_ID, enrolment, ENROLMENT_ID, overview, renderSignedIn } from "./fixtures";

const ENGLISH = "SERVER ENGLISH that must not be shown";
type User = ReturnType<typeof userEvent.setup>;

interface FormCase {
  name: string;
  ui: ReactElement;
  route: string;
  field: string;
  submit: string;
  fill?: (user: User) => Promise<void>;
}

const enrolmentBase = `POST /api/v1/clients/${CLIENT_ID}/enrolments/${ENROLMENT_ID}`;

const CASES: FormCase[] = [
  {
    name: "contact",
    ui: <ContactForm clientId={CLIENT_ID} enrolmentId={ENROLMENT_ID} />,
    route: `${enrolmentBase}/contacts`,
    field: "comment",
    submit: "Kirjaa yhteydenotto",
    fill: async (user) => {
      await user.selectOptions(screen.getByRole("combobox", { name: /Yhteystapa/ }), "phone");
      await user.click(screen.getByRole("radio", { name: "Tavoitettiin" }));
    },
  },
  { name: "meeting", ui: <MeetingForm clientId={CLIENT_ID} enrolment={enrolment()} />, route: `${enrolmentBase}/meetings`, field: "place", submit: "Varaa tapaaminen" },
  {
    name: "service need",
    ui: <ServiceNeedForm clientId={CLIENT_ID} enrolmentId={ENROLMENT_ID} />,
    route: `POST /api/v1/clients/${CLIENT_ID}/service-need-assessments`,
    field: "reason",
    submit: "Tallenna arvio",
    fill: async (user) => {
      await user.click(screen.getByRole("radio", { name: /Osaamisen vahvistaminen/ }));
      await user.type(screen.getByRole("textbox", { name: /Perustelu/ }), "Koulutus.");
    },
  },
  {
    name: "end (exit data filled later)",
    ui: <EndForm clientId={CLIENT_ID} enrolment={enrolment({ state: "ended", outcome: "stopped_contact", ended_on: "2026-11-20" })} catalogue={CATALOGUE} />,
    route: `${enrolmentBase}/end`,
    field: "ended_on",
    submit: "Tallenna lopetuslomake",
  },
  {
    name: "enrolment",
    ui: <EnrolForm clientId={CLIENT_ID} />,
    route: `POST /api/v1/clients/${CLIENT_ID}/enrolments`,
    field: "registered_on",
    submit: "Aloita asiakkuus",
  },
  { name: "client edit", ui: <ClientEditForm view={overview()} />, route: `PATCH /api/v1/clients/${CLIENT_ID}`, field: "municipality", submit: "Tallenna muutokset", fill: async (user) => user.type(screen.getByRole("textbox", { name: /Kotikunta/ }), "x") },
  {
    name: "new client",
    ui: <ClientCreateForm onCreated={() => undefined} />,
    route: "POST /api/v1/clients",
    field: "phone",
    submit: "Tallenna asiakas",
    fill: async (user) => {
      await user.type(screen.getByRole("textbox", { name: /Etunimi/ }), "Aino");
      await user.type(screen.getByRole("textbox", { name: /Sukunimi/ }), "Asiakas");
    },
  },
  {
    name: "note",
    ui: <NoteForm clientId={CLIENT_ID} allowHealth />,
    route: `POST /api/v1/clients/${CLIENT_ID}/notes`,
    field: "text",
    submit: "Tallenna kirjaus",
    fill: async (user) => user.type(screen.getByRole("textbox", { name: /Kirjaus/ }), "Teksti"),
  },
  {
    name: "self-assessment",
    ui: <AssessmentForm clientId={CLIENT_ID} />,
    route: `POST /api/v1/clients/${CLIENT_ID}/assessments`,
    field: "instrument_version",
    submit: "Tallenna arvio",
    fill: async (user) => {
      for (const box of screen.getAllByRole("textbox", { name: /Kokonaisluku|Kokonaisarvio|Terveys|Osaaminen|Arvot|Työ ja|Elämäntilanne/ })) await user.type(box, "5");
    },
  },
  {
    name: "status episode",
    ui: <StatusEpisodeForm clientId={CLIENT_ID} />,
    route: `POST /api/v1/clients/${CLIENT_ID}/status-episodes`,
    field: "service_type",
    submit: "Tallenna jakso",
    fill: async (user) => user.selectOptions(screen.getByRole("combobox", { name: /Asema/ }), "unemployed"),
  },
  {
    name: "feedback",
    ui: <FeedbackForm clientId={CLIENT_ID} enrolmentId={ENROLMENT_ID} />,
    route: `POST /api/v1/clients/${CLIENT_ID}/feedback`,
    field: "text",
    submit: "Tallenna palaute",
    fill: async (user) => user.click(screen.getByRole("radio", { name: "8" })),
  },
  {
    name: "plan",
    ui: <PlanEditor view={overview()} />,
    route: `PUT /api/v1/clients/${CLIENT_ID}/plan`,
    field: "goals.0",
    submit: "Tallenna suunnitelma",
    fill: async (user) => user.type(screen.getByRole("textbox", { name: "Tavoite 1" }), "Tavoite"),
  },
  {
    name: "hand-off",
    ui: <HandoffForm view={overview()} enrolment={enrolment()} />,
    route: "POST /api/v1/referrals",
    field: "message",
    submit: "Lähetä",
    fill: async (user) => {
      await screen.findByRole("option", { name: /Bertta/ });
      await user.selectOptions(screen.getByRole("combobox", { name: /Vastaanottaja/ }), "bc1");
    },
  },
];

const tooLong = errorCatalogue.string_too_long?.fi.replace("{max_length}", "5");

describe("the app's own words for every refusal", () => {
  it.each(CASES)("$name: a refused field in Finnish from the catalogue, never the service's English", async (formCase) => {
    const user = userEvent.setup();
    renderSignedIn(formCase.ui, {
      [formCase.route]: () =>
        problem(422, ENGLISH, {
          detail: ENGLISH,
          code: "validation_failed",
          errors: [{ loc: ["body", ...formCase.field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part))], msg: ENGLISH, code: "string_too_long", params: { max_length: 5 } }],
        }),
    });
    await screen.findByRole("button", { name: formCase.submit });
    await formCase.fill?.(user);
    await user.click(screen.getByRole("button", { name: formCase.submit }));
    expect((await screen.findAllByText(tooLong ?? "?")).length).toBeGreaterThan(0);
    expect(document.body.textContent).not.toContain("SERVER ENGLISH");
  });

  it.each(CASES)("$name: a refused action in Finnish from the catalogue", async (formCase) => {
    const user = userEvent.setup();
    renderSignedIn(formCase.ui, {
      [formCase.route]: () => problem(409, ENGLISH, { detail: ENGLISH, code: "enrolment_not_open" }),
    });
    await screen.findByRole("button", { name: formCase.submit });
    await formCase.fill?.(user);
    await user.click(screen.getByRole("button", { name: formCase.submit }));
    expect(await screen.findByText(errorCatalogue.enrolment_not_open?.fi ?? "?")).toBeInTheDocument();
    expect(document.body.textContent).not.toContain("SERVER ENGLISH");
  });
});
