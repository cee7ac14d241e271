import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { signedInAs } from "../admin/testSession";
import { AppRoutes } from "../App";
import { json, problem, renderApp, scriptedFetch, staffRoutes, type Route } from "../common/testing";
import { NOTIFICATION_KINDS, objectPath } from "./api";

const REFERRAL_ID = "11111111-1111-4111-8111-111111111111";
const CLIENT_ID = "22222222-2222-4222-8222-222222222222";
const LEAD_ID = "33333333-3333-4333-8333-333333333333";

function item(id: string, kind: string, objectType: string, objectId: string, extra: Record<string, unknown> = {}) {
  return { id, kind, object_type: objectType, object_id: objectId, due: null, created_at: "2026-12-02T08:30:00Z", read_at: null, ...extra };
}

const ITEMS = [
  item("n1", "referral_received", "referral", REFERRAL_ID),
  item("n2", "contact_due", "client", CLIENT_ID, { due: "2026-12-04" }),
  item("n3", "lead_assigned", "lead", LEAD_ID, { read_at: "2026-12-02T09:00:00Z" }),
];

function renderAt(path: string, routes: Record<string, Route> = {}) {
  const scripted = scriptedFetch({
    ...signedInAs("bc1", ["business_coordinator"]),
    ...staffRoutes(),
    "GET /api/v1/notifications/count": () => json({ unread: 2 }),
    ...routes,
  });
  renderApp(<AppRoutes />, { fetch: scripted.fetch, path });
  return scripted;
}

function callsTo(calls: Request[], method: string, path: string) {
  return calls.filter((call) => call.method === method && new URL(call.url).pathname === path);
}

describe("the navigation's unread count", () => {
  it("names the count with the link, in Finnish", async () => {
    renderAt("/mina");
    const link = await screen.findByRole("link", { name: "Ilmoitukset, 2 lukematonta" });
    expect(link).toHaveAttribute("href", "/ilmoitukset");
  });

  it("says one unread in the singular and nothing when there are none", async () => {
    let unread = 1;
    renderAt("/mina", { "GET /api/v1/notifications/count": () => json({ unread }) });
    expect(await screen.findByRole("link", { name: "Ilmoitukset, 1 lukematon" })).toBeInTheDocument();
    unread = 0;
    await userEvent.setup().click(screen.getByRole("link", { name: /^Ilmoitukset/ }));
    await waitFor(() => expect(screen.getByRole("link", { name: "Ilmoitukset" })).toBeInTheDocument());
  });
});

