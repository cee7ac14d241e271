import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { keys, useApiQuery } from "../../common/query";
import { json, problem } from "../../common/testing";
import { clientsApi, type Meeting, type Overview } from "../api";
import { anHourLater, ContactForm, EndForm, EnrolForm, MeetingForm, MeetingMoveForm, outcomeChange, ServiceNeedForm } from "../pathwayForms";
import { bodiesOf, CATALOGUE, CLIENT_ID, enrolment, ENROLMENT_ID, overview, renderSignedIn } from "./fixtures";

const base = `/api/v1/clients/${CLIENT_ID}`;
const enrolmentBase = `${base}/enrolments/${ENROLMENT_ID}`;

describe("starting an enrolment", () => {
  it("offers coordinators by name and sends the username with the line of their role; a coach is the referrer", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<EnrolForm clientId={CLIENT_ID} />, {
      [`POST ${base}/enrolments`]: () => json(enrolment(), { status: 201 }),
    }, { username: "coach", roles: ["coach"] });
    await screen.findByRole("option", { name: /Bertta/ });
    await user.click(screen.getByRole("button", { name: "Aloita asiakkuus" }));
    expect(screen.getByRole("combobox", { name: /Koordinaattori/ })).toHaveAccessibleDescription(
      "Palvelulinja määräytyy koordinaattorin roolin mukaan. Valitse koordinaattori.",
    );
    await user.selectOptions(screen.getByRole("combobox", { name: /Koordinaattori/ }), "bc1");
    await user.click(screen.getByRole("button", { name: "Aloita asiakkuus" }));
    expect(await screen.findByText("Asiakkuus aloitettu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${base}/enrolments`)).toEqual([
      expect.objectContaining({ coordinator: "bc1", service_line: "business", referred_by: "coach" }),
    ]);
  });
});

describe("a contact attempt", () => {
  it("is sent unreached with its comment", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<ContactForm clientId={CLIENT_ID} enrolmentId={ENROLMENT_ID} />, {
      [`POST ${enrolmentBase}/contacts`]: () => json({}, { status: 201 }),
    });
    await user.selectOptions(await screen.findByRole("combobox", { name: /Yhteystapa/ }), "phone");
    await user.click(screen.getByRole("radio", { name: "Ei tavoitettu" }));
    await user.type(screen.getByRole("textbox", { name: /Kommentti/ }), "Ei vastannut, soitan huomenna.");
    await user.click(screen.getByRole("button", { name: "Kirjaa yhteydenotto" }));
    expect(await screen.findByText("Yhteydenotto kirjattu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${enrolmentBase}/contacts`)).toEqual([
      expect.objectContaining({ channel: "phone", reached: false, comment: "Ei vastannut, soitan huomenna." }),
    ]);
  });

  it("puts the service's refusal by its field in the app's words", async () => {
    const user = userEvent.setup();
    renderSignedIn(<ContactForm clientId={CLIENT_ID} enrolmentId={ENROLMENT_ID} />, {
      [`POST ${enrolmentBase}/contacts`]: () =>
        problem(422, "Unprocessable", {
          code: "validation_failed",
          errors: [{ loc: ["body", "at"], msg: "This cannot be in the future", code: "date_in_future" }],
        }),
    });
    await user.selectOptions(await screen.findByRole("combobox", { name: /Yhteystapa/ }), "sms");
    await user.click(screen.getByRole("radio", { name: "Tavoitettiin" }));
    await user.click(screen.getByRole("button", { name: "Kirjaa yhteydenotto" }));
    const when = await screen.findByLabelText(/Ajankohta/);
    expect(when).toHaveAttribute("aria-invalid", "true");
    expect(when.getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.queryByText(/This cannot be in the future/)).not.toBeInTheDocument();
  });
});

