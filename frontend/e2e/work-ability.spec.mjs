// @ts-check
// Issue 15, acceptance 1 and 4 (the app's part), through the UI only against the whole system:
// wac1 starts a client's work-ability roadmap and moves it two stages, records a functional
// measure twice and sees the change, records the means to support work and approves the
// summary, grants the consent `share_work_ability_summary` and opens the printable client
// version. She consults bc1, who accepts and then sees the summary (labels only) and no health
// note or diagnosis; after wac1 withdraws the consent, bc1 sees no summary.
import { assert, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { helsinkiToday, onlyWac1HasWorkedWith, openDisclosure, signIn, signOut, status, threeMonthsOn } from "./polku.mjs";

// The demo's health note of wac1's clients with a first meeting held (services/clients/demo_data.py).
const HEALTH_NOTE = "Kuvitteellinen terveystieto: selkävaivat rajoittavat nostamista.";
const SUMMARY_PURPOSE = "Työkykyyhteenvedon luovutus yrityskoordinaattorille";

/** @param {number} days */
function daysAgo(days) {
  const [year, month, day] = helsinkiToday().split("-").map(Number);
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day) - days));
  return date.toISOString().slice(0, 10);
}

/**
 * The first of wac1's own clients whose roadmap has not been started, whose enrolment is open
 * (the hand-off form is offered, no hand-off waiting), who is not also bc1's and who has the demo's
 * health note: its page path.
 * @param {import("playwright-core").Page} page
 */
async function freshClient(page) {
  await page.goto("/asiakkaat?mine=true");
  const links = page.locator("main table").first().getByRole("link");
  await links.first().waitFor();
  // bc1 is to be consulted, so a client she already works with will not do.
  const rows = page.locator("main table").first().getByRole("row").filter({ hasNotText: "Sanna Korhonen" });
  const hrefs = (await rows.getByRole("link").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")))).filter(
    (href) => href && /^\/asiakkaat\/[0-9a-f-]{36}$/.test(href),
  );
  for (const href of hrefs) {
    await page.goto(`${href}/tyokyky`);
    const roadmap = page.locator("#roadmap");
    await roadmap.getByText(/Tiekarttaa ei ole vielä aloitettu|Seuraava vaihe|Kaikki vaiheet/).first().waitFor();
    if ((await roadmap.getByRole("button", { name: "Aloita työkyvyn tiekartta" }).count()) === 0) continue;
    await page.goto(`${href}/kirjaukset`);
    await page.locator("#notes").waitFor();
    await page.waitForFunction(() => !document.querySelector("main .data-loading"));
    if ((await page.getByText(HEALTH_NOTE).count()) === 0) continue;
    await page.goto(`${href}/polku`);
    await page.locator("#enrolments").waitFor();
    if ((await page.locator("summary", { hasText: "Siirrä tai konsultoi" }).count()) === 0) continue;
    // A transfer or a consultation still waiting for its answer, or accepted and running, blocks a new one.
    await page.locator("#referrals").getByText(/Ei lähetteitä|Lähettäjä|Laji/).first().waitFor();
    await page.waitForFunction(() => !document.querySelector("main .data-loading"), null, { timeout: 15_000 });
    const waitingHandoff = page.locator("#referrals tr").filter({ hasText: /Siirto|Konsultaatio/ }).filter({ hasText: /odottaa vastausta|hyväksytty/ });
    if ((await waitingHandoff.count()) > 0) continue;
    // So does a hand-off accepted but not yet completed.
    if ((await page.locator("#enrolments").getByText("Lämmin siirto", { exact: true }).count()) > 0) continue;
    // And a consultation or transfer of another coordinator's that wac1 is not shown.
    if (!(await onlyWac1HasWorkedWith(page))) continue;
    return /** @type {string} */ (href);
  }
  // Each run takes one of her six active demo clients: start from a fresh demo database (rm -rf var).
  throw new Error("wac1 has no own client with an open enrolment, a health note and no roadmap left in the demo data");
}

