// @ts-check
// Each new form used with the keyboard alone, against the running system: the coach refers a
// new jobseeker in; wac1 works the client's pathway on the client page (contact, meeting booked,
// moved and held, service need, plan, note, the client's details, the warm hand-off); the team
// lead gives the reason of access in its dialog and moves clients to another coordinator.
// Only keys are pressed (Tab, Shift+Tab, Enter, Space, arrows, Escape, typing into what has
// focus); locators only check what has focus or what the page shows. Every confirmation dialog
// met is checked for focus in, Tab kept inside, Escape closing it and focus back on its opener;
// a refused submit must move focus to the error summary with each error tied to its field.
import { assert, assertEqual, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { helsinkiLocalValue, newIdentityCode, PASSWORD } from "./polku.mjs";

/** @typedef {import("playwright-core").Page} Page @typedef {import("playwright-core").Locator} Locator */

/** What has focus, in words, for failure messages. @param {Page} page */
function describeFocus(page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return "nothing (body)";
    const label = active.getAttribute("aria-label") ?? active.id ?? "";
    return `${active.tagName.toLowerCase()} "${label || (active.textContent ?? "").trim().slice(0, 50)}"`;
  });
}

/** @param {Locator} locator */
function hasFocus(locator) {
  return locator.evaluate((element) => element === document.activeElement);
}

/** @param {Page} page @param {Locator} locator @param {string} what */
async function expectFocus(page, locator, what) {
  await locator.waitFor();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    if (await hasFocus(locator)) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`${what} should have focus; ${await describeFocus(page)} has it`);
}

/**
 * Presses Tab (or Shift+Tab) until `locator` has focus. A date-time field takes several
 * presses (one per part), as the browser does it.
 * @param {Page} page @param {Locator} locator @param {{ back?: boolean, max?: number }} [options]
 */
