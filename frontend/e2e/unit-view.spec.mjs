// @ts-check
// The team lead's unit view (Yksikkö) against the real system with its demo data: an overdue
// first contact and a waiting referral are listed, named by people's names, and their links
// open the client's page and the referral's page. axe in both languages at both widths.
import { assert, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { signIn } from "./polku.mjs";

/** @param {import("playwright-core").Page} page */
async function openUnitView(page) {
  await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Yksikkö" }).click();
  await page.getByRole("heading", { level: 1, name: "Yksikkö" }).waitFor();
  await page.waitForFunction(() => !document.querySelector("main .data-loading"), null, { timeout: 20_000 });
}

/** The table under a section's heading. @param {import("playwright-core").Page} page @param {string} name */
function table(page, name) {
  return page.getByRole("region", { name });
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "the team lead's unit view lists an overdue contact and a waiting referral, and their links open them",
    async run(context) {
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      await signIn(page, "lead");
      await openUnitView(page);
      const failed = await page.getByText("Tietojen haku ei onnistunut").count();
      assert(failed === 0, `${failed} part(s) of the unit view failed to load`);

      const contacts = table(page, "Myöhässä olevat yhteydenotot");
      const firstContact = contacts.getByRole("link").first();
      await firstContact.waitFor();
      // People by name: the demo coordinators' usernames never show.
      const contactText = (await contacts.textContent()) ?? "";
      assert(!/\bwac1\b|\bbc1\b/.test(contactText), "a username shows in the overdue contacts");

      const referrals = table(page, "Vastausta odottavat lähetteet");
      const firstReferral = referrals.getByRole("link").first();
      await firstReferral.waitFor();

      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `Unit view, Finnish (${viewport.name})`);
        await screenshot(page, `unit-view-fi-${viewport.name}`);
      }

      // The overdue contact's link opens the client's page (a team lead states a reason).
      const clientName = ((await firstContact.textContent()) ?? "").trim();
      await firstContact.click();
      const dialog = page.getByRole("dialog", { name: "Miksi avaat asiakkaan tiedot?" });
      await dialog.waitFor();
      await dialog.getByLabel("Laadunvarmistus tai ohjaus", { exact: true }).check();
      await dialog.getByRole("button", { name: "Avaa asiakkaan tiedot" }).click();
      await page.getByRole("navigation", { name: "Asiakkaan tiedot" }).waitFor();
      const heading = ((await page.locator("main h1").textContent()) ?? "").trim();
      const [lastName, firstName] = clientName.split(" ");
      assert(heading.includes(lastName) && heading.includes(firstName), `the client page shows ${heading}, not ${clientName}`);

      // The waiting referral's link opens the referral's page.
      await page.goBack();
      await openUnitView(page);
      const referralLink = table(page, "Vastausta odottavat lähetteet").getByRole("link").first();
      const href = (await referralLink.getAttribute("href")) ?? "";
      assert(/^\/lahetteet\/[0-9a-f-]{36}$/.test(href), `the referral link is ${href}`);
      await referralLink.click();
      await page.waitForURL((url) => url.pathname === href);
      await page.locator("main h1").waitFor();
      await page.waitForFunction(() => !document.querySelector("main .data-loading"), null, { timeout: 20_000 });
      assert((await page.getByRole("heading", { level: 1, name: "Sivua ei löytynyt" }).count()) === 0, "the referral page was not found");

      // English, both widths.
      await page.goBack();
      await openUnitView(page);
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { level: 1, name: "Unit" }).waitFor();
      await table(page, "Overdue first contacts").getByRole("link").first().waitFor();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `Unit view, English (${viewport.name})`);
        await screenshot(page, `unit-view-en-${viewport.name}`);
      }
      await page.getByRole("button", { name: "Suomi" }).click();
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join("; ")}`);
      await browserContext.close();
    },
  },
];
