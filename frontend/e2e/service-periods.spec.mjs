// @ts-check
// Issue 15, the app's active-service periods, through the UI only against the whole system:
// wac1 opens one of her clients, starts a 3-month work trial at an employer picked from the
// register, sees it listed and ends it; bc1 then opens that employer's page and sees the
// period there, the client named only as "asiakas" (bc1 may not open wac1's client).
import { assert, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { helsinkiToday, onlyWac1HasWorkedWith, openDisclosure, signIn, signOut, status, threeMonthsOn } from "./polku.mjs";

const BC1_NAME = "Sanna Korhonen";

/** d.M.yyyy, as the app writes dates. @param {string} iso */
function finnish(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day}.${month}.${year}`;
}

/**
 * Opens, from wac1's own client list, the first client with no active-service period yet and
 * nothing to do with bc1, on the section's tab; answers the client's name.
 * @param {import("playwright-core").Page} page
 */
async function ownClientWithoutPeriods(page) {
  await page.goto("/asiakkaat?mine=true");
  const rows = page.locator("main table").first().getByRole("row").filter({ hasNotText: BC1_NAME });
  await page.locator("main table").first().getByRole("link").first().waitFor();
  const hrefs = (await rows.getByRole("link").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")))).filter(
    (href) => href && /^\/asiakkaat\/[0-9a-f-]{36}$/.test(href),
  );
  for (const href of hrefs) {
    // A client bc1 may open (referred or consulted) she rightly sees named on the employer's page.
    await page.goto(`${href}/polku`);
    if (!(await onlyWac1HasWorkedWith(page))) continue;
    await page.getByRole("navigation", { name: "Asiakkaan tiedot" }).getByRole("link", { name: "Aktiivipalvelut" }).click();
    const section = page.locator("#service-periods");
    await section.waitFor();
    await page.waitForFunction(() => !document.querySelector("main .data-loading"), null, { timeout: 15_000 });
    if ((await section.getByText("Asiakkaalla ei ole aktiivipalvelun jaksoja.").count()) > 0) {
      return ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();
    }
  }
  throw new Error("wac1 has no own client without an active-service period and unknown to bc1 in the demo data");
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "wac1 starts a 3-month work trial at an employer from the register and ends it; bc1 sees it on the employer's page",
    async run(context) {
      const today = helsinkiToday();
      const plannedEnd = threeMonthsOn(today);
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      try {
        await signIn(page, "wac1");
        const clientName = await ownClientWithoutPeriods(page);
        const section = page.locator("#service-periods");

        // --- an empty start form says what is missing, in Finnish, at the field ------------------
        const startForm = await openDisclosure(page, "Aloita aktiivipalvelun jakso");
        await startForm.getByRole("button", { name: "Aloita jakso" }).click();
        await startForm.getByRole("link", { name: "Valitse palvelu." }).waitFor();
        await expectNoAxeViolations(page, "the start form with its errors");

        // --- the work trial: 3 months, at an employer picked from the register ---------------------
        await startForm.getByLabel(/^Palvelu/).selectOption({ label: "Työkokeilu" });
        assert((await startForm.getByLabel(/Palkkatuki, %/).count()) === 0, "a work trial shows no wage-subsidy fields");
        await startForm.getByLabel(/^Alkamispäivä/).fill(today);
        await startForm.getByLabel(/^Suunniteltu päättymispäivä/).fill(plannedEnd);
        const picker = startForm.getByRole("combobox", { name: /^Työnantaja/ });
        await picker.locator("option:not([value=''])").first().waitFor({ state: "attached" });
        const employerName = ((await picker.locator("option:not([value=''])").first().textContent()) ?? "").trim();
        assert(employerName, "the register offers an employer");
        await picker.selectOption({ label: employerName });
        await startForm.getByLabel(/^Tuntia viikossa/).fill("25");
        await screenshot(page, "periods-start-form");
        await startForm.getByRole("button", { name: "Aloita jakso" }).click();
        await status(startForm, "Jakso on aloitettu.");

        // --- listed: kind in Finnish, the employer by name, the dates, running ---------------------
        const card = section.getByRole("article", { name: `Työkokeilu: ${employerName}` });
        await card.waitFor();
        const text = (await card.innerText()).replace(/\s+/g, " ");
        assert(text.includes("Käynnissä"), `the period runs: ${text}`);
        assert(text.includes(`${finnish(today)}– (suunniteltu päättyvän ${finnish(plannedEnd)})`), `the dates: ${text}`);
        assert(/Kirjannut \S+ \S+/.test(text), `recorded by someone named: ${text}`);
        assert(!/\bwac1\b/.test(text), `no username where a name belongs: ${text}`);
        await expectNoAxeViolations(page, "the client's periods with a running work trial");
        await screenshot(page, "periods-running");

        // --- ended today ---------------------------------------------------------------------
        const endForm = await openDisclosure(page, "Päätä jakso");
        await endForm.getByLabel(/^Päättymispäivä/).fill(today);
        await endForm.getByRole("button", { name: "Päätä jakso" }).click();
        await status(card, "Jakso on päätetty.");
        await card.getByText("Päättynyt").waitFor();
        assert((await card.locator("summary", { hasText: "Päätä jakso" }).count()) === 0, "an ended period offers no end form");
        const ended = (await card.innerText()).replace(/\s+/g, " ");
        assert(ended.includes(`${finnish(today)}–${finnish(today)}`), `the ended period's dates: ${ended}`);
        await expectNoAxeViolations(page, "the client's periods with the ended work trial");
        await screenshot(page, "periods-ended");

        // --- wac1 follows the employer's link: her client is named there, linked -------------------
        await card.getByRole("link", { name: employerName }).click();
        await page.getByRole("heading", { level: 1, name: employerName }).waitFor();
        const own = page.getByRole("table", { name: "Aktiivipalvelun jaksot tällä työnantajalla" });
        await own.getByRole("link", { name: clientName }).first().waitFor();
        await expectNoAxeViolations(page, "the employer's page with its periods, as wac1");
        await screenshot(page, "periods-employer-wac1");
        await signOut(page);

        // --- bc1 on the employer's page -----------------------------------------------------------
        await signIn(page, "bc1");
        await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Työnantajat" }).click();
        await page.getByLabel("Hae nimellä tai Y-tunnuksella").fill(employerName);
        await page.getByLabel("Hae nimellä tai Y-tunnuksella").press("Enter");
        await page.locator("main table").getByRole("link", { name: employerName, exact: true }).first().click();
        await page.getByRole("heading", { level: 1, name: employerName }).waitFor();
        const periods = page.getByRole("table", { name: "Aktiivipalvelun jaksot tällä työnantajalla" });
        await periods.waitFor();
        const row = periods.getByRole("row").filter({ hasText: `${finnish(today)}–${finnish(today)}` }).filter({ hasText: "Työkokeilu" }).first();
        await row.waitFor();
        const rowText = (await row.innerText()).replace(/\s+/g, " ");
        assert(rowText.includes("Päättynyt"), `the period has ended: ${rowText}`);
        assert(rowText.includes("asiakas"), `the client is "asiakas" to bc1: ${rowText}`);
        assert(!rowText.includes(clientName), `bc1 does not see the client's name: ${rowText}`);
        assert((await row.getByRole("link").count()) === 0, "no link to a client bc1 may not open");
        await expectNoAxeViolations(page, "the employer's page with its periods");
        await screenshot(page, "periods-employer-bc1");

        const unexpected = consoleErrors.filter((error) => !/status of 4\d\d/.test(error));
        assert(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
      } finally {
        await browserContext.close();
      }
    },
  },
];
