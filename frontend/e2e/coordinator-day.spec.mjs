// @ts-check
// Acceptance 1 of the SPA issue: a coordinator's real day, in the browser, against the
// running system. wac1 registers a client, logs the contact, holds the first meeting,
// records an assessment and a health note, is told plainly which consents a referral lacks,
// grants them and refers the client to bc1; bc1 accepts, sees no health note and ends the
// enrolment as employed; the team lead's figures then include it.
import { assert, assertEqual, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { apiAs, helsinkiToday, openDisclosure, signIn, signOut } from "./polku.mjs";

/** The outcomes indicator's `employed` count for today's Helsinki date, as the team lead sees it. */
/** @param {Awaited<ReturnType<typeof apiAs>>} lead @param {string} today */
async function employedCount(lead, today) {
  const result = await lead.get(`/api/v1/metrics/outcomes?from=${today}&to=${today}&group_by=outcome`);
  const row = result.rows.find((/** @type {{ outcome: string }} */ candidate) => candidate.outcome === "employed");
  return row?.value ?? 0;
}

/** @param {Awaited<ReturnType<typeof apiAs>>} admin */
async function catchUp(admin) {
  await admin.post("/api/v1/metrics/catch-up");
}

/** @param {import("playwright-core").Page} page @param {string} text */
async function status(page, text) {
  await page.getByRole("status").filter({ hasText: text }).first().waitFor();
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "a coordinator's day: wac1 → bc1 → the team lead's figures",
    async run(context) {
      const today = helsinkiToday();
      const stamp = Date.now().toString(36);
      const firstName = "Testi";
      const lastName = `Päivä-${stamp}`;
      const healthText = `Terveystieto ${stamp}: selkävaivat rajoittavat raskasta työtä.`;
      const normalText = `Kirjaus ${stamp}: asiakas hakee kaupan alan töitä.`;

      const admin = await apiAs(context.baseURL, "admin");
      const lead = await apiAs(context.baseURL, "lead");
      await catchUp(admin);
      const employedBefore = await employedCount(lead, today);

      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      try {
        await day(page);
      } catch (error) {
        // Where it stopped, for the person reading the failure.
        const file = await screenshot(page, "flow-failure").catch(() => null);
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file})`, { cause: error });
      } finally {
        await admin.dispose();
        await lead.dispose();
        await browserContext.close();
      }
      assert(consoleErrors.filter((error) => !/status of 4\d\d/.test(error)).length === 0, `console errors: ${consoleErrors.join(" | ")}`);

      /** @param {import("playwright-core").Page} page */
      async function day(page) {

      // --- wac1 -----------------------------------------------------------------------------
      await signIn(page, "wac1");
      await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Asiakkaat" }).click();
      await page.getByRole("link", { name: "Lisää asiakas" }).click();
      await page.getByRole("heading", { level: 1, name: "Lisää asiakas" }).waitFor();
      await page.getByLabel("Etunimi").fill(firstName);
      await page.getByLabel("Sukunimi").fill(lastName);
      await page.getByLabel("Syntymävuosi").fill("1984");
      await page.getByLabel("Kotikunta").fill("Lahti");
      // Enter in a text field submits the form (keyboard-only use).
      await page.getByLabel("Sukunimi").press("Enter");
      await page.getByRole("heading", { level: 1, name: `${firstName} ${lastName}` }).waitFor();
      const clientUrl = page.url();

      // Enrol with wac1 as the coordinator (pre-filled), submitted with Enter.
      const enrol = await openDisclosure(page, "Aloita asiakkuus");
      await enrol.getByLabel("Koordinaattori").press("Enter");
      await status(page, "Asiakkuus aloitettu.");

      const contact = await openDisclosure(page, "Kirjaa yhteydenotto");
      await contact.getByLabel("Yhteystapa").selectOption("phone");
      await contact.getByLabel("Kyllä").check();
      await contact.getByRole("button", { name: "Kirjaa yhteydenotto" }).click();
      await status(page, "Yhteydenotto kirjattu.");

      const meeting = await openDisclosure(page, "Varaa tai kirjaa tapaaminen");
      await meeting.getByLabel("Tapaamisen laji").selectOption("first");
      await meeting.getByLabel("Tila").selectOption("held");
      await meeting.getByLabel("Paikka").fill("Palvelutori, Trio");
      await meeting.getByRole("button", { name: "Tallenna tapaaminen" }).click();
      await status(page, "Tapaaminen tallennettu.");
      await page.locator("#enrolments").getByText("aktiivinen").waitFor();

      const assessment = await openDisclosure(page, "Kirjaa työkykyarvio");
      await assessment.getByLabel("Kokonaisarvio").fill("6");
      for (const [label, score] of [
        ["Terveys ja toimintakyky", "5"],
        ["Osaaminen", "7"],
        ["Arvot ja motivaatio", "8"],
        ["Työ ja työyhteisö", "6"],
        ["Elämäntilanne", "5"],
      ]) {
        await assessment.getByLabel(label).fill(score);
      }
      await assessment.getByLabel("Elämäntilanne").press("Enter");
      await status(page, "Työkykyarvio tallennettu.");
      await page.getByRole("img", { name: /Työkyvyn kokonaisarvio ajan mittaan/ }).waitFor();

      const note = await openDisclosure(page, "Kirjoita kirjaus");
      await note.getByRole("textbox", { name: /Kirjaus/ }).fill(healthText);
      await note.getByLabel(/Terveystieto/).check();
      await note.getByRole("button", { name: "Tallenna kirjaus" }).click();
      await status(page, "Kirjaus tallennettu.");
      await note.getByRole("textbox", { name: /Kirjaus/ }).fill(normalText);
      await note.getByLabel("Tavallinen kirjaus").check();
      await note.getByRole("button", { name: "Tallenna kirjaus" }).click();
      await page.locator("#notes").getByText(normalText).waitFor();
      const healthCard = page.locator("#notes article").filter({ hasText: healthText });
      await healthCard.getByText("Terveystieto").first().waitFor();

      await expectNoAxeViolations(page, "client page (wac1, with records)");
      await screenshot(page, "flow-client-wac1");

      // The referral is refused for the missing consents, and the page says which.
      const referral = await openDisclosure(page, "Lähetä lähete");
      await referral.getByLabel("Laji").selectOption("transfer");
      await referral.getByLabel(/^Vastaanottaja \(käyttäjätunnus/).fill("bc1");
      await referral.getByLabel("Viesti vastaanottajalle").fill("Asiakas on valmis avoimille työmarkkinoille.");
      await referral.getByLabel("Yhteenveto").fill(`Yhteenveto ${stamp}: kaupan ala kiinnostaa.`);
      // No health part: the service hands health information only to work-ability coordinators.
      await referral.getByRole("button", { name: "Lähetä lähete" }).click();
      const refusal = referral.getByText(/Puuttuva suostumus:/);
      await refusal.waitFor();
      const refusalText = (await refusal.textContent()) ?? "";
      assert(/Työkykyyhteenvedon luovutus/.test(refusalText), `the refusal must name the missing consent: ${refusalText}`);
      await expectNoAxeViolations(page, "referral refused for consent");
      await screenshot(page, "flow-referral-refused");

      await page.getByRole("button", { name: "Kirjaa suostumus: Palvelusuostumus (KUNTO)" }).click();
      await status(page, "Suostumus päivitetty.");
      await page
        .getByRole("button", { name: "Kirjaa suostumus: Työkykyyhteenvedon luovutus yrityskoordinaattorille" })
        .click();
      await page.getByRole("button", { name: "Peru suostumus: Työkykyyhteenvedon luovutus yrityskoordinaattorille" }).waitFor();
      // The form kept what was typed; send again with Enter in the addressee field.
      await referral.getByLabel(/^Vastaanottaja \(käyttäjätunnus/).press("Enter");
      await status(page, "Lähete lähetetty.");
      const sentLink = page.locator("#referrals").getByRole("link", { name: "Siirto" });
      await sentLink.waitFor();
      const referralHref = await sentLink.getAttribute("href");
      assert(referralHref?.startsWith("/lahetteet/"), `the client's referral links to it: ${referralHref}`);
      await signOut(page);

      // --- bc1 -----------------------------------------------------------------------------
      await signIn(page, "bc1");
      await page.getByRole("heading", { level: 1, name: "Oma päivä" }).waitFor();
      // Demo data may hold other referrals from wac1: take the one just sent, from My day.
      const waiting = page.locator(`main a[href="${referralHref}"]`);
      assertEqual(await waiting.textContent(), "Lähete odottaa vastaustasi: wac1", "the referral's line in My day");
      await waiting.waitFor();
      await expectNoAxeViolations(page, "my day (bc1)");
      await screenshot(page, "flow-today-bc1");
      await waiting.click();
      await page.getByRole("heading", { level: 1, name: "Lähete: Siirto" }).waitFor();
      const referralText = (await page.locator("main").textContent()) ?? "";
      assert(referralText.includes(`Yhteenveto ${stamp}`), "bc1 must see the normal part of the summary");
      await expectNoAxeViolations(page, "referral (bc1)");
      await page.getByRole("button", { name: "Hyväksy" }).click();
      await status(page, "Lähete hyväksytty.");
      await page.getByText("hyväksytty").first().waitFor();

      await page.getByRole("link", { name: "Avaa asiakkaan sivu" }).click();
      await page.getByRole("heading", { level: 1, name: `${firstName} ${lastName}` }).waitFor();
      assertEqual(page.url(), clientUrl, "the referral links to the client's page");
      await page.locator("#notes").getByText(normalText).waitFor();
      const clientText = (await page.locator("main").textContent()) ?? "";
      assert(!clientText.includes(healthText), "bc1 must not see the health note");

      const end = await openDisclosure(page, "Päätä asiakkuus");
      await end.getByLabel("Jatkopolku").selectOption("employed");
      await end.getByLabel(/Tilanne lopetushetkellä/).selectOption("employed");
      await end.getByRole("button", { name: "Päätä asiakkuus" }).click();
      await status(page, "Asiakkuus päätetty.");
      await page.locator("#enrolments").getByText("Työllistyi").waitFor();
      await expectNoAxeViolations(page, "client page (bc1, ended)");
      await screenshot(page, "flow-client-bc1-ended");
      await signOut(page);

      // --- the team lead's figures ----------------------------------------------------------
      let employedAfter = employedBefore;
      for (let attempt = 0; attempt < 20 && employedAfter < employedBefore + 1; attempt += 1) {
        await catchUp(admin);
        employedAfter = await employedCount(lead, today);
        if (employedAfter < employedBefore + 1) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      assertEqual(employedAfter, employedBefore + 1, "the metrics API's employed outcomes today (as the team lead)");

      await signIn(page, "lead");
      await page.goto(`/luvut?from=${today}&to=${today}`);
      await page.getByRole("heading", { level: 1, name: "Luvut" }).waitFor();
      // The figures page (another engineer's) shows each chart's numbers as a table with the
      // outcome as the row header: the employed row must show the count the API gave.
      const employedRow = page.locator("main tr").filter({ has: page.locator("th", { hasText: /^Työllistyi$/ }) }).first();
      // The table sits behind its chart's "show as a table" disclosure: attached is enough to read it.
      await employedRow.waitFor({ state: "attached", timeout: 15_000 });
      const rowText = ((await employedRow.textContent()) ?? "").replace(/\s+/g, " ");
      assert(rowText.includes(String(employedAfter)), `the figures page's employed row shows ${employedAfter}: "${rowText}"`);
      await screenshot(page, "flow-figures-lead");
      }
    },
  },
];