describe("the notifications page", () => {
  it("lists every row with its kind in Finnish, its dates and a link to the object", async () => {
    renderAt("/ilmoitukset", { "GET /api/v1/notifications": () => json({ items: ITEMS, next_cursor: null }) });
    const list = await screen.findByRole("list", { name: "Ilmoitukset" });
    expect(within(list).getByRole("link", { name: "Uusi lähete" })).toHaveAttribute("href", `/lahetteet/${REFERRAL_ID}`);
    expect(within(list).getByRole("link", { name: "Yhteydenotto erääntyy" })).toHaveAttribute("href", `/asiakkaat/${CLIENT_ID}`);
    expect(within(list).getByRole("link", { name: "Sinulle on osoitettu rekrytointiliidi" })).toHaveAttribute(
      "href",
      `/tyonantajat/liidit/${LEAD_ID}`,
    );
    expect(within(list).getByText("4.12.2026")).toBeInTheDocument();
    expect(within(list).getAllByText("Lukematon")).toHaveLength(2);
    expect(within(list).getByText("Luettu")).toBeInTheDocument();
    // A read one has no "mark read" button; each button names its row.
    const markButtons = within(list).getAllByRole("button", { name: "Merkitse luetuksi" });
    expect(markButtons).toHaveLength(2);
    expect(markButtons[0]).toHaveAccessibleDescription("Uusi lähete");
    expect(within(list).getAllByRole("button", { name: "Poista" })).toHaveLength(3);
  });

  it("has a Finnish label for every kind in the schema", async () => {
    const all = NOTIFICATION_KINDS.map((kind, index) => item(`k${index}`, kind, "referral", REFERRAL_ID));
    renderAt("/ilmoitukset", { "GET /api/v1/notifications": () => json({ items: all }) });
    const list = await screen.findByRole("list", { name: "Ilmoitukset" });
    const headings = within(list).getAllByRole("heading", { level: 2 }).map((heading) => heading.textContent);
    expect(headings).toEqual([
      "Uusi lähete",
      "Lähetteeseesi on vastattu",
      "Lähetteen vastausaika päättyy",
      "Siirto odottaa",
      "Sinulle on osoitettu rekrytointiliidi",
      "Liidin yhteydenotto erääntyy",
      "Liidin seuranta erääntyy",
      "Yhteydenotto erääntyy",
      "Suunnitelman tarkistus erääntyy",
      "Tuonti on valmis",
    ]);
    for (const text of headings) expect(text).not.toMatch(/_/);
  });

  it("marks a row read, and opening its link marks it read and lowers the count", async () => {
    let unread = 2;
    const { calls } = renderAt("/ilmoitukset", {
      "GET /api/v1/notifications/count": () => json({ unread }),
      "GET /api/v1/notifications": () => json({ items: ITEMS }),
      "POST /api/v1/notifications/n2/read": () => {
        unread = 1;
        return json({ ...ITEMS[1], read_at: "2026-12-03T10:00:00Z" });
      },
      "POST /api/v1/notifications/n1/read": () => {
        unread = 0;
        return json({ ...ITEMS[0], read_at: "2026-12-03T10:00:00Z" });
      },
      [`GET /api/v1/referrals/${REFERRAL_ID}`]: () => problem(404, "Not Found", { code: "referral_not_found" }),
    });
    const user = userEvent.setup();
    const list = await screen.findByRole("list", { name: "Ilmoitukset" });
    await screen.findByRole("link", { name: "Ilmoitukset, 2 lukematonta" });

    await user.click(within(list).getAllByRole("button", { name: "Merkitse luetuksi" })[1]!);
    expect(await screen.findByText("Ilmoitus on merkitty luetuksi.")).toBeInTheDocument();
    expect(callsTo(calls, "POST", "/api/v1/notifications/n2/read")).toHaveLength(1);
    expect(await screen.findByRole("link", { name: "Ilmoitukset, 1 lukematon" })).toBeInTheDocument();

    await user.click(within(list).getByRole("link", { name: "Uusi lähete" }));
    await waitFor(() => expect(callsTo(calls, "POST", "/api/v1/notifications/n1/read")).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole("link", { name: "Ilmoitukset" })).toBeInTheDocument());
  });

  it("removes a row and asks for the next page with the cursor", async () => {
    const { calls } = renderAt("/ilmoitukset", {
      "GET /api/v1/notifications": (request) =>
        new URL(request.url).searchParams.get("cursor") === "c2"
          ? json({ items: [item("n9", "follow_up_due", "lead", LEAD_ID)], next_cursor: null })
          : json({ items: ITEMS, next_cursor: "c2" }),
      "POST /api/v1/notifications/n1/dismiss": () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    const list = await screen.findByRole("list", { name: "Ilmoitukset" });
    await user.click(screen.getByRole("button", { name: "Näytä lisää" }));
    expect(await within(list).findByRole("link", { name: "Liidin seuranta erääntyy" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Näytä lisää" })).not.toBeInTheDocument();

    await user.click(within(list).getAllByRole("button", { name: "Poista" })[0]!);
    expect(await screen.findByText("Ilmoitus on poistettu.")).toBeInTheDocument();
    expect(callsTo(calls, "POST", "/api/v1/notifications/n1/dismiss")).toHaveLength(1);
  });

  it("asks for the unread ones only under Lukemattomat", async () => {
    const { calls } = renderAt("/ilmoitukset", { "GET /api/v1/notifications": () => json({ items: [] }) });
    const user = userEvent.setup();
    expect(await screen.findByText("Ei ilmoituksia.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Lukemattomat" }));
    expect(await screen.findByText("Ei lukemattomia ilmoituksia.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Lukemattomat" })).toHaveAttribute("aria-pressed", "true");
    const unreadCall = callsTo(calls, "GET", "/api/v1/notifications").at(-1)!;
    expect(new URL(unreadCall.url).searchParams.get("unread")).toBe("true");
  });
});

const PREFERENCES = {
  kinds: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, "app_email"])),
  email_mode: "digest",
  digest_hour: 7,
  email: "bertta@lahti.example",
};