async function tabTo(page, locator, { back = false, max = 80 } = {}) {
  await locator.waitFor();
  for (let press = 0; press <= max; press += 1) {
    // Resolved at each press: a control rendered again (its data arrived) is a new element.
    if (await hasFocus(locator)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${back ? "Shift+Tab" : "Tab"} did not reach ${locator}; ${await describeFocus(page)} has focus`);
}

/** Reaches a control and presses a key on it. @param {Page} page @param {Locator} locator @param {string} key */
async function tabAndPress(page, locator, key = "Enter") {
  await tabTo(page, locator);
  await page.keyboard.press(key);
}

/** Opens a disclosure from the keyboard (Enter on its summary) and returns it. @param {Page} page @param {string | RegExp} summary */
async function openDisclosure(page, summary) {
  const details = page.locator("main details").filter({ has: page.locator("summary", { hasText: summary }) }).first();
  await tabAndPress(page, details.locator("summary").first(), "Enter");
  await details.and(page.locator("[open]")).waitFor();
  return details;
}

/** @param {string} value "YYYY-MM-DDTHH:MM" */
function dateTimeParts(value) {
  const [date = "", time = ""] = value.split("T");
  const [year = 0, month = 0, day = 0] = date.split("-").map(Number);
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return { year, month, day, hour, minute };
}

/**
 * Sets a date-time field with the keyboard alone, whatever order the browser's language puts
 * its parts in: ArrowUp on each part shows which part it is (ArrowDown undoes it), then each
 * part is typed after Left/Right arrows have moved to it.
 * @param {Page} page @param {Locator} field @param {Date} when
 */
async function typeDateTime(page, field, when) {
  await tabTo(page, field);
  const wanted = dateTimeParts(helsinkiLocalValue(when));
  /** @type {string[]} */
  const order = [];
  for (let index = 0; index < 6; index += 1) {
    const before = dateTimeParts(await field.inputValue());
    await page.keyboard.press("ArrowUp");
    const after = dateTimeParts(await field.inputValue());
    await page.keyboard.press("ArrowDown");
    const changed = /** @type {const} */ (["year", "month", "day", "hour", "minute"]).find((part) => before[part] !== after[part]);
    order.push(changed === "hour" && Math.abs(after.hour - before.hour) === 12 ? "period" : (changed ?? "none"));
    await page.keyboard.press("ArrowRight");
  }
  const twelveHour = order.includes("period");
  /** @type {Record<string, string>} */
  const typed = {
    year: String(wanted.year),
    month: String(wanted.month).padStart(2, "0"),
    day: String(wanted.day).padStart(2, "0"),
    hour: String(twelveHour ? wanted.hour % 12 || 12 : wanted.hour).padStart(2, "0"),
    minute: String(wanted.minute).padStart(2, "0"),
    period: wanted.hour < 12 ? "A" : "P",
  };
  for (const [index, part] of order.entries()) {
    if (part === "none") continue;
    for (let press = 0; press < 6; press += 1) await page.keyboard.press("ArrowLeft");
    for (let press = 0; press < index; press += 1) await page.keyboard.press("ArrowRight");
    await page.keyboard.type(typed[part] ?? "");
  }
  assertEqual(await field.inputValue(), helsinkiLocalValue(when), "the date-time field typed with the keyboard");
}

/** A whole hour `days` from now. @param {number} days @param {number} hour */
function daysFromNowAt(days, hour) {
  const date = new Date(Date.now() + days * 24 * 3600 * 1000);
  const helsinkiDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki" }).format(date);
  // Helsinki is UTC+2 in winter and UTC+3 in summer; the field shows Helsinki time either way.
  const probe = new Date(`${helsinkiDay}T${String(hour).padStart(2, "0")}:00:00Z`);
  const offset = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Helsinki", hour: "2-digit", hourCycle: "h23" }).format(probe)) - hour;
  return new Date(probe.getTime() - ((offset + 24) % 24) * 3600 * 1000);
}

/** Signs in with the keyboard alone. @param {Page} page @param {string} username */
async function signIn(page, username) {
  await page.goto("/kirjaudu");
  await tabTo(page, page.getByLabel("Käyttäjätunnus"));
  await page.keyboard.type(username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByRole("navigation", { name: "Päävalikko" }).waitFor();
}

/** @param {Page} page @param {string | RegExp} text */
async function status(page, text) {
  await page.getByRole("status").filter({ hasText: text }).first().waitFor({ timeout: 20_000 });
}

/**
 * After a refused submit: focus is on the error summary, which lists `message`, and the field
 * it names carries the same message through aria-describedby (WCAG 3.3.1).
 * @param {Page} page @param {Locator} scope @param {string} message
 */
async function expectRefused(page, scope, message) {
  const summary = scope.locator(".notice-error");
  await expectFocus(page, summary, `the error summary naming "${message}"`);
  const link = summary.getByRole("link", { name: message });
  await link.waitFor();
  const fieldId = ((await link.getAttribute("href")) ?? "").slice(1);
  const described = await page.evaluate((id) => {
    const field = document.getElementById(id);
    const fieldset = field?.closest("fieldset");
    const owner = field?.getAttribute("aria-describedby") ? field : fieldset;
    return (owner?.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((ref) => document.getElementById(ref)?.textContent ?? "")
      .join(" ");
  }, fieldId);
  assert(described.includes(message), `the field ${fieldId} should be described by "${message}", is by "${described}"`);
  // The summary's link takes focus to the field.
  await tabAndPress(page, link, "Enter");
  const field = page.locator(`[id="${fieldId}"]`);
  await expectFocus(page, field, `the field of "${message}" after following its link`);
}

/**
 * A confirmation dialog: focus inside on opening, Tab and Shift+Tab stay inside, Escape closes
 * it and gives focus back to `opener`. Leaves the dialog closed.
 * @param {Page} page @param {Locator} opener @param {string} what
 */
async function expectConfirmDialogTrapsFocus(page, opener, what) {
  await tabTo(page, opener);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog");
  await dialog.waitFor();
  const inside = () => dialog.evaluate((element) => element.contains(document.activeElement));
  assert(await inside(), `${what}: focus moves into the dialog (${await describeFocus(page)})`);
  assertEqual(((await page.evaluate(() => document.activeElement?.textContent)) ?? "").trim(), "Peruuta", `${what}: the safe choice has focus`);
  for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    assert(await inside(), `${what}: ${key} keeps focus inside the dialog (${await describeFocus(page)})`);
  }
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await expectFocus(page, opener, `${what}: the control that opened the dialog, after Escape`);
}

/** @param {Page} page @param {string} name */
async function section(page, name) {
  await tabAndPress(page, page.getByRole("navigation", { name: "Asiakkaan tiedot" }).getByRole("link", { name, exact: true }), "Enter");
  await page.getByRole("navigation", { name: "Asiakkaan tiedot" }).getByRole("link", { name, exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
}

/** @param {import("./harness.mjs").SpecContext} context @param {string} label @param {(page: Page) => Promise<void>} story */
async function asStory(context, label, story) {
  const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
  page.setDefaultTimeout(15_000);
  try {
    await story(page);
  } catch (error) {
    const file = await screenshot(page, `keyboard-${label}-failure`).catch(() => null);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file})`, { cause: error });
  } finally {
    await browserContext.close();
  }
  const unexpected = consoleErrors.filter((error) => !/status of 4\d\d/.test(error));
  assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
}

