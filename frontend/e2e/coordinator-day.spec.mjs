// @ts-check
// Acceptance 1 of issue 12, through the UI only against the running system: the coach refers
// a new jobseeker to wac1; wac1 contacts (unreached, then reached), books, moves and holds
// the first meeting, records the service need path, a self-assessment, a plan with two actions
// (one done), a normal and a health note, then hands the client over warmly to bc1 (consent
// asked and granted in the UI, tripartite meeting, both responsible, hand-off completed); bc1
// sees no health note; the responsibility history shows wac1 then bc1; bc1 ends the enrolment
// with the exit data and nothing is flagged afterwards; the team lead moves one of wac2's
// clients to wac1.
import { assert, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { newIdentityCode, openDisclosure, signIn, signOut } from "./polku.mjs";

/** @param {import("playwright-core").Page | import("playwright-core").Locator} scope @param {string | RegExp} text */
async function status(scope, text) {
  await scope.getByRole("status").filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
}

/** A datetime-local value for tomorrow at `hour`, Helsinki time. @param {number} hour */
function tomorrowAt(hour) {
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki" }).format(tomorrow);
  return `${date}T${String(hour).padStart(2, "0")}:00`;
}

/** @param {import("playwright-core").Page} page @param {string} name */
async function section(page, name) {
  await page.getByRole("navigation", { name: "Asiakkaan tiedot" }).getByRole("link", { name }).click();
}

/** @param {import("playwright-core").Page} page @param {string | RegExp} name */
async function confirmDialog(page, name) {
  const dialog = page.getByRole("alertdialog");
  await dialog.waitFor();
  await dialog.getByRole("button", { name }).click();
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "a client's pathway: coach → wac1 → warm hand-off → bc1 ends it; the team lead reassigns",
    async run(context) {
      const stamp = Date.now().toString(36);
      const firstName = "Testi";
      const lastName = `Polku-${stamp}`;
      const name = `${firstName} ${lastName}`;
      const healthText = `Terveystieto ${stamp}: selkävaivat rajoittavat raskasta työtä.`;
      const normalText = `Kirjaus ${stamp}: asiakas hakee kaupan alan töitä.`;
      const identityCode = newIdentityCode("84");

      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      page.setDefaultTimeout(20_000);
      try {
        await story(page);
      } catch (error) {
        const file = await screenshot(page, "story-failure").catch(() => null);
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file})`, { cause: error });
      } finally {
        await browserContext.close();
      }
      assert(consoleErrors.filter((error) => !/status of 4\d\d/.test(error)).length === 0, `console errors: ${consoleErrors.join(" | ")}`);

      /** @param {import("playwright-core").Page} page */
      async function story(page) {
        // --- the coach refers ---------------------------------------------------------------
        await signIn(page, "coach");
        await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Asiakkaat" }).click();
        await page.getByRole("link", { name: "Ohjaa asiakas koordinaattorille" }).click();
        await page.getByRole("heading", { level: 1, name: "Ohjaa asiakas koordinaattorille" }).waitFor();
        await page.getByLabel("Henkilötunnus").fill(identityCode);
        await page.getByLabel("Henkilötunnus").press("Enter");
        await page.getByRole("heading", { name: "Lisää uusi asiakas" }).waitFor();
        await page.getByLabel("Etunimi").fill(firstName);
        await page.getByLabel("Sukunimi").fill(lastName);
        await page.getByLabel("Syntymävuosi").fill("1984");
        await page.getByLabel("Kotikunta").fill("Lahti");
        await page.getByRole("button", { name: "Tallenna ja jatka" }).click();
        await page.getByRole("heading", { name: `Ohjaa ${name}` }).waitFor();
        await page.getByLabel("Palvelusuostumus (KUNTO)").check();
        await page.getByLabel("ESR-tietojen keruu").check();
        await page.getByLabel("Koordinaattori").selectOption("wac1");
        await expectNoAxeViolations(page, "refer-in (coach)");
        await screenshot(page, "story-refer-in");
        await page.getByRole("button", { name: "Ohjaa asiakas" }).click();
        await page.getByRole("heading", { name: "Asiakas ohjattu" }).waitFor();
        await signOut(page);

        // --- wac1 sees the new client on My day ----------------------------------------------
        await signIn(page, "wac1");
        await page.getByRole("heading", { level: 1, name: "Oma päivä" }).waitFor();
        const newClient = page.locator("#group-new_clients").getByRole("link", { name });
        await newClient.waitFor();
        await expectNoAxeViolations(page, "my day (wac1)");
        await screenshot(page, "story-today-wac1");
        await newClient.click();
        await page.getByRole("heading", { level: 1, name }).waitFor();
        const clientPath = new URL(page.url()).pathname.replace(/\/polku$/, "");

        // Contacts: unreached, then reached.
        const contact = await openDisclosure(page, "Kirjaa yhteydenotto");
        await contact.getByLabel("Yhteystapa").selectOption("phone");
        await contact.getByLabel("Ei tavoitettu").check();
        await contact.getByLabel("Kommentti").fill("Ei vastannut.");
        await contact.getByRole("button", { name: "Kirjaa yhteydenotto" }).click();
        await status(contact, "Yhteydenotto kirjattu.");
        await contact.getByLabel("Yhteystapa").selectOption("phone");
        await contact.getByLabel("Tavoitettiin").check();
        await contact.getByLabel("Kommentti").fill("Sovittiin tapaaminen.");
        await contact.getByRole("button", { name: "Kirjaa yhteydenotto" }).click();
        await page.getByText("Sovittiin tapaaminen.").first().waitFor();

        // Book, move and hold the first meeting.
        const book = await openDisclosure(page, "Varaa tapaaminen");
        await book.getByLabel("Tapaamisen laji").selectOption("first");
        await book.getByLabel(/^Alkaa/).fill(tomorrowAt(9));
        await book.getByLabel(/^Päättyy/).fill(tomorrowAt(10));
        await book.getByLabel(/^Paikka/).fill("Palvelutori, Trio");
        await book.getByRole("button", { name: "Varaa tapaaminen" }).click();
        await status(book, "Tapaaminen tallennettu.");
        const meetingRow = page.locator("#enrolments .work-list li").filter({ hasText: "ensimmäinen tapaaminen" }).first();
        await meetingRow.getByRole("button", { name: /^Siirrä/ }).click();
        await meetingRow.getByLabel(/^Alkaa/).fill(tomorrowAt(12));
        await meetingRow.getByLabel(/^Päättyy/).fill(tomorrowAt(13));
        await meetingRow.getByRole("button", { name: "Siirrä" }).last().click();
        await meetingRow.getByText(/klo 12\.00/).waitFor();
        await expectNoAxeViolations(page, "pathway with a booking (wac1)");
        await meetingRow.getByRole("button", { name: /^Merkitse pidetyksi/ }).click();
        await meetingRow.getByText("pidetty").waitFor();

        // The service need path.
        const need = await openDisclosure(page, "Palvelutarpeen arviointi");
        await need.getByLabel(/Valmis avoimille työmarkkinoille/).check();
        await need.getByLabel(/^Perustelu/).fill("Työkykyä on; tavoitteena kaupan alan työ.");
        await need.getByRole("button", { name: "Tallenna arvio" }).click();
        await status(need, "Palvelutarpeen arvio tallennettu.");
        await screenshot(page, "story-pathway-wac1");

        // A self-assessment.
        await section(page, "Arviot ja palaute");
        const assessment = await openDisclosure(page, "Kirjaa työkykyarvio");
        await assessment.getByLabel("Kokonaisarvio").fill("6");
        for (const label of ["Terveys ja toimintakyky", "Osaaminen", "Arvot ja motivaatio", "Työ ja työyhteisö", "Elämäntilanne"]) {
          await assessment.getByLabel(label).fill("7");
        }
        await assessment.getByLabel("Elämäntilanne").press("Enter");
        await status(assessment, "Työkykyarvio tallennettu.");

        // A plan with two actions, one done.
        await section(page, "Suunnitelma");
        const plan = await openDisclosure(page, "Laadi suunnitelma");
        await plan.getByLabel("Tavoite 1").fill("Työpaikka kaupan alalta kevääseen mennessä");
        await plan.getByRole("button", { name: "Lisää toimenpide" }).click();
        await plan.getByRole("button", { name: "Lisää toimenpide" }).click();
        const first = plan.getByRole("group", { name: "Toimenpide 1" });
        await first.getByLabel("Mitä tehdään").fill("Päivitä CV");
        await first.getByLabel("Vastuu").selectOption("client");
        await first.getByLabel("Tehty").check();
        const second = plan.getByRole("group", { name: "Toimenpide 2" });
        await second.getByLabel("Mitä tehdään").fill("Hae kolmea paikkaa");
        await second.getByLabel("Määräpäivä").fill(tomorrowAt(0).slice(0, 10));
        await plan.getByRole("button", { name: "Tallenna suunnitelma" }).click();
        await page.locator("#plan table").getByText("Päivitä CV").waitFor();
        await page.locator("#plan table").getByText(/^Tehty /).waitFor();
        await expectNoAxeViolations(page, "plan (wac1)");
        await screenshot(page, "story-plan-wac1");

        // A normal and a health note.
        await section(page, "Kirjaukset");
        const note = await openDisclosure(page, "Kirjoita kirjaus");
        await note.getByRole("textbox", { name: /Kirjaus/ }).fill(healthText);
        await note.getByLabel(/Terveystieto \(näkyy/).check();
        await note.getByRole("button", { name: "Tallenna kirjaus" }).click();
        await status(note, "Kirjaus tallennettu.");
        await note.getByRole("textbox", { name: /Kirjaus/ }).fill(normalText);
        await note.getByLabel("Tavallinen kirjaus").check();
        await note.getByRole("button", { name: "Tallenna kirjaus" }).click();
        await page.locator("#notes").getByText(normalText).waitFor();

        // The warm hand-off: the missing consent asked and recorded, a tripartite meeting.
        await section(page, "Palvelupolku");
        const handoff = await openDisclosure(page, "Siirrä tai konsultoi");
        await handoff.getByLabel(/^Siirto/).check();
        await handoff.getByRole("combobox", { name: /^Vastaanottaja/ }).selectOption("bc1");
        await handoff.getByLabel("Viesti vastaanottajalle").fill("Asiakas on valmis avoimille työmarkkinoille.");
        await handoff.getByLabel(/^Yhteenveto/).fill(`Yhteenveto ${stamp}: kaupan ala kiinnostaa.`);
        await handoff.getByLabel(/Varaa samalla kolmikantatapaaminen/).check();
        await handoff.getByLabel(/^Alkaa/).fill(tomorrowAt(14));
        await handoff.getByLabel(/^Päättyy/).fill(tomorrowAt(15));
        await handoff.getByLabel(/^Paikka/).fill("Palvelutori, Trio");
        await handoff.getByRole("button", { name: "Lähetä" }).click();
        const consentButton = handoff.getByRole("button", { name: /Asiakas antoi suostumuksen/ });
        const sent = handoff.getByRole("status").filter({ hasText: /Lähetetty/ });
        await Promise.race([consentButton.waitFor(), sent.waitFor()]);
        if (await consentButton.isVisible()) {
          await expectNoAxeViolations(page, "hand-off asking for consent");
          await screenshot(page, "story-handoff-consent");
          await consentButton.click();
          await confirmDialog(page, /Asiakas antoi suostumuksen/);
          await status(handoff, "Suostumus kirjattu.");
          await handoff.getByRole("button", { name: "Lähetä" }).click();
        }
        await sent.waitFor();
        await signOut(page);

        // --- bc1 accepts; both responsible; bc1 sees no health note --------------------------
        await signIn(page, "bc1");
        const waiting = page.locator("#group-referral").getByRole("link", { name });
        await waiting.waitFor();
        await waiting.click();
        await page.getByRole("heading", { level: 1, name: "Lähete: Siirto" }).waitFor();
        await page.getByRole("button", { name: "Hyväksy" }).click();
        await page.getByText(/molemmat koordinaattorit ovat vastuussa/).waitFor();
        const referralPath = new URL(page.url()).pathname;
        await page.goto(`${clientPath}/polku`);
        await page.getByRole("heading", { level: 1, name }).waitFor();
        const card = page.locator("#enrolments article").first();
        await card.getByText(/Lämmin siirto/).waitFor();
        const timeline = card.getByRole("list", { name: "Vastuuhenkilöt ajan mittaan" });
        assert((await timeline.getByText("nykyinen").count()) === 2, "both coordinators are responsible during the hand-off");
        const tripartite = card.locator(".work-list li").filter({ hasText: "kolmikantatapaaminen" }).first();
        await tripartite.getByRole("button", { name: /^Merkitse pidetyksi/ }).click();
        await tripartite.getByText("pidetty").waitFor();
        await section(page, "Kirjaukset");
        await page.locator("#notes").getByText(normalText).waitFor();
        assert(!((await page.locator("main").textContent()) ?? "").includes(healthText), "bc1 must not see the health note");

        await page.goto(referralPath);
        await page.getByRole("button", { name: "Merkitse valmiiksi" }).click();
        await confirmDialog(page, "Merkitse valmiiksi");
        await page.getByText(/valmis/i).first().waitFor();

        // The responsibility history: wac1, then bc1. The completion reaches the clients
        // service as an effect the referrals service delivers after answering, so the page
        // is opened again until the effect has landed (or the wait runs out).
        const history = page.locator("#enrolments article").first().getByRole("list", { name: "Vastuuhenkilöt ajan mittaan" });
        let rows = /** @type {string[]} */ ([]);
        for (const deadline = Date.now() + 20_000; Date.now() < deadline; await page.waitForTimeout(500)) {
          await page.goto(`${clientPath}/polku`);
          await history.waitFor();
          rows = await history.locator("li").allTextContents();
          if (rows.filter((row) => /nykyinen/.test(row)).length === 1) break;
        }
        assert(rows.length >= 2, `the history has a segment each: ${rows.join(" | ")}`);
        assert(!/nykyinen/.test(rows[0] ?? "") && /nykyinen/.test(rows.at(-1) ?? ""), `wac1 then bc1: ${rows.join(" | ")}`);
        await expectNoAxeViolations(page, "pathway after the hand-off (bc1)");
        await screenshot(page, "story-responsibilities-bc1");

        // bc1 ends with the exit data; nothing is flagged afterwards.
        const end = await openDisclosure(page, "Päätä asiakkuus");
        await end.getByLabel("Jatkopolku").selectOption("employed");
        await end.getByLabel(/Tilanne lopetushetkellä/).selectOption("employed");
        await end.getByRole("group", { name: /Suoritti tutkinnon/ }).getByLabel("Ei").check();
        await end.getByRole("button", { name: "Päätä asiakkuus" }).click();
        await confirmDialog(page, "Päätä asiakkuus");
        await page.locator("#enrolments").getByText("päättynyt").first().waitFor();
        assert((await page.locator("#enrolments").getByText("Lopetuslomake puuttuu").count()) === 0, "no exit form flagged");
        await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Oma päivä" }).click();
        await page.getByRole("heading", { level: 1, name: "Oma päivä" }).waitFor();
        await page.waitForFunction(() => !document.querySelector("main .data-loading"));
        assert((await page.locator("main").getByRole("link", { name }).count()) === 0, "My day flags nothing of the ended client");
        await signOut(page);

        // --- the team lead moves one of wac2's clients to wac1 -------------------------------
        await signIn(page, "lead");
        await page.goto("/asiakkaat/siirrot");
        await page.getByRole("heading", { level: 1, name: "Siirrä asiakkaita toiselle koordinaattorille" }).waitFor();
        await page.getByLabel("Keneltä").selectOption("wac2");
        const firstClient = page.getByRole("group", { name: /^Asiakkaat:/ }).getByRole("checkbox").first();
        await firstClient.check();
        await page.getByLabel("Kenelle").selectOption("wac1");
        await expectNoAxeViolations(page, "reassignment (lead)");
        await screenshot(page, "story-reassign-lead");
        await page.getByRole("button", { name: "Siirrä asiakkaat" }).click();
        await confirmDialog(page, "Siirrä asiakkaat");
        await status(page, /1 asiakkuus siirretty/);
      }
    },
  },
];