describe("booking a meeting", () => {
  it("refuses an end before the start and a link that is not https, and sends nothing", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<MeetingForm clientId={CLIENT_ID} enrolment={enrolment()} />);
    const ends = await screen.findByLabelText(/Päättyy/);
    await user.clear(ends);
    await user.type(ends, "2020-01-01T08:00");
    await user.type(screen.getByLabelText(/Etätapaamisen linkki/), "http://example.fi/x");
    await user.click(screen.getByRole("button", { name: "Varaa tapaaminen" }));
    expect(await screen.findByRole("link", { name: "Päättymisajan pitää olla alkamisajan jälkeen." })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Anna linkki muodossa https://…" })).toBeInTheDocument();
    expect(calls.filter((call) => call.method === "POST" && call.url.includes("/meetings"))).toHaveLength(0);
  });

  it("books with the responsible coordinators as participants, by name", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<MeetingForm clientId={CLIENT_ID} enrolment={enrolment()} />, {
      [`POST ${enrolmentBase}/meetings`]: () => json({}, { status: 201 }),
    });
    const group = await screen.findByRole("group", { name: /Osallistujat/ });
    expect(await within(group).findByRole("checkbox", { name: "Venla Työkykykoordinaattori" })).toBeChecked();
    await user.type(screen.getByLabelText(/^Paikka/), "Palvelutori, Trio");
    await user.click(screen.getByRole("button", { name: "Varaa tapaaminen" }));
    expect(await screen.findByText("Tapaaminen tallennettu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${enrolmentBase}/meetings`)).toEqual([
      expect.objectContaining({ kind: "follow_up", status: "scheduled", place: "Palvelutori, Trio", participants: ["wac1"] }),
    ]);
  });

  it("links a follow-up visit to the client's running work trial, and offers no ended period", async () => {
    const user = userEvent.setup();
    const period = (id: string, kind: string, ends_on: string | null) => ({
      id,
      client_id: CLIENT_ID,
      kind,
      starts_on: "2026-10-01",
      ends_on,
      follow_up_visits: [],
    });
    const { calls } = renderSignedIn(<MeetingForm clientId={CLIENT_ID} enrolment={enrolment()} />, {
      [`GET ${base}/service-periods`]: () => json([period("p1", "work_trial", null), period("p0", "job_coaching", "2026-10-15")]),
      [`POST ${enrolmentBase}/meetings`]: () => json({}, { status: 201 }),
    });
    const select = await screen.findByRole("combobox", { name: /Seurantakäynti jaksolla/ });
    expect(within(select).getAllByRole("option").map((option) => option.textContent)).toEqual(["Ei liity jaksoon", "Työkokeilu 1.10.2026–"]);
    await user.selectOptions(select, "p1");
    await user.click(screen.getByRole("button", { name: "Varaa tapaaminen" }));
    expect(await screen.findByText("Tapaaminen tallennettu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${enrolmentBase}/meetings`)).toEqual([expect.objectContaining({ service_period_id: "p1" })]);
  });

  it("ends an hour after the start by default, on the next day when booked late in the evening", () => {
    expect(anHourLater("2026-12-02T09:15")).toBe("2026-12-02T10:15");
    expect(anHourLater("2026-12-02T23:30")).toBe("2026-12-03T00:30");
    expect(anHourLater("2026-12-31T23:00")).toBe("2027-01-01T00:00");
  });

  it("marks a future booking held at this moment, the same meeting", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    const meeting = { at: "2026-11-24T08:00:00Z" } as Parameters<typeof outcomeChange>[0];
    expect(outcomeChange(meeting, "held", now)).toEqual({ status: "held", at: "2026-11-23T10:00:00.000Z" });
    expect(outcomeChange({ ...meeting, at: "2026-11-22T08:00:00Z" }, "no_show", now)).toEqual({ status: "no_show" });
  });
});