// The client the coach refers in, worked on by wac1 in the next spec.
const stamp = Date.now().toString(36);
const client = { firstName: "Näppäin", lastName: `Polku-${stamp}`, identityCode: newIdentityCode("86") };
const clientName = `${client.firstName} ${client.lastName}`;

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "keyboard only: the coach refers a new jobseeker in",
    run: (context) =>
      asStory(context, "refer-in", async (page) => {
        await signIn(page, "coach");
        await tabAndPress(page, page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Asiakkaat" }));
        await tabAndPress(page, page.getByRole("link", { name: "Ohjaa asiakas koordinaattorille" }));
        await page.getByRole("heading", { level: 1, name: "Ohjaa asiakas koordinaattorille" }).waitFor();

        await tabTo(page, page.getByLabel("Henkilötunnus"));
        await page.keyboard.type(client.identityCode);
        await page.keyboard.press("Enter");
        // The next step takes focus: its heading, then its first field.
        await expectFocus(page, page.getByRole("heading", { name: "Lisää uusi asiakas" }), "the heading of the step that opened");
        await tabTo(page, page.getByLabel("Etunimi"));
        await page.keyboard.type(client.firstName);
        await tabTo(page, page.getByLabel("Sukunimi"));
        await page.keyboard.type(client.lastName);
        await tabTo(page, page.getByLabel("Syntymävuosi"));
        await page.keyboard.type("1986");
        await tabTo(page, page.getByLabel("Kotikunta"));
        await page.keyboard.type("Hollola");
        await page.keyboard.press("Enter");

        const refer = page.locator("section").filter({ has: page.getByRole("heading", { name: `Ohjaa ${clientName}` }) });
        await expectFocus(page, page.getByRole("heading", { name: `Ohjaa ${clientName}` }), "the heading of the referral step");
        // Refused first: no consent, no coordinator.
        await tabAndPress(page, refer.getByRole("button", { name: "Ohjaa asiakas" }));
        await expectRefused(page, refer, "Palvelusuostumus tarvitaan ohjaamiseen.");
        // Focus is on the first consent now: Space ticks it, Tab and Space the second.
        await page.keyboard.press("Space");
        await tabTo(page, refer.getByLabel("ESR-tietojen keruu"));
        await page.keyboard.press("Space");
        await tabTo(page, refer.getByLabel("Koordinaattori"));
        await page.keyboard.type("Tiina");
        assertEqual(await refer.getByLabel("Koordinaattori").inputValue(), "wac1", "the coordinator picked by typing the name");
        assert(await refer.getByLabel("Palvelusuostumus (KUNTO)").isChecked(), "the service consent is ticked");
        assert(await refer.getByLabel("ESR-tietojen keruu").isChecked(), "the ESF consent is ticked");
        await tabAndPress(page, refer.getByRole("button", { name: "Ohjaa asiakas" }));
        const done = page.getByRole("heading", { name: "Asiakas ohjattu" });
        await done.waitFor();
        await page.getByText(/Tiina Virtanen/).first().waitFor();
        await expectFocus(page, done, "the heading of the result");
      }),
  },
  {
    name: "keyboard only: wac1 works the new client's pathway on the client page",
    run: (context) =>
      asStory(context, "pathway", async (page) => {
        await signIn(page, "wac1");
        await page.getByRole("heading", { level: 1, name: "Oma päivä" }).waitFor();
        await tabAndPress(page, page.locator("#group-new_clients").getByRole("link", { name: clientName }));
        await page.getByRole("heading", { level: 1, name: clientName }).waitFor();
        const enrolment = page.locator("#enrolments article").first();

        // A contact attempt with a comment.
        const contact = await openDisclosure(page, "Kirjaa yhteydenotto");
        await tabTo(page, contact.getByLabel("Yhteystapa"));
        await page.keyboard.type("puhelin");
        assertEqual(await contact.getByLabel("Yhteystapa").inputValue(), "phone", "the channel chosen by typing");
        await tabTo(page, contact.getByLabel("Tavoitettiin"));
        await page.keyboard.press("Space");
        await tabTo(page, contact.getByLabel("Kommentti"));
        await page.keyboard.type(`Soitto ${stamp}, sovittiin tapaaminen.`);
        await tabAndPress(page, contact.getByRole("button", { name: "Kirjaa yhteydenotto" }));
        await status(page, "Yhteydenotto kirjattu.");
        await enrolment.getByText(`Soitto ${stamp}, sovittiin tapaaminen.`).waitFor();

        // A meeting: start, end, place, participants; then moved, the cancel dialog tried, held.
        const book = await openDisclosure(page, "Varaa tapaaminen");
        await typeDateTime(page, book.getByLabel(/^Alkaa/), daysFromNowAt(1, 9));
        await typeDateTime(page, book.getByLabel(/^Päättyy/), daysFromNowAt(1, 10));
        await tabTo(page, book.getByLabel(/^Paikka/));
        await page.keyboard.type("Palvelutori, Trio");
        assert(await book.getByRole("group", { name: /Osallistujat/ }).getByLabel("Tiina Virtanen").isChecked(), "wac1 takes part by default");
        await tabAndPress(page, book.getByRole("button", { name: "Varaa tapaaminen" }));
        await status(page, "Tapaaminen tallennettu.");
        const meeting = enrolment.locator(".work-list li").filter({ hasText: "ensimmäinen tapaaminen" }).first();
        await meeting.getByText(/klo 9\.00/).waitFor();
        await meeting.getByText(/Palvelutori, Trio/).waitFor();
        await meeting.getByText(/Tiina Virtanen/).waitFor();

        const move = meeting.getByRole("button", { name: /^Siirrä/ });
        await tabAndPress(page, move);
        await typeDateTime(page, meeting.getByLabel(/^Alkaa/), daysFromNowAt(2, 12));
        await typeDateTime(page, meeting.getByLabel(/^Päättyy/), daysFromNowAt(2, 13));
        await tabAndPress(page, meeting.getByRole("button", { name: "Siirrä", exact: true }));
        await meeting.getByText(/klo 12\.00/).waitFor();
        await expectFocus(page, move, "the move button, after the move form closed");

        await expectConfirmDialogTrapsFocus(page, meeting.getByRole("button", { name: /^Peru tapaaminen/ }), "cancelling a meeting");
        assert(await meeting.getByText("varattu").isVisible(), "Escape left the meeting booked");

        await tabAndPress(page, meeting.getByRole("button", { name: /^Merkitse pidetyksi/ }));
        await meeting.getByText("pidetty").waitFor();
        await expectFocus(page, meeting, "the meeting, after its buttons went");

        // The service need assessment: the fourth path, chosen with the arrow keys.
        const need = await openDisclosure(page, "Palvelutarpeen arviointi");
        await tabTo(page, need.getByRole("radio").first());
        await page.keyboard.press("Space");
        for (let step = 0; step < 3; step += 1) await page.keyboard.press("ArrowDown");
        assert(await need.getByLabel(/Valmis avoimille työmarkkinoille/).isChecked(), "the arrow keys chose the fourth path");
        await tabTo(page, need.getByLabel(/^Perustelu/));
        await page.keyboard.type("Työkykyä on; tavoitteena kaupan alan työ.");
        await tabAndPress(page, need.getByRole("button", { name: "Tallenna arvio" }));
        await status(page, "Palvelutarpeen arvio tallennettu.");
        await page.locator("#service-need").getByText("Työkykyä on; tavoitteena kaupan alan työ.").waitFor();

        // A plan with two actions, one done; a refused save first.
        await section(page, "Suunnitelma");
        const plan = await openDisclosure(page, "Laadi suunnitelma");
        await tabTo(page, plan.getByLabel("Tavoite 1"));
        await page.keyboard.type("Työpaikka kaupan alalta");
        await tabAndPress(page, plan.getByRole("button", { name: "Lisää toimenpide" }));
        const first = plan.getByRole("group", { name: "Toimenpide 1" });
        await expectFocus(page, first.getByLabel("Mitä tehdään"), "the new action's first field");
        await page.keyboard.type("Päivitä CV");
        await tabTo(page, first.getByLabel("Tehty"));
        await page.keyboard.press("Space");
        await tabAndPress(page, plan.getByRole("button", { name: "Lisää toimenpide" }));
        const second = plan.getByRole("group", { name: "Toimenpide 2" });
        await expectFocus(page, second.getByLabel("Mitä tehdään"), "the second action's first field");
        await tabAndPress(page, plan.getByRole("button", { name: "Tallenna suunnitelma" }));
        const whatMissing = (await plan.locator(".notice-error a").first().textContent()) ?? "";
        assert(whatMissing, "the refused plan names what is missing");
        await expectRefused(page, plan, whatMissing);
        await page.keyboard.type("Hae kolmea paikkaa");
        await tabAndPress(page, plan.getByRole("button", { name: "Tallenna suunnitelma" }));
        await status(page, "Asiakassuunnitelma tallennettu.");
        await page.locator("#plan table").getByText("Päivitä CV").waitFor();
        await page.locator("#plan table").getByText("Hae kolmea paikkaa").waitFor();
        await page.locator("#plan table").getByText(/^Tehty /).waitFor();
        await expectFocus(page, page.locator("#plan").getByRole("button", { name: "Tallenna suunnitelma" }), "the plan's save button, after the save");

        // A note: refused empty, then written.
        await section(page, "Kirjaukset");
        const note = await openDisclosure(page, "Kirjoita kirjaus");
        await tabAndPress(page, note.getByRole("button", { name: "Tallenna kirjaus" }));
        await expectRefused(page, note, "Kirjoita kirjaus.");
        await page.keyboard.type(`Kirjaus ${stamp}: hakee kaupan alan töitä.`);
        await tabAndPress(page, note.getByRole("button", { name: "Tallenna kirjaus" }));
        await status(page, "Kirjaus tallennettu.");
        await page.locator("#notes").getByText(`Kirjaus ${stamp}: hakee kaupan alan töitä.`).waitFor();

        // The client's details: the interpreter and the education level.
        await section(page, "Yleiskuva");
        const edit = await openDisclosure(page, "Muokkaa asiakkaan tietoja");
        await tabTo(page, edit.getByLabel("Asiakas tarvitsee tulkin"));
        await page.keyboard.press("Space");
        await tabTo(page, edit.getByLabel("Koulutustaso"));
        await page.keyboard.type("toinen");
        assertEqual(await edit.getByLabel("Koulutustaso").inputValue(), "isced_3_4", "the education level chosen by typing");
        await tabAndPress(page, edit.getByRole("button", { name: "Tallenna muutokset" }));
        await status(page, "Asiakkaan tiedot tallennettu.");
        const details = page.locator("#details dl");
        await details.locator("div").filter({ hasText: "Tulkki" }).getByText("Kyllä").waitFor();
        await details.getByText("toinen aste").waitFor();

        // The warm hand-off: a transfer to bc1, picked by name.
        await section(page, "Palvelupolku");
        const handoff = await openDisclosure(page, "Siirrä tai konsultoi");
        assert(await handoff.getByLabel(/^Siirto/).isChecked(), "a transfer is the hand-off's default kind");
        await tabTo(page, handoff.getByRole("combobox", { name: /^Vastaanottaja/ }));
        await page.keyboard.type("Sanna");
        assertEqual(await handoff.getByRole("combobox", { name: /^Vastaanottaja/ }).inputValue(), "bc1", "the receiver chosen by typing");
        await tabTo(page, handoff.getByLabel("Viesti vastaanottajalle"));
        await page.keyboard.type("Valmis avoimille työmarkkinoille.");
        // A summary for the receiver needs the client's consent to share it: asked in the form.
        await tabTo(page, handoff.getByLabel(/^Yhteenveto/));
        await page.keyboard.type(`Yhteenveto ${stamp}: kaupan ala kiinnostaa.`);
        await tabAndPress(page, handoff.getByRole("button", { name: "Lähetä" }));
        // The new client gave no consent to share the summary: the form asks for it.
        const consentButton = handoff.getByRole("button", { name: /Asiakas antoi suostumuksen/ });
        const sent = page.getByRole("status").filter({ hasText: /Lähetetty/ });
        await expectConfirmDialogTrapsFocus(page, consentButton, "recording the consent");
        await page.keyboard.press("Enter");
        await page.getByRole("alertdialog").waitFor();
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
        await status(page, "Suostumus kirjattu.");
        await expectFocus(page, handoff.getByRole("button", { name: "Lähetä" }), "sending again, after the consent was recorded");
        await page.keyboard.press("Enter");
        await sent.waitFor();
        await page.locator("#referrals").getByRole("link", { name: "Siirto" }).first().waitFor();
      }),
  },
  {
    name: "keyboard only: the team lead's reason of access and the reassignment page",
    run: (context) =>
      asStory(context, "lead", async (page) => {
        await signIn(page, "lead");
        await tabAndPress(page, page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Asiakkaat" }));
        await page.getByRole("heading", { level: 1, name: "Asiakkaat" }).waitFor();
        const firstClient = page.locator("main table tbody tr a").first();
        const clientHref = (await firstClient.getAttribute("href")) ?? "";

        // Escape cancels: back on the list, nothing opened.
        await tabAndPress(page, firstClient);
        const dialog = page.getByRole("dialog", { name: "Miksi avaat asiakkaan tiedot?" });
        await dialog.waitFor();
        const inside = () => dialog.evaluate((element) => element.contains(document.activeElement));
        assert(await inside(), `focus moves into the reason dialog (${await describeFocus(page)})`);
        for (let press = 0; press < 12; press += 1) {
          await page.keyboard.press(press < 8 ? "Tab" : "Shift+Tab");
          assert(await inside(), `Tab keeps focus inside the reason dialog (${await describeFocus(page)})`);
        }
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
        await page.getByRole("heading", { level: 1, name: "Asiakkaat" }).waitFor();
        assertEqual(new URL(page.url()).pathname, "/asiakkaat", "Escape returns to the list");
        await expectFocus(page, page.getByRole("heading", { level: 1, name: "Asiakkaat" }), "the list's heading after Escape");

        // Refused without a reason; then a reason chosen with the arrow keys, sent with Enter.
        await tabAndPress(page, page.locator(`main table tbody tr a[href="${clientHref}"]`));
        await dialog.waitFor();
        await tabAndPress(page, dialog.getByRole("button", { name: "Avaa asiakkaan tiedot" }));
        await expectRefused(page, dialog, "Valitse käsittelyn syy.");
        // Focus is on the first reason: the arrow keys choose the second.
        await page.keyboard.press("ArrowDown");
        assert(await dialog.getByLabel("Laadunvarmistus tai ohjaus").isChecked(), "ArrowDown chose the second reason");
        await page.keyboard.press("Enter");
        await dialog.waitFor({ state: "detached" });
        await page.getByRole("navigation", { name: "Asiakkaan tiedot" }).waitFor();
        assertEqual(new URL(page.url()).pathname, clientHref, "the client's page opened");

        // Moving a coordinator's client to another, with the confirmation dialog.
        await page.goto("/asiakkaat/siirrot");
        await page.getByRole("heading", { level: 1, name: "Siirrä asiakkaita toiselle koordinaattorille" }).waitFor();
        await tabTo(page, page.getByLabel("Keneltä"));
        await page.keyboard.type("Mikko");
        assertEqual(await page.getByLabel("Keneltä").inputValue(), "wac2", "from whom, chosen by typing");
        const clients = page.getByRole("group", { name: /^Asiakkaat:/ });
        await tabTo(page, clients.getByRole("checkbox").first());
        await page.keyboard.press("Space");
        const moved = ((await clients.locator("label").first().textContent()) ?? "").split(" (")[0] ?? "";
        await tabTo(page, page.getByLabel("Kenelle"));
        await page.keyboard.type("Tiina");
        assertEqual(await page.getByLabel("Kenelle").inputValue(), "wac1", "to whom, chosen by typing");
        const submit = page.getByRole("button", { name: "Siirrä asiakkaat" });
        await expectConfirmDialogTrapsFocus(page, submit, "moving clients");
        await page.keyboard.press("Enter");
        await page.getByRole("alertdialog").waitFor();
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
        await status(page, /1 asiakkuus siirretty/);
        await expectFocus(page, submit, "the submit button after the confirmation");
        assert(moved.length > 0, "a client was named");
      }),
  },
];
