// @ts-check
// Acceptance 4 of issue 14, through the UI only against the running system: wac1 sends one of
// her clients to bc1 (a consultation through the client page's hand-off form); bc1 sees the
// navigation's unread count rise once the notifications service has caught up, opens the
// notification, lands on the referral and sees the count fall (and declines it, so that the
// spec can run again); then bc1 changes a setting on
// the preferences page, saves, reloads and finds it kept.
import { assert, assertEqual, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { openDisclosure, signIn, signOut } from "./polku.mjs";

/** The unread count in the navigation link's name ("Ilmoitukset, 2 lukematonta"); 0 without one.
 * @param {import("playwright-core").Page} page */
async function unreadCount(page) {
  const link = page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: /^Ilmoitukset/ });
  await link.waitFor();
  // The count waits for the first answer; the name is what a screen reader says.
  await page
    .waitForFunction(() => document.querySelector("nav a[href='/ilmoitukset']")?.hasAttribute("aria-label"), null, { timeout: 3000 })
    .catch(() => undefined);
  const name = (await link.getAttribute("aria-label")) ?? (await link.textContent()) ?? "";
  const match = /(\d+) lukemat/.exec(name);
  return match ? Number(match[1]) : 0;
}

/** Reloads until the count is `expected` (the service follows the feeds every few seconds).
 * @param {import("playwright-core").Page} page @param {(count: number) => boolean} wanted @param {string} what */