describe("the service need assessment", () => {
  it("needs one of the four paths and the reason, then sends both", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<ServiceNeedForm clientId={CLIENT_ID} enrolmentId={ENROLMENT_ID} />, {
      [`POST ${base}/service-need-assessments`]: () => json({}, { status: 201 }),
    });
    await user.click(await screen.findByRole("button", { name: "Tallenna arvio" }));
    expect(screen.getByRole("group", { name: /Palvelupolku/ })).toHaveAccessibleDescription(
      "Valitse polku, jolle asiakas ohjautuu. Valitse palvelupolku.",
    );
    expect(screen.getAllByRole("radio")).toHaveLength(4);
    await user.click(screen.getByRole("radio", { name: /Valmis avoimille työmarkkinoille/ }));
    await user.type(screen.getByRole("textbox", { name: /Perustelu/ }), "Työkykyä on, tavoitteena avoimet työt.");
    await user.click(screen.getByRole("button", { name: "Tallenna arvio" }));
    expect(await screen.findByText("Palvelutarpeen arvio tallennettu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${base}/service-need-assessments`)).toEqual([
      expect.objectContaining({ path: "open_labour_market", reason: "Työkykyä on, tavoitteena avoimet työt.", enrolment_id: ENROLMENT_ID }),
    ]);
  });
});