/** @param {import("playwright-core").Page} page @param {string} name */
async function section(page, name) {
  await page.getByRole("navigation", { name: "Asiakkaan tiedot" }).getByRole("link", { name, exact: true }).click();
  await page.waitForFunction(() => !document.querySelector("main .data-loading"), null, { timeout: 15_000 });
}

/**
 * One stage of the roadmap changed through its form.
 * @param {import("playwright-core").Page} page @param {string} stage @param {string} statusLabel @param {string} received
 */
async function changeStage(page, stage, statusLabel, received) {
  const form = await openDisclosure(page, `Muuta vaihetta: ${stage}`);
  await form.getByRole("group", { name: /^Tila/ }).getByLabel(statusLabel, { exact: true }).check();
  await form.getByRole("combobox", { name: /^Vastuuhenkilö/ }).selectOption("wac1");
  await form.getByLabel(/^Mitä saatiin/).fill(received);
  await form.getByRole("button", { name: "Tallenna vaihe" }).click();
  await status(form, `Vaihe tallennettu: ${stage}.`);
}

/**
 * One observation with the demo's instrument: a score per item.
 * @param {import("playwright-core").Page} page @param {string} day @param {Record<string, string>} scores
 */
async function observe(page, day, scores) {
  const form = await openDisclosure(page, "Kirjaa havainto");
  await form.getByLabel(/^Havaintopäivä/).fill(day);
  await form.getByRole("combobox", { name: /^Ympäristö/ }).selectOption({ label: "Työpaja" });
  for (const [item, score] of Object.entries(scores)) {
    await form.getByRole("group", { name: new RegExp(`^${item}`) }).getByLabel(score, { exact: true }).check();
  }
  await form.getByRole("button", { name: "Tallenna havainto" }).click();
  await status(form, "Havainto tallennettu.");
}