async function waitForCount(page, wanted, what) {
  let count = await unreadCount(page);
  for (let tries = 0; tries < 30 && !wanted(count); tries += 1) {
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    count = await unreadCount(page);
  }
  assert(wanted(count), `${what}: the count is ${count}`);
  return count;
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "notifications: a referral to bc1 raises her unread count, opening it lands on the referral and lowers the count; settings are kept",
    async run(context) {
      const stamp = Date.now().toString(36);
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      page.setDefaultTimeout(20_000);
      try {
        await story(page);
      } catch (error) {
        const file = await screenshot(page, "notifications-failure").catch(() => null);
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file})`, { cause: error });
      } finally {
        await browserContext.close();
      }
      assert(consoleErrors.filter((error) => !/status of 4\d\d/.test(error)).length === 0, `console errors: ${consoleErrors.join(" | ")}`);

      /** @param {import("playwright-core").Page} page */
      async function story(page) {
        // --- bc1's count before -------------------------------------------------------------
        await signIn(page, "bc1");
        const before = await unreadCount(page);
        await signOut(page);

        // --- wac1 consults bc1 about one of her clients -----------------------------------------
        await signIn(page, "wac1");
        await page.goto("/asiakkaat?mine=true");
        await page.getByRole("heading", { level: 1, name: "Asiakkaat" }).waitFor();
        const clientLinks = page.locator('main table a[href^="/asiakkaat/"]');
        await clientLinks.first().waitFor();
        const hrefs = await clientLinks.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
        let sent = false;
        let referralPath = "";
        // A client with an open enrolment has the hand-off form; try wac1's clients in turn.
        for (const href of hrefs) {
          await page.goto(`${href.replace(/\/$/, "")}/polku`);
          await page.getByRole("heading", { level: 1 }).waitFor();
          await page.locator("#enrolments").waitFor();
          const summary = page.locator("summary", { hasText: "Siirrä tai konsultoi" });
          if ((await summary.count()) === 0) continue;
          const known = async () =>
            page.locator('#referrals a[href^="/lahetteet/"]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
          await page.locator("#referrals").getByText(/Ei lähetteitä|Lähettäjä|Laji/).first().waitFor();
          const before = await known();
          const handoff = await openDisclosure(page, "Siirrä tai konsultoi");
          await handoff.getByLabel(/^Konsultaatio/).check();
          await handoff.getByRole("combobox", { name: /^Vastaanottaja/ }).selectOption("bc1");
          await handoff.getByLabel("Viesti vastaanottajalle").fill(`Konsultaatio ${stamp}: työnantajakontaktit?`);
          await handoff.getByRole("button", { name: "Lähetä" }).click();
          const consentButton = handoff.getByRole("button", { name: /Asiakas antoi suostumuksen/ });
          const done = handoff.getByRole("status").filter({ hasText: /Lähetetty/ });
          // A client with an open hand-off already refuses another: try the next client.
          const refused = handoff.locator(".notice-error");
          await Promise.race([consentButton.waitFor(), done.waitFor(), refused.waitFor()]);
          if (await refused.isVisible()) continue;
          if (await consentButton.isVisible()) {
            await consentButton.click();
            const dialog = page.getByRole("alertdialog");
            await dialog.waitFor();
            await dialog.getByRole("button", { name: /Asiakas antoi suostumuksen/ }).click();
            await handoff.getByRole("status").filter({ hasText: "Suostumus kirjattu." }).waitFor();
            await handoff.getByRole("button", { name: "Lähetä" }).click();
          }
          await done.waitFor();
          // The client's list gains our referral: the one link it did not have.
          for (let tries = 0; tries < 100 && !referralPath; tries += 1) {
            referralPath = (await known()).find((href) => !before.includes(href)) ?? "";
            if (!referralPath) await page.waitForTimeout(100);
          }
          sent = true;
          break;
        }
        assert(sent, "one of wac1's clients has the hand-off form");
        assert(/^\/lahetteet\/[0-9a-f-]{36}$/.test(referralPath), `the new referral is in the client's list: ${referralPath}`);
        await signOut(page);

        // --- bc1 sees the count rise ---------------------------------------------------------
        await signIn(page, "bc1");
        await waitForCount(page, (count) => count > before, "bc1's unread count rises");
        await screenshot(page, "notifications-count-risen");
        const nav = page.getByRole("navigation", { name: "Päävalikko" });
        // The count is part of the link's name, as a screen reader says it.
        await nav.getByRole("link", { name: /^Ilmoitukset, \d+ lukematon(ta)?$/ }).click();
        await page.getByRole("heading", { level: 1, name: "Ilmoitukset" }).waitFor();
        await page.getByRole("button", { name: "Lukemattomat" }).click();
        const list = page.getByRole("list", { name: "Ilmoitukset" });
        // Ours is the one linking to the referral wac1 sent; older ones may come first.
        const ours = list.locator(`a[href="${referralPath}"]`);
        await list.or(page.getByText("Ei lukemattomia ilmoituksia.")).first().waitFor();
        for (let tries = 0; tries < 20 && (await ours.count()) === 0; tries += 1) {
          const more = page.getByRole("button", { name: "Näytä lisää" });
          if ((await more.count()) === 0) break;
          await more.click();
          await page.waitForTimeout(300);
        }
        assertEqual(await ours.textContent(), "Uusi lähete", "the kind of our notification");
        await expectNoAxeViolations(page, "notifications (bc1)");
        await screenshot(page, "notifications-list");
        const target = referralPath;
        const beforeOpening = await unreadCount(page);
        assert(/^\/lahetteet\/[0-9a-f-]{36}$/.test(target), `the notification links to a referral: ${target}`);
        await ours.click();
        await page.getByRole("heading", { level: 1, name: /^Lähete: / }).waitFor();
        assertEqual(new URL(page.url()).pathname, target, "landed on the referral");
        await page.getByText(`Konsultaatio ${stamp}`).first().waitFor();
        await waitForCount(page, (count) => count < beforeOpening, `bc1's unread count falls from ${beforeOpening}`);
        await screenshot(page, "notifications-referral-opened");
        // bc1 answers (declines), so that the client can be consulted about again on the next run.
        const decline = await openDisclosure(page, "Hylkää lähete");
        await decline.getByLabel(/^Syy/).fill(`Ei tarvetta (${stamp}).`);
        await decline.getByRole("button", { name: "Hylkää" }).click();
        // The referral's page reloads with the answer: its history names the decline.
        await page.getByText(`Ei tarvetta (${stamp}).`).first().waitFor();

        // --- the settings page keeps a change ------------------------------------------------------
        await page.goto("/ilmoitukset");
        await page.getByRole("link", { name: "Ilmoitusasetukset" }).click();
        await page.getByRole("heading", { level: 1, name: "Ilmoitusasetukset" }).waitFor();
        const hour = page.getByLabel(/^Päivän koosteen kellonaika/);
        const current = await hour.inputValue();
        const next = current === "9" ? "10" : "9";
        await hour.selectOption(next);
        const kind = page.getByLabel("Liidin seuranta erääntyy", { exact: true });
        await kind.selectOption("app");
        await page.getByRole("button", { name: "Tallenna asetukset" }).click();
        await page.getByRole("status").filter({ hasText: "Ilmoitusasetukset on tallennettu." }).waitFor();
        await expectNoAxeViolations(page, "notification settings (bc1)");
        await screenshot(page, "notifications-settings-saved");
        await page.reload();
        await page.getByRole("heading", { level: 1, name: "Ilmoitusasetukset" }).waitFor();
        await page.getByLabel(/^Päivän koosteen kellonaika/).waitFor();
        assertEqual(await page.getByLabel(/^Päivän koosteen kellonaika/).inputValue(), next, "the digest hour after a reload");
        assertEqual(await page.getByLabel("Liidin seuranta erääntyy", { exact: true }).inputValue(), "app", "follow-up's choice after a reload");
        // Put it back, so that a second run starts from the same place.
        await page.getByLabel("Liidin seuranta erääntyy", { exact: true }).selectOption("app_email");
        await page.getByRole("button", { name: "Tallenna asetukset" }).click();
        await page.getByRole("status").filter({ hasText: "Ilmoitusasetukset on tallennettu." }).waitFor();
      }
    },
  },
];