describe("ending an enrolment", () => {
  it("asks for the ESF exit status when the outcome needs it, confirms, and sends outcome and exit data together", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<EndForm clientId={CLIENT_ID} enrolment={enrolment()} catalogue={CATALOGUE} />, {
      [`POST ${enrolmentBase}/end`]: () => json(enrolment({ state: "ended" })),
    });
    await user.selectOptions(await screen.findByRole("combobox", { name: /Jatkopolku/ }), "employed");
    await user.click(screen.getByRole("button", { name: "Päätä asiakkuus" }));
    expect(await screen.findByRole("link", { name: /^Valitse tilanne lopetushetkellä/ })).toBeInTheDocument();

    expect(screen.getByRole("link", { name: /suorittiko asiakas tutkinnon/ })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: /Tilanne lopetushetkellä/ }), "employed");
    await user.click(screen.getByRole("radio", { name: "Ei" }));
    await user.click(screen.getByRole("button", { name: "Päätä asiakkuus" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Päätetäänkö asiakkuus?" });
    // The safe choice has the focus; cancelling sends nothing.
    expect(within(dialog).getByRole("button", { name: "Peruuta" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(calls.filter((call) => call.url.endsWith("/end"))).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Päätä asiakkuus" }));
    await user.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Päätä asiakkuus" }));
    expect(await screen.findByText("Asiakkuus päätetty.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${enrolmentBase}/end`)).toEqual([
      expect.objectContaining({ outcome: "employed", exit_status: "employed", qualification_gained: false }),
    ]);
  });

  it("fills a missing exit form of an ended enrolment without asking again", async () => {
    const user = userEvent.setup();
    const ended = enrolment({ state: "ended", outcome: "employed", ended_on: "2026-11-20", exit_form_missing: true });
    const { calls } = renderSignedIn(<EndForm clientId={CLIENT_ID} enrolment={ended} catalogue={CATALOGUE} />, {
      [`POST ${enrolmentBase}/end`]: () => json({ ...ended, exit_form_missing: false }),
    });
    await user.selectOptions(await screen.findByRole("combobox", { name: /Tilanne lopetushetkellä/ }), "job_seeking");
    await user.click(screen.getByRole("radio", { name: "Kyllä" }));
    await user.click(screen.getByRole("button", { name: "Tallenna lopetuslomake" }));
    expect(await screen.findByText("Lopetuslomake tallennettu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${enrolmentBase}/end`)).toEqual([
      { outcome: "employed", ended_on: "2026-11-20", exit_status: "job_seeking", qualification_gained: true },
    ]);
  });
});

describe("a text reminder despite non-disclosure", () => {
  const consent = (purpose: string, withdrawn_at: string | null = null) => ({
    id: `consent-${purpose}`,
    client_id: CLIENT_ID,
    purpose,
    granted_at: "2026-11-02T08:00:00Z",
    granted_by: "wac1",
    withdrawn_at,
    withdrawn_by: withdrawn_at ? "wac1" : null,
  });
  const client = (non_disclosure: boolean, consents: ReturnType<typeof consent>[]): Overview =>
    overview({ client: { ...overview().client, non_disclosure }, consents });
  const meeting = (text_reminder_confirmed: boolean) =>
    ({
      id: "m1",
      enrolment_id: ENROLMENT_ID,
      kind: "follow_up",
      at: "2026-12-08T08:00:00Z",
      ends_at: "2026-12-08T09:00:00Z",
      status: "scheduled",
      place: "Palvelutori",
      channel: null,
      recorded_by: "wac1",
      participants: ["wac1"],
      text_reminder_confirmed,
    }) as Meeting;

  // The form sits on the client page, which has read the client's overview.
  function OnClientPage({ children }: { children: ReactNode }) {
    const view = useApiQuery(keys.client(CLIENT_ID), (http) => clientsApi.overview(http, CLIENT_ID, null));
    return view.data ? <>{children}</> : null;
  }
  const label = "Lähetä tekstiviestimuistutus turvakiellosta huolimatta";

  it("is asked when the client is under non-disclosure and has the consent, and sent as ticked", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(
      <OnClientPage>
        <MeetingForm clientId={CLIENT_ID} enrolment={enrolment()} />
      </OnClientPage>,
      {
        [`GET /api/v1/clients/${CLIENT_ID}/overview`]: () => json(client(true, [consent("text_reminders")])),
        [`POST ${enrolmentBase}/meetings`]: () => json({}, { status: 201 }),
      },
    );
    const box = await screen.findByRole("checkbox", { name: label });
    expect(box).not.toBeChecked();
    expect(screen.getByRole("group", { name: "Tekstiviestimuistutus" })).toHaveAccessibleDescription(/turvakielto/);
    await user.click(box);
    await user.click(screen.getByRole("button", { name: "Varaa tapaaminen" }));
    expect(await screen.findByText("Tapaaminen tallennettu.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "POST", `${enrolmentBase}/meetings`)).toEqual([expect.objectContaining({ text_reminder_confirmed: true })]);
  });

  it.each([
    ["without non-disclosure", client(false, [consent("text_reminders")])],
    ["without the consent", client(true, [consent("service")])],
    ["with the consent withdrawn", client(true, [consent("text_reminders", "2026-11-20T08:00:00Z")])],
  ])("is not asked %s, and the booking does not name it", async (_, view) => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(
      <OnClientPage>
        <MeetingForm clientId={CLIENT_ID} enrolment={enrolment()} />
      </OnClientPage>,
      {
        [`GET /api/v1/clients/${CLIENT_ID}/overview`]: () => json(view),
        [`POST ${enrolmentBase}/meetings`]: () => json({}, { status: 201 }),
      },
    );
    await user.click(await screen.findByRole("button", { name: "Varaa tapaaminen" }));
    expect(await screen.findByText("Tapaaminen tallennettu.")).toBeInTheDocument();
    expect(screen.queryByRole("checkbox", { name: label })).not.toBeInTheDocument();
    const [body] = (await bodiesOf(calls, "POST", `${enrolmentBase}/meetings`)) as Record<string, unknown>[];
    expect(body).not.toHaveProperty("text_reminder_confirmed");
  });

  it("shows a moved meeting's confirmation and sends it changed", async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(
      <OnClientPage>
        <MeetingMoveForm clientId={CLIENT_ID} meeting={meeting(true)} />
      </OnClientPage>,
      {
        [`GET /api/v1/clients/${CLIENT_ID}/overview`]: () => json(client(true, [consent("text_reminders")])),
        [`PATCH ${enrolmentBase}/meetings/m1`]: () => json(meeting(false)),
      },
    );
    const box = await screen.findByRole("checkbox", { name: label });
    expect(box).toBeChecked();
    await user.click(box);
    await user.click(screen.getByRole("button", { name: "Siirrä" }));
    expect(await screen.findByText("Tapaaminen siirretty.")).toBeInTheDocument();
    expect(await bodiesOf(calls, "PATCH", `${enrolmentBase}/meetings/m1`)).toEqual([expect.objectContaining({ text_reminder_confirmed: false })]);
  });
});
