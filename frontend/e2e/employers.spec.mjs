// @ts-check
// The employer CRM's create forms, in the browser, against the running system: bc1 (a business
// coordinator at Rekrypiste) adds an employer, its contact person and an opening, and a
// recruitment event, each submitted with Enter, and sees each listed; Tab reaches every control.
// Then the Rekrypiste desk: a lead from a phone call worked to its follow-up and an opening, and a
// recruitment event with two employers and two invited clients, one of whom came.
// Every form passes axe (WCAG 2.1 A/AA) in Finnish empty, with its errors (its own and the
// service's 422), and after the save, and is screenshotted at 1366×768.
import { assert, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { expectTabReachesEveryControl, openDisclosure, signIn, status, uniqueBusinessId } from "./polku.mjs";

/**
 * Enter in the form's first field with nothing filled in: the summary names `message`; then
 * axe on the page with the form and its errors, and a screenshot.
 * @param {import("playwright-core").Page} page @param {import("playwright-core").Locator} form
 * @param {string} firstField @param {string} message @param {string} name
 */
async function emptySubmit(page, form, firstField, message, name) {
  await expectNoAxeViolations(page, `${name} (fi, empty)`);
  await form.getByLabel(firstField).first().press("Enter");
  await form.getByRole("link", { name: message }).waitFor();
  // The summary takes focus, so that a screen reader reads what to correct.
  await form.locator(".notice-error:focus").waitFor({ timeout: 2_000 });
  await expectNoAxeViolations(page, `${name} (fi, with errors)`);
  await screenshot(page, `employers-${name}-errors-fi`);
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "bc1 adds an employer, a contact person, an opening and a recruitment event; axe in Finnish",
    async run(context) {
      const stamp = Date.now().toString(36);
      const businessId = uniqueBusinessId();
      const employerName = `E2E Leipomo ${stamp} Oy`;
      const contactName = `Maija Testaaja ${stamp}`;
      const openingTitle = `Leipuri ${stamp}`;
      const eventName = `Tiistairekry ${stamp}`;

      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      try {
        await signIn(page, "bc1");

        // --- employer ---------------------------------------------------------------------
        await page.goto("/tyonantajat");
        await page.getByRole("heading", { level: 1, name: "Työnantajat" }).waitFor();
        const employerForm = await openDisclosure(page, "Uusi työnantaja");
        await expectTabReachesEveryControl(page, "employers with the new-employer form open");
        await emptySubmit(page, employerForm, "Y-tunnus", "Anna Y-tunnus.", "employer");

        // A well-formed Y-tunnus with a wrong check digit: the service's 422, in Finnish by the field.
        await employerForm.getByLabel("Y-tunnus").fill(businessId.wrongCheck);
        await employerForm.getByLabel("Nimi").fill(employerName);
        await employerForm.getByLabel("Kunta").fill("Lahti");
        await employerForm.getByLabel("Kokoluokka").selectOption({ label: "pieni (10–49 henkeä)" });
        // The TOL sections come named from the service.
        await employerForm.getByLabel("Toimiala (TOL)").selectOption({ label: "C – Teollisuus" });
        await employerForm.getByLabel("Nimi").press("Enter");
        await employerForm.getByRole("link", { name: /^Tarkista Y-tunnus/ }).waitFor();
        assert((await employerForm.getByLabel("Nimi").inputValue()) === employerName, "the name was lost on the 422");
        await expectNoAxeViolations(page, "employer (fi, 422 from the service)");
        await screenshot(page, "employers-employer-422-fi");

        await employerForm.getByLabel("Y-tunnus").fill(businessId.valid);
        await employerForm.getByLabel("Y-tunnus").press("Enter");
        await status(employerForm, `Työnantaja ${employerName} lisätty.`);
        const table = page.getByRole("table", { name: "Työnantajat" });
        await table.getByRole("link", { name: employerName }).waitFor();
        // Focus returns to the emptied form's first field, ready for the next employer.
        await employerForm.locator("input[name=business_id]:focus").waitFor({ timeout: 2_000 });
        await expectNoAxeViolations(page, "employer (fi, saved)");
        await screenshot(page, "employers-employer-saved-fi");

        // --- contact person and opening, on the new employer's page ----------------------
        await table.getByRole("link", { name: employerName }).click();
        await page.getByRole("heading", { level: 1, name: employerName }).waitFor();
        const contactForm = await openDisclosure(page, "Uusi yhteyshenkilö");
        await emptySubmit(page, contactForm, "Nimi", "Anna yhteyshenkilön nimi.", "contact");
        await contactForm.getByLabel("Nimi").fill(contactName);
        await contactForm.getByLabel("Tehtävä").fill("Tuotantopäällikkö");
        await contactForm.getByLabel("Puhelin").fill("044 123 4567");
        await contactForm.getByLabel("Sähköposti").fill(`maija.${stamp}@example.fi`);
        await contactForm.getByLabel("Sähköposti").press("Enter");
        await status(contactForm, `Yhteyshenkilö ${contactName} lisätty.`);
        await page.getByRole("cell", { name: contactName }).waitFor();
        // The service stores the number in E.164.
        await page.getByRole("cell", { name: "+358441234567" }).waitFor();

        const openingForm = await openDisclosure(page, "Uusi avoin työpaikka");
        await emptySubmit(page, openingForm, "Nimike", "Anna tehtävän nimike.", "opening");
        await openingForm.getByLabel("Nimike").fill(openingTitle);
        await openingForm.getByLabel("Paikan tyyppi").selectOption({ label: "työkokeilu" });
        await openingForm.getByLabel("Paikkojen määrä").fill("2");
        await openingForm.getByLabel("Palkkatukikelpoinen").check();
        await openingForm.getByLabel("Nimike").press("Enter");
        await status(openingForm, `Avoin työpaikka ${openingTitle} lisätty.`);
        await page.getByRole("cell", { name: openingTitle }).waitFor();
        await expectNoAxeViolations(page, "employer page (fi, contact and opening saved)");
        await screenshot(page, "employers-contact-opening-saved-fi");

        // --- recruitment event -----------------------------------------------------------
        await page.getByRole("link", { name: "Takaisin työnantajiin" }).click();
        await page.getByRole("navigation", { name: "Työnantajanäkymät" }).getByRole("link", { name: "Rekrytointitapahtumat" }).click();
        await page.getByRole("heading", { level: 1, name: "Rekrytointitapahtumat" }).waitFor();
        const eventForm = await openDisclosure(page, "Uusi rekrytointitapahtuma");
        await expectTabReachesEveryControl(page, "events with the new-event form open");
        await emptySubmit(page, eventForm, "Tapahtuman nimi", "Anna tapahtuman nimi.", "event");
        await eventForm.getByLabel("Tapahtuman nimi").fill(eventName);
        await eventForm.getByLabel("Tapahtuman tyyppi").selectOption({ label: "rekrytointitapahtuma" });
        await eventForm.getByLabel("Paikka").fill("Trio, Lahti");
        await eventForm.getByLabel("Työnhakijoita paikalla").fill("35");
        await eventForm.getByLabel("Työnhakijoita paikalla").press("Enter");
        await status(eventForm, `Rekrytointitapahtuma ${eventName} lisätty.`);
        await page.getByRole("cell", { name: eventName }).waitFor();
        await expectNoAxeViolations(page, "events (fi, saved)");
        await screenshot(page, "employers-event-saved-fi");
      } catch (error) {
        const file = await screenshot(page, "employers-failure").catch(() => null);
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file})`, { cause: error });
      } finally {
        await browserContext.close();
      }
      const unexpected = consoleErrors.filter((error) => !/status of 4\d\d/.test(error));
      assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
    },
  },
  {
    name: "bc1 enters a lead from a phone call, logs the contact and the follow-up, and adds an opening; axe on each new view",
    async run(context) {
      const stamp = Date.now().toString(36);
      const businessId = uniqueBusinessId();
      const companyName = `E2E Puhelinliidi ${stamp} Oy`;
      const openingTitle = `Varastotyöntekijä ${stamp}`;
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      try {
        await signIn(page, "bc1");
        await page.goto("/tyonantajat/rekrypiste");
        await page.getByRole("heading", { level: 1, name: "Rekrypiste" }).waitFor();
        const leadForm = await openDisclosure(page, "Kirjaa uusi liidi");
        await expectTabReachesEveryControl(page, "Rekrypiste with the lead-entry form open");
        // Enter in a text field submits (a select does not).
        await emptySubmit(page, leadForm, "Yrityksen nimi", "Valitse, mistä liidi tuli.", "lead-entry");
        await leadForm.getByLabel("Mistä liidi tuli").selectOption({ label: "puhelin" });
        await leadForm.getByLabel("Y-tunnus").fill(businessId.valid);
        await leadForm.getByLabel("Yrityksen nimi").fill(companyName);
        await leadForm.getByLabel("Yhteyshenkilö", { exact: true }).fill(`Pia Puhelin ${stamp}`);
        await leadForm.getByLabel("Yhteyshenkilön puhelin").fill("044 765 4321");
        await leadForm.getByLabel("Tarve").fill("Kaksi varastotyöntekijää, työkokeilu mahdollinen");
        await leadForm.getByLabel("Yrityksen nimi").press("Enter");
        await status(leadForm, `Liidi tallennettu: ${companyName}.`);
        const leads = page.getByRole("table", { name: /liidit/i });
        // The list names the company.
        await leads.getByRole("cell", { name: companyName }).first().waitFor();
        await expectNoAxeViolations(page, "Rekrypiste (fi, lead entered)");
        await screenshot(page, "employers-lead-entered-fi");

        await leads.getByRole("row").filter({ hasText: companyName }).getByRole("link").first().click();
        await page.getByRole("heading", { level: 1, name: "Rekrytointiliidi" }).waitFor();
        await page.getByRole("link", { name: companyName }).waitFor();
        const contactForm = await openDisclosure(page, "Kirjaa yhteydenotto");
        await contactForm.getByLabel("Sisältö").fill("Soitto: tarve kaksi varastotyöntekijää");
        await contactForm.getByLabel("Sisältö").press("Tab");
        await contactForm.getByRole("button", { name: "Tallenna" }).press("Enter");
        await status(contactForm, "Yhteydenotto kirjattu.");
        const followUpForm = await openDisclosure(page, "Kirjaa seurantayhteys");
        await followUpForm.getByLabel("Sisältö").fill("Seuranta: haastattelut sovittu");
        await followUpForm.getByRole("button", { name: "Tallenna" }).press("Enter");
        await status(followUpForm, "Seurantayhteys kirjattu.");
        const history = page.getByRole("table", { name: /Liidin tapahtumat/ });
        await history.getByText(/Seuranta: haastattelut sovittu/).waitFor();
        // Who did it, by name, never the username.
        assert((await history.getByRole("cell", { name: "bc1", exact: true }).count()) === 0, "the history shows a username");
        await expectNoAxeViolations(page, "lead page (fi, contact and follow-up logged)");
        await screenshot(page, "employers-lead-page-fi");

        await page.getByRole("link", { name: companyName }).click();
        await page.getByRole("heading", { level: 1, name: companyName }).waitFor();
        // The lead's contact person is in the register now.
        await page.getByRole("cell", { name: `Pia Puhelin ${stamp}` }).waitFor();
        const openingForm = await openDisclosure(page, "Uusi avoin työpaikka");
        await openingForm.getByLabel("Nimike").fill(openingTitle);
        await openingForm.getByLabel("Paikan tyyppi").selectOption({ label: "työkokeilu" });
        await openingForm.getByLabel("Paikkojen määrä").fill("2");
        await openingForm.getByLabel("Nimike").press("Enter");
        await status(openingForm, `Avoin työpaikka ${openingTitle} lisätty.`);
        await page.getByRole("region", { name: openingTitle }).getByRole("button", { name: "Merkitse täytetyksi" }).waitFor();
        await openDisclosure(page, "Muokkaa työnantajan tietoja");
        await expectNoAxeViolations(page, "employer page (fi, edit form open, opening added)");
        await screenshot(page, "employers-employer-edit-fi");

        await page.goto(`/tyonantajat/paikat?q=${encodeURIComponent(openingTitle)}`);
        await page.getByRole("table", { name: "Paikat" }).getByRole("link", { name: companyName }).waitFor();
        await expectNoAxeViolations(page, "openings (fi, searched)");
      } catch (error) {
        const file = await screenshot(page, "employers-lead-failure").catch(() => null);
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file})`, { cause: error });
      } finally {
        await browserContext.close();
      }
      const unexpected = consoleErrors.filter((error) => !/status of 4\d\d/.test(error));
      assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
    },
  },
  {
    name: "bc1 creates a recruitment event with two employers, invites two own clients and marks one attended; axe on the event page",
    async run(context) {
      const stamp = Date.now().toString(36);
      const eventName = `Tiistairekry ${stamp}`;
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      try {
        await signIn(page, "bc1");
        await page.goto("/tyonantajat/tapahtumat");
        await page.getByRole("heading", { level: 1, name: "Rekrytointitapahtumat" }).waitFor();
        const eventForm = await openDisclosure(page, "Uusi rekrytointitapahtuma");
        await eventForm.getByLabel("Tapahtuman nimi").fill(eventName);
        await eventForm.getByLabel("Tapahtuman tyyppi").selectOption({ label: "rekrytointitapahtuma" });
        await eventForm.getByLabel("Tapahtuman nimi").press("Enter");
        await status(eventForm, `Rekrytointitapahtuma ${eventName} lisätty.`);
        await page.getByRole("link", { name: eventName }).click();
        await page.getByRole("heading", { level: 1, name: eventName }).waitFor();

        // Two employers from the register.
        const editForm = await openDisclosure(page, "Muokkaa tapahtumaa");
        const employers = editForm.getByRole("group", { name: /Mukana olevat työnantajat/ }).getByRole("checkbox");
        await employers.nth(1).waitFor();
        const chosen = [await employers.nth(0).getAttribute("value"), await employers.nth(1).getAttribute("value")];
        await employers.nth(0).check();
        await employers.nth(1).check();
        await editForm.getByRole("button", { name: "Tallenna" }).press("Enter");
        await status(editForm, "Tapahtuma tallennettu.");
        const participants = page.locator("h2", { hasText: "Mukana olevat työnantajat" }).locator("xpath=following-sibling::ul[1]");
        await participants.getByRole("link").nth(1).waitFor();
        assert((await participants.getByRole("link").count()) === 2, `expected two employers (${chosen.join(", ")})`);

        // Two of bc1's own clients, then one of them came.
        for (let invited = 0; invited < 2; invited += 1) {
          if (invited > 0) {
            // The form's client list reloads after an invitation; start the next from a fresh page.
            await page.reload();
            await page.getByRole("heading", { level: 1, name: eventName }).waitFor();
          }
          const inviteForm = await openDisclosure(page, "Kutsu asiakas");
          const picker = inviteForm.getByRole("combobox", { name: /^Asiakas/ });
          await picker.locator("option").nth(1).waitFor({ state: "attached" });
          const value = await picker.locator("option").nth(1).getAttribute("value");
          await picker.selectOption(value ?? "");
          await inviteForm.getByRole("button", { name: "Kutsu asiakas" }).press("Enter");
          await status(inviteForm, "Kutsuttu:");
        }
        const invitedTable = page.getByRole("table", { name: /Kutsutut asiakkaat/ });
        await invitedTable.getByRole("row").nth(2).waitFor();
        await invitedTable.getByRole("button", { name: /^Merkitse osallistuneeksi/ }).first().click();
        await invitedTable.getByRole("button", { name: /^Merkitse poissaolleeksi/ }).first().waitFor();
        assert((await invitedTable.getByRole("cell", { name: "kyllä", exact: true }).count()) === 1, "one client attended");
        await expectNoAxeViolations(page, "event page (fi, two invited, one attended)");
        await screenshot(page, "employers-event-page-fi");
      } catch (error) {
        const file = await screenshot(page, "employers-event-failure").catch(() => null);
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file})`, { cause: error });
      } finally {
        await browserContext.close();
      }
      const unexpected = consoleErrors.filter((error) => !/status of 4\d\d/.test(error));
      assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
    },
  },
];
