// @ts-check
// Every page of My day, Clients, Referrals, Employers and the public registration form:
// axe (WCAG 2.1 A/AA) with its forms opened at 1366×768, 768×1024 and a 375 px phone, in
// Finnish and English, with no sideways scrolling of the page on the phone (WCAG 1.4.10);
// screenshots; and keyboard-only use (Tab reaches every control; forms submit with Enter).
import { assert, expectNoAxeViolations, newPage, PHONE, screenshot, VIEWPORTS } from "./harness.mjs";
import { apiAs, expectTabReachesEveryControl, signIn } from "./polku.mjs";

// The client page's sections (sub-routes of /asiakkaat/:id), and the work-ability print view.
const CLIENT_SECTIONS = ["", "polku", "suunnitelma", "kirjaukset", "arviot", "aktiivipalvelut", "tyokyky", "tyokyky/tulostettava", "historia"];

/**
 * An employer with an active-service period, and the client of wac1's in it (issue 15): found
 * among the first employers, or else a work trial of wac1's first client without one is
 * started there, so that the employer's list and the section's cards and forms are checked.
 * @param {Awaited<ReturnType<typeof apiAs>>} wac1 @param {Awaited<ReturnType<typeof apiAs>>} bc1
 * @returns {Promise<{ employerId: string, clientId: string }>}
 */
async function periodAtEmployer(wac1, bc1) {
  const employers = await bc1.get("/api/v1/employers?limit=30");
  for (const employer of employers.items) {
    const periods = await wac1.get(`/api/v1/clients/service-periods?employer_id=${employer.id}`);
    const own = periods.find((/** @type {{ client_id: string | null }} */ period) => period.client_id);
    if (own) return { employerId: employer.id, clientId: own.client_id };
  }
  const clients = await wac1.get("/api/v1/clients?mine=true&limit=50");
  for (const client of clients.items) {
    if ((await wac1.get(`/api/v1/clients/${client.id}/service-periods`)).length > 0) continue;
    const employerId = employers.items[0]?.id;
    assert(employerId, "the demo data has no employer");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki" }).format(new Date());
    await wac1.post(`/api/v1/clients/${client.id}/service-periods`, {
      kind: "work_trial",
      starts_on: today,
      employer_id: employerId,
      hours_per_week: 20,
    });
    return { employerId, clientId: client.id };
  }
  throw new Error("wac1 has no client without an active-service period");
}

/**
 * @typedef {{ name: string, path: string, user: string | null, heading: RegExp, openAll?: boolean }} PageCase
 */