describe("the notification settings", () => {
  it("shows the choices and saves the changed ones", async () => {
    const { calls } = renderAt("/ilmoitukset/asetukset", {
      "GET /api/v1/notifications/preferences": () => json(PREFERENCES),
      "PUT /api/v1/notifications/preferences": async (request) => {
        const body = (await request.json()) as Record<string, unknown>;
        return json({ ...PREFERENCES, ...body });
      },
    });
    const user = userEvent.setup();
    const select = await screen.findByLabelText("Uusi lähete");
    expect(select).toHaveValue("app_email");
    expect(screen.getByText("Sähköpostit lähetetään osoitteeseen bertta@lahti.example.")).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Päivän koosteena" })).toBeChecked();

    await user.selectOptions(select, "off");
    await user.click(screen.getByRole("radio", { name: "Heti" }));
    await user.selectOptions(screen.getByLabelText(/^Päivän koosteen kellonaika/), "9");
    await user.click(screen.getByRole("button", { name: "Tallenna asetukset" }));

    expect(await screen.findByText("Ilmoitusasetukset on tallennettu.")).toBeInTheDocument();
    const [sent] = callsTo(calls, "PUT", "/api/v1/notifications/preferences");
    const body = (await sent!.json()) as { kinds: Record<string, string>; email_mode: string; digest_hour: number };
    expect(body.kinds.referral_received).toBe("off");
    expect(body.kinds.contact_due).toBe("app_email");
    expect(Object.keys(body.kinds).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(body.email_mode).toBe("immediate");
    expect(body.digest_hour).toBe(9);
    expect(screen.getByLabelText("Uusi lähete")).toHaveValue("off");
  });

  it("shows a server refusal in the error summary, by its code in Finnish", async () => {
    renderAt("/ilmoitukset/asetukset", {
      "GET /api/v1/notifications/preferences": () => json({ ...PREFERENCES, email: null }),
      "PUT /api/v1/notifications/preferences": () =>
        problem(422, "Unprocessable", {
          code: "validation_error",
          errors: [{ loc: ["body", "digest_hour"], msg: "Input should be less than or equal to 23", code: "less_than_equal", params: { le: 23 } }],
        }),
    });
    const user = userEvent.setup();
    await screen.findByLabelText("Uusi lähete");
    expect(screen.getByText(/Sinulla ei ole sähköpostiosoitetta/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Tallenna asetukset" }));

    const summary = (await screen.findByText("Korjaa seuraavat kohdat")).closest<HTMLElement>(".notice")!;
    await waitFor(() => expect(summary).toHaveFocus());
    const entry = within(summary).getByRole("link");
    expect(entry).toHaveAttribute("href", `#${screen.getByLabelText(/^Päivän koosteen kellonaika/).id}`);
    expect(entry.textContent).not.toMatch(/Input should/);
  });

  it("says a failure by its code when no field is named", async () => {
    renderAt("/ilmoitukset/asetukset", {
      "GET /api/v1/notifications/preferences": () => json(PREFERENCES),
      "PUT /api/v1/notifications/preferences": () =>
        problem(503, "Service Unavailable", { code: "service_unavailable" }),
    });
    const user = userEvent.setup();
    await screen.findByLabelText("Uusi lähete");
    await user.click(screen.getByRole("button", { name: "Tallenna asetukset" }));
    const alert = (await screen.findByText("Toiminto ei onnistunut")).closest<HTMLElement>(".notice")!;
    expect(alert.textContent).not.toMatch(/Service Unavailable/);
  });
});

describe("an e-mail's link", () => {
  it("marks the notification read and goes on to its object", async () => {
    const { calls } = renderAt("/notifications/n1", {
      "POST /api/v1/notifications/n1/read": () => json({ ...ITEMS[0], read_at: "2026-12-03T10:00:00Z" }),
      [`GET /api/v1/referrals/${REFERRAL_ID}`]: () => problem(404, "Not Found", { code: "referral_not_found" }),
    });
    await waitFor(() => expect(callsTo(calls, "GET", `/api/v1/referrals/${REFERRAL_ID}`).length).toBeGreaterThan(0));
    expect(callsTo(calls, "POST", "/api/v1/notifications/n1/read")).toHaveLength(1);
  });

  it("says in Finnish that a notification is gone", async () => {
    renderAt("/ilmoitukset/gone", {
      "POST /api/v1/notifications/gone/read": () => problem(404, "Not Found", { code: "notification_not_found" }),
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("Ilmoitusta ei löydy.");
  });
});

describe("a notification's link", () => {
  it("opens the import page for a finished import and the object's page otherwise", () => {
    const id = "0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f";
    expect(objectPath({ object_type: "import", object_id: id })).toBe("/tuonti");
    expect(objectPath({ object_type: "referral", object_id: id })).toBe(`/lahetteet/${id}`);
    expect(objectPath({ object_type: "something_else", object_id: id })).toBeNull();
  });
});