const ITEMS = ["Täsmällisyys", "Ohjeiden noudattaminen", "Työtahti", "Työn laatu", "Yhteistyö", "Jaksaminen", "Itsenäisyys"];

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "wac1 works the work-ability method; bc1, consulted, sees the approved summary only while the consent stands",
    async run(context) {
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      page.setDefaultTimeout(15_000);
      try {
        await signIn(page, "wac1");
        const clientPath = await freshClient(page);
        const name = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();

        // --- the roadmap: started, moved two stages ---------------------------------------
        await section(page, "Työkyky");
        await page.locator("#roadmap").getByRole("button", { name: "Aloita työkyvyn tiekartta" }).click();
        await page.getByRole("list", { name: "Tiekartan vaiheet" }).waitFor();
        await changeStage(page, "Tarve tunnistettu", "Valmis", "Yhteinen keskustelu asiakkaan kanssa");
        await changeStage(page, "Työttömien terveystarkastus", "Valmis", "Lausunto terveystarkastuksesta");
        const next = page.locator('#roadmap li[aria-current="step"]');
        await next.getByText("Hoidon ja kuntoutuksen tarpeet").first().waitFor();
        const roadmapText = await page.locator("#roadmap").innerText();
        assert(!/\bwac1\b/.test(roadmapText), "the responsible person shows by name, not by username");
        assert(roadmapText.includes("Seuraava vaihe: Hoidon ja kuntoutuksen tarpeet"), "the next stage is named above the stages");

        // --- the functional measure twice, and the change ----------------------------------
        await observe(page, daysAgo(14), Object.fromEntries(ITEMS.map((item) => [item, "3"])));
        await observe(page, helsinkiToday(), { ...Object.fromEntries(ITEMS.map((item) => [item, "3"])), Jaksaminen: "5", Itsenäisyys: "4" });
        const observations = page.getByRole("table", { name: "Toimintakyvyn mittaukset" });
        // 21/7 = 3,0 then 24/7 = 3,4: the change +0,4 with a Finnish decimal comma.
        await observations.getByRole("row").filter({ hasText: "3,4" }).filter({ hasText: "+0,4" }).first().waitFor();

        // --- the means to support work, approved as the summary -----------------------------
        const supports = await openDisclosure(page, "Kirjaa keinot työnteon tukena");
        await supports.getByLabel(/^Työtunteja viikossa/).fill("20");
        const avoid = supports.getByRole("group", { name: /^Vältettävät tehtävät/ });
        await avoid.getByLabel("Raskaat nostot").check();
        await avoid.getByLabel("Yövuorot").check();
        await supports.getByRole("group", { name: /^Tauot/ }).getByLabel("Säännölliset lyhyet tauot").check();
        await supports.getByRole("group", { name: /^Ohjaus ja tuki/ }).getByLabel("Nimetty yhteyshenkilö työpaikalla").check();
        await supports.getByRole("group", { name: /^Apuvälineet/ }).getByLabel("Kirjalliset ohjeet").check();
        await supports.getByRole("group", { name: /^Työmatkat/ }).getByLabel("Julkinen liikenne").check();
        await supports.getByRole("button", { name: "Tallenna uusi versio" }).click();
        await status(supports, "Tallennettu uutena versiona. Se odottaa hyväksyntää.");
        await page.locator("#work-supports").getByRole("button", { name: "Hyväksy yhteenveto" }).click();
        const dialog = page.getByRole("alertdialog");
        await dialog.getByRole("button", { name: "Hyväksy yhteenveto" }).click();
        await status(page.locator("#work-supports"), "Yhteenveto hyväksytty.");
        await page.getByRole("table", { name: "Versiot" }).getByText(/^Hyväksynyt /).first().waitFor();
        const summary = page.locator("#work-ability-summary");
        await summary.getByText("Raskaat nostot, Yövuorot").waitFor();
        assert(!/\bwac1\b/.test(await page.locator("main").innerText()), "no username on the work-ability section");
        await expectNoAxeViolations(page, "work-ability section (wac1, fi)");
        await screenshot(page, "work-ability-wac1-fi");

        // --- the consent, on the overview ----------------------------------------------------
        await section(page, "Yleiskuva");
        const consents = page.locator("#consents");
        await consents.waitFor();
        const withdrawFirst = consents.getByRole("button", { name: `Peru suostumus: ${SUMMARY_PURPOSE}` });
        if ((await withdrawFirst.count()) > 0) {
          // The demo's active clients have every consent: start from none, as the story does.
          await withdrawFirst.click();
          await page.getByRole("alertdialog").getByRole("button", { name: "Peru suostumus" }).click();
          await consents.getByRole("button", { name: `Kirjaa suostumus: ${SUMMARY_PURPOSE}` }).waitFor();
        }
        await consents.getByRole("button", { name: `Kirjaa suostumus: ${SUMMARY_PURPOSE}` }).click();
        await consents.getByRole("button", { name: `Peru suostumus: ${SUMMARY_PURPOSE}` }).waitFor();

        // --- a 3-month work trial at an employer of the register, from tomorrow -------------------
        // (tomorrow: another spec may have ended a period of this client today)
        await section(page, "Aktiivipalvelut");
        const trialStarts = daysAgo(-1);
        const trial = await openDisclosure(page, "Aloita aktiivipalvelun jakso");
        await trial.getByLabel(/^Palvelu/).selectOption({ label: "Työkokeilu" });
        await trial.getByLabel(/^Alkamispäivä/).fill(trialStarts);
        await trial.getByLabel(/^Suunniteltu päättymispäivä/).fill(threeMonthsOn(trialStarts));
        const employers = trial.getByRole("combobox", { name: /^Työnantaja/ });
        await employers.locator("option:not([value=''])").first().waitFor({ state: "attached" });
        const trialEmployer = ((await employers.locator("option:not([value=''])").first().textContent()) ?? "").trim();
        await employers.selectOption({ label: trialEmployer });
        await trial.getByLabel(/^Tuntia viikossa/).fill("20");
        await trial.getByRole("button", { name: "Aloita jakso" }).click();
        await status(trial, "Jakso on aloitettu.");
        // Starting tomorrow, it reads "Alkamassa" (an earlier period of the client may be listed too).
        await page.locator("#service-periods").getByRole("article", { name: `Työkokeilu: ${trialEmployer}` }).filter({ hasText: "Alkamassa" }).waitFor();
        await screenshot(page, "work-ability-work-trial");

        // --- the printable client version ----------------------------------------------------
        await section(page, "Työkyky");
        await page.getByRole("link", { name: "Asiakkaan versio tulostettavaksi" }).click();
        const sheet = page.locator(".print-sheet");
        // The sheet starts in the client's own language; Finnish is chosen for this one.
        await sheet.waitFor();
        await page.getByRole("radio", { name: "suomi" }).check();
        await sheet.getByRole("heading", { name: `Työkyvyn tiekarttasi – ${name}` }).waitFor();
        await sheet.getByText("Seuraava askel").waitFor();
        const sheetText = await sheet.innerText();
        for (const secret of ["Lausunto terveystarkastuksesta", HEALTH_NOTE, "selkävaivat"]) {
          assert(!sheetText.includes(secret), `the client's version has no health details: ${secret}`);
        }
        assert(sheetText.includes("Tarve tunnistettu") && sheetText.includes("Valmis"), "the sheet names the stages and their status");
        await expectNoAxeViolations(page, "print view (wac1, fi)");
        await screenshot(page, "work-ability-print-fi");
        await page.emulateMedia({ media: "print" });
        await screenshot(page, "work-ability-print-paper-fi");
        const chromeShown = await page.evaluate(() =>
          [".app-header", ".main-nav", ".app-footer", ".section-nav"].some((selector) => {
            const element = document.querySelector(selector);
            return element !== null && getComputedStyle(element).display !== "none";
          }),
        );
        assert(!chromeShown, "on paper the app's header, menus and footer are hidden");
        await page.emulateMedia({ media: "screen" });
        await page.getByRole("radio", { name: "englanti" }).check();
        await sheet.getByText("Next step").waitFor();
        await expectNoAxeViolations(page, "print view in English for the client (wac1, fi)");
        await screenshot(page, "work-ability-print-client-en");

        // --- the consultation to bc1 ---------------------------------------------------------
        await section(page, "Palvelupolku");
        const referralLinks = page.locator('#referrals a[href^="/lahetteet/"]');
        const before = await referralLinks.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
        const handoff = await openDisclosure(page, "Siirrä tai konsultoi");
        await handoff.getByLabel(/^Konsultaatio/).check();
        await handoff.getByRole("combobox", { name: /^Vastaanottaja/ }).selectOption("bc1");
        await handoff.getByLabel("Viesti vastaanottajalle").fill("Työkykyyhteenveto on hyväksytty; katsotaanko työkokeilupaikkaa?");
        await handoff.getByLabel(/^Yhteenveto/).fill("Asiakas hakee työkokeilua kaupan alalta.");
        await handoff.getByRole("button", { name: "Lähetä" }).click();
        await handoff.getByRole("status").filter({ hasText: /Lähetetty/ }).waitFor();
        // The client may have older referrals to bc1: ours is the one link the list did not have.
        const newLinks = async () =>
          (await referralLinks.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""))).filter((href) => !before.includes(href));
        for (let tries = 0; tries < 100 && (await newLinks()).length === 0; tries += 1) await page.waitForTimeout(100);
        const [consultation] = await newLinks();
        assert(consultation, "the consultation shows in the client's referrals");
        await signOut(page);

        // --- bc1 accepts and sees the summary, no health data ------------------------------
        await signIn(page, "bc1");
        const waiting = page.locator(`#group-referral a[href="${consultation}"]`);
        await waiting.waitFor();
        await waiting.click();
        await page.getByRole("heading", { level: 1, name: /^Lähete: / }).waitFor();
        await page.getByRole("button", { name: "Hyväksy", exact: true }).click();
        await page.getByText(/hyväksytty/i).first().waitFor();
        // The acceptance adds bc1 to the enrolment a moment later (the referral's effect).
        const shared = page.locator("#work-ability-summary");
        for (let tries = 0; tries < 20; tries += 1) {
          await page.goto(`${clientPath}/tyokyky`);
          await page.getByRole("heading", { level: 1, name }).waitFor();
          await page.waitForFunction(() => !document.querySelector("main .data-loading"));
          if ((await shared.count()) > 0) break;
          await page.waitForTimeout(500);
        }
        await shared.getByText("Raskaat nostot, Yövuorot").waitFor();
        await shared.getByText("Säännölliset lyhyet tauot").waitFor();
        // The approver is named once the staff directory has answered.
        await shared.getByText(/^Tiina Virtanen, /).waitFor();
        await page.locator("#roadmap").getByText("Työkyvyn selvitys on käynnissä.").waitFor();
        const bcText = await page.locator("main").innerText();
        for (const secret of [HEALTH_NOTE, "selkävaivat", "Lausunto terveystarkastuksesta", "Hoidon ja kuntoutuksen tarpeet", "Jaksaminen"]) {
          assert(!bcText.includes(secret), `bc1 sees no health data on the work-ability section: ${secret}`);
        }
        assert(!/heavy_lifting|regular_short_breaks|named_contact_person/.test(bcText), "the summary shows labels, not codes");
        assert(!/\bwac1\b/.test(bcText), "the approver shows by name");
        await expectNoAxeViolations(page, "work-ability summary (bc1, fi)");
        await screenshot(page, "work-ability-bc1-summary-fi");
        await section(page, "Kirjaukset");
        assert(!(await page.locator("main").innerText()).includes(HEALTH_NOTE), "bc1 sees no health note");
        await signOut(page);

        // --- wac1 withdraws the consent; bc1 sees no summary ---------------------------------
        await signIn(page, "wac1");
        await page.goto(clientPath);
        await page.locator("#consents").getByRole("button", { name: `Peru suostumus: ${SUMMARY_PURPOSE}` }).click();
        await page.getByRole("alertdialog").getByRole("button", { name: "Peru suostumus" }).click();
        await page.locator("#consents").getByRole("button", { name: `Kirjaa suostumus: ${SUMMARY_PURPOSE}` }).waitFor();
        await signOut(page);
        await signIn(page, "bc1");
        await page.goto(`${clientPath}/tyokyky`);
        await page.getByRole("heading", { level: 1, name }).waitFor();
        await page.locator("#roadmap").getByText("Työkyvyn selvitys on käynnissä.").waitFor();
        assert((await page.locator("#work-ability-summary").count()) === 0, "bc1 sees no summary once the consent is withdrawn");
        assert(!(await page.locator("main").innerText()).includes("Raskaat nostot"), "nothing of the summary remains");
        await expectNoAxeViolations(page, "work-ability section after the consent is withdrawn (bc1, fi)");
        await screenshot(page, "work-ability-bc1-withdrawn-fi");
      } catch (error) {
        const file = await screenshot(page, "work-ability-failure").catch(() => null);
        // The page's own messages say why, where no screenshot is kept.
        const said = (await page.locator('[role="alert"], [role="status"], .notice').allInnerTexts().catch(() => [])).filter((text) => text.trim());
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file}; the page says: ${said.join(" | ")})`, { cause: error });
      } finally {
        await browserContext.close();
      }
      const unexpected = consoleErrors.filter((error) => !/status of 4\d\d/.test(error));
      assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
    },
  },
];