/** @param {import("./harness.mjs").SpecContext} context @returns {Promise<PageCase[]>} */
async function pageCases(context) {
  const wac1 = await apiAs(context.baseURL, "wac1");
  const bc1 = await apiAs(context.baseURL, "bc1");
  try {
    const clients = await wac1.get("/api/v1/clients?mine=true&limit=1");
    const referrals = await bc1.get("/api/v1/referrals?box=inbox&limit=1");
    const employers = await bc1.get("/api/v1/employers?limit=1");
    const leads = await bc1.get("/api/v1/leads?mine=true&limit=1");
    const events = await bc1.get("/api/v1/recruitment-events?limit=1");
    const placed = await periodAtEmployer(wac1, bc1);
    /** @param {{ items: { id: string }[] }} page @param {string} what */
    const first = (page, what) => {
      assert(page.items[0], `the demo data has no ${what} to show`);
      return page.items[0].id;
    };
    return [
      { name: "registration", path: "/ilmoittaudu", user: null, heading: /Ilmoittaudu työllisyyspalveluun|Register for the employment services/ },
      { name: "today-wac1", path: "/oma-paiva", user: "wac1", heading: /Oma päivä|My day/ },
      { name: "today-bc1", path: "/oma-paiva", user: "bc1", heading: /Oma päivä|My day/ },
      { name: "clients", path: "/asiakkaat?mine=true", user: "wac1", heading: /Asiakkaat|Clients/ },
      { name: "client-new", path: "/asiakkaat/uusi", user: "wac1", heading: /Lisää asiakas|Add a client/ },
      ...CLIENT_SECTIONS.map((section) => ({
        name: `client${section ? `-${section.replace(/\//g, "-")}` : ""}`,
        path: `/asiakkaat/${first(clients, "client of wac1")}${section ? `/${section}` : ""}`,
        user: "wac1",
        heading: /./,
        openAll: true,
      })),
      // A client with a period: its card, the correction and the end form (issue 15).
      { name: "client-periods-with-period", path: `/asiakkaat/${placed.clientId}/aktiivipalvelut`, user: "wac1", heading: /./, openAll: true },
      { name: "clients-filtered", path: "/asiakkaat?state=active&sort=contact_due&order=desc", user: "wac1", heading: /Asiakkaat|Clients/ },
      { name: "refer-in", path: "/asiakkaat/ohjaa", user: "coach", heading: /Ohjaa asiakas|Refer a client/ },
      { name: "clients-coach", path: "/asiakkaat", user: "coach", heading: /Asiakkaat|Clients/ },
      { name: "reassign", path: "/asiakkaat/siirrot", user: "lead", heading: /Siirrä asiakkaita|Move clients/ },
      { name: "today-lead", path: "/oma-paiva", user: "lead", heading: /Oma päivä|My day/ },
      { name: "referrals-inbox", path: "/lahetteet?box=inbox", user: "bc1", heading: /Lähetteet|Referrals/ },
      { name: "referrals-outbox", path: "/lahetteet?box=outbox", user: "bc1", heading: /Lähetteet|Referrals/ },
      { name: "referral", path: `/lahetteet/${first(referrals, "referral to bc1")}`, user: "bc1", heading: /Lähete|Referral/, openAll: true },
      { name: "employers", path: "/tyonantajat", user: "bc1", heading: /Työnantajat|Employers/ },
      { name: "employer", path: `/tyonantajat/${first(employers, "employer")}`, user: "bc1", heading: /./, openAll: true },
      { name: "employer-with-periods", path: `/tyonantajat/${placed.employerId}`, user: "bc1", heading: /./, openAll: true },
      { name: "employer-with-periods-wac1", path: `/tyonantajat/${placed.employerId}`, user: "wac1", heading: /./ },
      { name: "rekrypiste", path: "/tyonantajat/rekrypiste", user: "bc1", heading: /Rekrypiste/ },
      { name: "lead", path: `/tyonantajat/liidit/${first(leads, "lead of bc1")}`, user: "bc1", heading: /Rekrytointiliidi|Recruitment lead/, openAll: true },
      { name: "events", path: "/tyonantajat/tapahtumat", user: "bc1", heading: /Rekrytointitapahtumat|Recruitment events/ },
      { name: "event", path: `/tyonantajat/tapahtumat/${first(events, "recruitment event")}`, user: "bc1", heading: /./, openAll: true },
      { name: "openings", path: "/tyonantajat/paikat", user: "bc1", heading: /./ },
      { name: "unit", path: "/yksikko", user: "lead", heading: /./ },
      { name: "search", path: "/haku?q=Oy", user: "bc1", heading: /./ },
      { name: "me", path: "/mina", user: "bc1", heading: /./, openAll: true },
      { name: "notifications", path: "/ilmoitukset", user: "bc1", heading: /Ilmoitukset|Notifications/ },
      { name: "notification-settings", path: "/ilmoitukset/asetukset", user: "bc1", heading: /Ilmoitusasetukset|Notification settings/ },
    ];
  } finally {
    await wac1.dispose();
    await bc1.dispose();
  }
}

/** @param {import("playwright-core").Page} page */
async function openEveryDisclosure(page) {
  const closed = page.locator("main details:not([open]) > summary");
  for (let count = await closed.count(); count > 0; count = await closed.count()) await closed.first().click();
  // An opened section may load what it shows (the event's pickers): let it settle, or the
  // controls counted next are replaced under the walk.
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => !document.querySelector("main .data-loading"), null, { timeout: 15_000 });
}

/** @param {import("playwright-core").Page} page @param {PageCase} pageCase */
async function visit(page, pageCase) {
  await page.goto(pageCase.path);
  await page.getByRole("heading", { level: 1, name: pageCase.heading }).waitFor();
  // Loaded, not loading: no "Ladataan…" status left in main.
  await page.waitForFunction(() => !document.querySelector("main .data-loading"), null, { timeout: 15_000 });
}

/**
 * The page reflows: nothing makes the whole page scroll sideways. A wide table scrolls inside
 * its own region, which WCAG 1.4.10 allows for data tables.
 * @param {import("playwright-core").Page} page @param {string} label
 */
async function expectNoSidewaysScroll(page, label) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    // The widest culprits: a box past the edge, or text (a long compound word) past its box.
    const wide = Array.from(document.querySelectorAll("body *")).filter((element) => {
      if (element.parentElement?.closest(".table-scroll")) return false;
      return element.getBoundingClientRect().right > width + 1 || (element.clientWidth > 1 && element.scrollWidth > element.clientWidth + 1);
    });
    return wide
      .slice(-5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? "").trim().slice(0, 40)}"`)
      .join(", ");
  });
  assert(overflow === null, `${label}: the page scrolls sideways on a phone; too wide: ${overflow}`);
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "my pages pass axe in Finnish and English at desktop, tablet and phone width, reflow on the phone, and are screenshotted",
    async run(context) {
      const cases = await pageCases(context);
      for (const language of ["fi", "en"]) {
        for (const viewport of [...VIEWPORTS, PHONE]) {
          // A fresh browser context for each person, so no session or cookie carries over.
          for (const user of [...new Set(cases.map((pageCase) => pageCase.user))]) {
            const { page, browserContext, consoleErrors } = await newPage(context, viewport);
            await page.addInitScript((chosen) => window.localStorage.setItem("polku.language", chosen), language);
            if (user) await signIn(page, user);
            for (const pageCase of cases.filter((candidate) => candidate.user === user)) {
              await visit(page, pageCase);
              if (pageCase.openAll) await openEveryDisclosure(page);
              await expectNoAxeViolations(page, `${pageCase.name} (${language}, ${viewport.name})`);
              if (viewport === PHONE) await expectNoSidewaysScroll(page, `${pageCase.name} (${language})`);
              await screenshot(page, `mine-${pageCase.name}-${language}${viewport === PHONE ? "-phone" : ""}`);
            }
            const unexpected = consoleErrors.filter((error) => !/status of 4\d\d/.test(error));
            assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
            await browserContext.close();
          }
        }
      }
    },
  },
  {
    name: "keyboard only: Tab reaches every control on every page; the forms show their errors on Enter",
    async run(context) {
      const cases = await pageCases(context);
      for (const user of [...new Set(cases.map((pageCase) => pageCase.user))]) {
        const { page, browserContext } = await newPage(context, VIEWPORTS[0]);
        if (user) await signIn(page, user);
        for (const pageCase of cases.filter((candidate) => candidate.user === user)) {
          await visit(page, pageCase);
          if (pageCase.openAll) await openEveryDisclosure(page);
          await expectTabReachesEveryControl(page, pageCase.name);
        }
        await browserContext.close();
      }

      // Enter in an empty form's first field submits it: the summary names the missing fields.
      for (const [user, path, field, message] of [
        [null, "/ilmoittaudu", "Etunimi", "Anna etunimi."],
        ["wac1", "/asiakkaat/uusi", "Etunimi", "Anna etunimi."],
        ["coach", "/asiakkaat/ohjaa", "Henkilötunnus", "Anna henkilötunnus."],
      ]) {
        const { page, browserContext } = await newPage(context, VIEWPORTS[0]);
        if (user) await signIn(page, user);
        await page.goto(String(path));
        await page.getByLabel(String(field)).first().press("Enter");
        await page.getByRole("link", { name: String(message) }).waitFor();
        await expectNoAxeViolations(page, `${path} with errors`);
        await screenshot(page, `mine-errors-${String(path).replace(/\W+/g, "-")}`);
        await browserContext.close();
      }
    },
  },
];
