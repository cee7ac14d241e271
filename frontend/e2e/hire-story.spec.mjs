// @ts-check
// Issue 13, acceptance 1, through the UI only against the whole system: bc1 enters a lead from
// a phone call, contacts the company, records the follow-up, adds an opening of one position,
// refers a client of theirs to it, records the presentation, the interview and the hire. The
// opening is filled, the lead closed "palkattu", the client's enrolment shows the suggested
// outcome and ends "työllistyi"; the employer's page shows the lead, the opening and the hire.
// The client attended a recruitment event earlier that day: the hire shows on its page too
// (acceptance 2's last point).
import { assert, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { openDisclosure, signIn, status, uniqueBusinessId } from "./polku.mjs";

/**
 * The first of bc1's own clients with an open enrolment whose first meeting was held, and the
 * referral form: its page path.
 * @param {import("playwright-core").Page} page
 */
async function ownClientWithOpenEnrolment(page) {
  await page.goto("/asiakkaat?mine=true");
  const links = page.locator("main table").first().getByRole("link");
  await links.first().waitFor();
  const hrefs = (await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")))).filter(
    (href) => href && /^\/asiakkaat\/[0-9a-f-]{36}$/.test(href),
  );
  for (const href of hrefs) {
    await page.goto(`${href}/polku`);
    await page.locator("#enrolments").waitFor();
    const endForm = page.locator("#enrolments details").filter({ has: page.locator("summary", { hasText: "Päätä asiakkuus" }) });
    const referralForm = page.locator("details").filter({ has: page.locator("summary", { hasText: "Lähetä lähete kumppanille tai työpaikkaan" }) });
    // Ending as employed needs the first meeting held (the exit rules), as it would for a real hire.
    const card = (await page.locator("#enrolments article").first().innerText()).replace(/\s+/g, " ");
    const met = /Ensimmäinen tapaaminen \d/.test(card);
    if (met && (await endForm.count()) > 0 && (await referralForm.count()) > 0) return /** @type {string} */ (href);
  }
  throw new Error("bc1 has no own client with an open enrolment in the demo data");
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "bc1 takes a phone lead to a hire: the opening is filled, the lead closed hired, the enrolment ends employed",
    async run(context) {
      const stamp = Date.now().toString(36);
      const companyName = `E2E Palkkaus ${stamp} Oy`;
      const openingTitle = `Myyjä ${stamp}`;
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      try {
        await signIn(page, "bc1");

        // --- the lead from a phone call, its contact and follow-up -------------------------
        await page.goto("/tyonantajat/rekrypiste");
        await page.getByRole("heading", { level: 1, name: "Rekrypiste" }).waitFor();
        const leadForm = await openDisclosure(page, "Kirjaa uusi liidi");
        await leadForm.getByLabel("Mistä liidi tuli").selectOption({ label: "puhelin" });
        await leadForm.getByLabel("Y-tunnus").fill(uniqueBusinessId().valid);
        await leadForm.getByLabel("Yrityksen nimi").fill(companyName);
        await leadForm.getByLabel("Yhteyshenkilö", { exact: true }).fill(`Paula Puhelin ${stamp}`);
        await leadForm.getByLabel("Yhteyshenkilön puhelin").fill("044 765 4321");
        await leadForm.getByLabel("Tarve").fill("Yksi myyjä joulusesonkiin");
        await leadForm.getByLabel("Yrityksen nimi").press("Enter");
        await status(leadForm, `Liidi tallennettu: ${companyName}.`);
        const leads = page.getByRole("table", { name: /liidit/i });
        await leads.getByRole("row").filter({ hasText: companyName }).getByRole("link").first().click();
        await page.getByRole("heading", { level: 1, name: "Rekrytointiliidi" }).waitFor();
        const leadPath = new URL(page.url()).pathname;
        const contactForm = await openDisclosure(page, "Kirjaa yhteydenotto");
        await contactForm.getByLabel("Sisältö").fill("Soitto: myyjä tarvitaan 14.12. alkaen");
        await contactForm.getByRole("button", { name: "Tallenna" }).click();
        await status(contactForm, "Yhteydenotto kirjattu.");
        const followUpForm = await openDisclosure(page, "Kirjaa seurantayhteys");
        await followUpForm.getByLabel("Sisältö").fill("Seuranta: ehdokas esitellään");
        await followUpForm.getByRole("button", { name: "Tallenna" }).click();
        await status(followUpForm, "Seurantayhteys kirjattu.");

        // --- the opening, on the employer's page -------------------------------------------
        await page.getByRole("link", { name: companyName }).click();
        await page.getByRole("heading", { level: 1, name: companyName }).waitFor();
        const employerPath = new URL(page.url()).pathname;
        const openingForm = await openDisclosure(page, "Uusi avoin työpaikka");
        await openingForm.getByLabel("Nimike").fill(openingTitle);
        await openingForm.getByLabel("Paikan tyyppi").selectOption({ label: "tavallinen" });
        const lead = openingForm.getByLabel(/Liidi/);
        if ((await lead.count()) > 0) {
          // The opening belongs to the lead it came from (the only open lead of the company).
          const options = await lead.locator("option").evaluateAll((all) => all.map((o) => o.getAttribute("value")).filter(Boolean));
          if (options[0]) await lead.selectOption(String(options[0]));
        }
        await openingForm.getByLabel("Nimike").press("Enter");
        await status(openingForm, `Avoin työpaikka ${openingTitle} lisätty.`);

        // --- a client of bc1's referred to it ----------------------------------------------
        const clientPath = await ownClientWithOpenEnrolment(page);
        const clientName = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";

        // --- acceptance 2's hire: a recruitment event today, the client invited and there ---
        const eventName = `Tiistairekry ${stamp}`;
        await page.goto("/tyonantajat/tapahtumat");
        const eventForm = await openDisclosure(page, "Uusi rekrytointitapahtuma");
        await eventForm.getByLabel("Tapahtuman nimi").fill(eventName);
        await eventForm.getByLabel("Tapahtuman tyyppi").selectOption({ label: "rekrytointitapahtuma" });
        await eventForm.getByLabel("Tapahtuman nimi").press("Enter");
        await status(eventForm, `Rekrytointitapahtuma ${eventName} lisätty.`);
        await page.getByRole("link", { name: eventName }).click();
        await page.getByRole("heading", { level: 1, name: eventName }).waitFor();
        const eventPath = new URL(page.url()).pathname;
        const inviteForm = await openDisclosure(page, "Kutsu asiakas");
        const picker = inviteForm.getByRole("combobox", { name: /^Asiakas/ });
        await picker.locator("option").filter({ hasText: clientName }).first().waitFor({ state: "attached" });
        await picker.selectOption({ label: clientName });
        await inviteForm.getByRole("button", { name: "Kutsu asiakas" }).click();
        await status(inviteForm, `Kutsuttu: ${clientName}`);
        const invitedTable = page.getByRole("table", { name: /Kutsutut asiakkaat/ });
        await invitedTable.getByRole("button", { name: `Merkitse osallistuneeksi: ${clientName}` }).click();
        await invitedTable.getByRole("button", { name: `Merkitse poissaolleeksi: ${clientName}` }).waitFor();
        // A job referral needs the client's service consent: bc1 records it if it is missing
        // (the refusal's message says where), as a coordinator would after asking the client.
        await page.goto(clientPath);
        const grant = page.locator("#consents").getByRole("button", { name: "Kirjaa suostumus: Palvelusuostumus (KUNTO)" });
        await page.locator("#consents").waitFor();
        if ((await grant.count()) > 0) {
          await grant.click();
          await page.locator("#consents").getByText("Suostumus päivitetty.").waitFor();
        }
        await page.goto(`${clientPath}/polku`);
        await page.locator("#enrolments").waitFor();
        await page.locator("#referrals").getByText(/Ei lähetteitä|Lähettäjä|Laji/).first().waitFor();
        const before = await page
          .locator(`#referrals a[href^="/lahetteet/"]`)
          .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
        const referralForm = await openDisclosure(page, "Lähetä lähete kumppanille tai työpaikkaan");
        await referralForm.getByLabel(/Laji/).selectOption("job");
        await referralForm.getByLabel(/Avoin työpaikka/).selectOption({ label: `${openingTitle} – ${companyName}` });
        await referralForm.getByRole("button", { name: "Lähetä lähete" }).click();
        // The client may have older referrals: ours is the one link the list did not have.
        const ours = page.locator(`#referrals a[href^="/lahetteet/"]`).filter({ hasNotText: "__never__" });
        const newLink = async () => {
          const now = await ours.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
          return now.filter((href) => !before.includes(href));
        };
        for (let tries = 0; tries < 100 && (await newLink()).length === 0; tries += 1) await page.waitForTimeout(100);
        const added = await newLink();
        assert(added.length === 1, `one new referral in the client's list: ${added.join(", ")}`);
        await page.locator(`#referrals a[href="${added[0]}"]`).click();
        await page.getByRole("heading", { level: 1, name: /^Lähete: / }).waitFor();

        // --- the employer's answers: presented, interview, accepted, hired -----------------
        const stages = page.getByRole("group", { name: "Vaihe työnantajan kanssa" });
        await stages.getByRole("button", { name: "Esitelty työnantajalle" }).click();
        await status(page, "Vaihe kirjattu: Esitelty työnantajalle.");
        await stages.getByRole("button", { name: "Haastattelussa" }).click();
        await status(page, "Vaihe kirjattu: Haastattelussa.");
        await page.getByRole("button", { name: "Hyväksy", exact: true }).click();
        await page.getByRole("button", { name: "Palkattu", exact: true }).click();
        await status(page, "Palkkaus kirjattu.");
        await expectNoAxeViolations(page, "job referral completed hired (fi)");
        await screenshot(page, "hire-referral-hired-fi");

        // --- the lead is closed hired, the employer's page shows the opening and the hire --
        await page.goto(leadPath);
        await page.getByRole("heading", { level: 1, name: "Rekrytointiliidi" }).waitFor();
        await page.locator("main").getByText(/^palkattiin \(/).first().waitFor();
        await screenshot(page, "hire-lead-closed-fi");
        await page.goto(employerPath);
        await page.getByRole("heading", { level: 1, name: companyName }).waitFor();
        await page.getByRole("row").filter({ hasText: openingTitle }).filter({ hasText: "1/1 täytetty" }).first().waitFor();
        const hires = page.getByRole("table", { name: "Palkatut asiakkaat" }).first();
        await hires.getByText(clientName).first().waitFor();
        await expectNoAxeViolations(page, "employer page with the hire (fi)");
        await screenshot(page, "hire-employer-page-fi");

        // The hire, within 90 days of the event the client attended, shows on the event's page.
        await page.goto(eventPath);
        await page.getByRole("heading", { level: 1, name: eventName }).waitFor();
        await page.getByRole("row").filter({ hasText: clientName }).filter({ hasText: openingTitle }).first().waitFor();
        await expectNoAxeViolations(page, "event page with the hire (fi)");
        await screenshot(page, "hire-event-page-fi");

        // --- the client's enrolment: the suggested outcome, then the end as employed ------
        await page.goto(`${clientPath}/polku`);
        const card = page.locator("#enrolments article").filter({ hasText: "Ehdotettu jatkopolku" }).first();
        await card.getByText(/Ehdotettu jatkopolku/).waitFor();
        const end = await openDisclosure(page, "Päätä asiakkuus");
        const outcome = end.getByLabel("Jatkopolku");
        assert((await outcome.inputValue()) === "employed", "the suggested outcome is offered first");
        await end.getByLabel(/Tilanne lopetushetkellä/).selectOption("employed");
        await end.getByRole("group", { name: /Suoritti tutkinnon/ }).getByLabel("Ei").check();
        await end.getByRole("button", { name: "Päätä asiakkuus" }).click();
        const dialog = page.getByRole("alertdialog");
        await dialog.waitFor();
        await dialog.getByRole("button", { name: "Päätä asiakkuus" }).click();
        await page.locator("#enrolments").getByText("päättynyt").first().waitFor();
        await expectNoAxeViolations(page, "pathway ended employed (fi)");
        await screenshot(page, "hire-enrolment-ended-fi");
      } catch (error) {
        const file = await screenshot(page, "hire-story-failure").catch(() => null);
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file})`, { cause: error });
      } finally {
        await browserContext.close();
      }
      const unexpected = consoleErrors.filter((error) => !/status of 4\d\d/.test(error));
      assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
    },
  },
];
