// @ts-check
// The Figures page (Luvut) against the real system: the team lead's unit view and a
// coordinator's own view, every chart settled (drawn, empty or failed, never stuck loading),
// definitions and tables opened, axe on each state, the CSV download, screenshots in both
// languages at both widths, and the keyboard reaching every control.
import { assert, assertEqual, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { expectTabReachesEveryControl, signIn } from "./polku.mjs";

const CHART_TITLES_FI = [
  "Aktivointiaste rooleittain",
  "Jatkopolut",
  "Asiakkuuksien eteneminen",
  "Yhteydenotto määräajassa",
  "Asiakasmäärä ja tavoite",
  "Rekrypisteen liidit",
];

/** Waits until no chart is loading any more. @param {import("playwright-core").Page} page */
async function chartsSettled(page) {
  await page.locator("main h1").waitFor();
  await page.waitForFunction(() => document.querySelectorAll('main [aria-busy="true"]').length === 0 && document.querySelectorAll("main .chart-card").length === 6, null, {
    timeout: 20_000,
  });
}

/** Opens every disclosure on the page so axe also checks the tables and the definitions. @param {import("playwright-core").Page} page */
async function openAllDisclosures(page) {
  await page.evaluate(() => {
    for (const details of Array.from(document.querySelectorAll("main details"))) details.setAttribute("open", "");
  });
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "the team lead sees the unit's figures, each with a definition, a table and a CSV",
    async run(context) {
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      await signIn(page, "lead");
      await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Luvut" }).click();
      await chartsSettled(page);
      assertEqual((await page.locator("main h1").textContent())?.trim(), "Luvut", "heading");
      for (const title of CHART_TITLES_FI) {
        await page.getByRole("region", { name: title }).waitFor();
      }
      const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki", year: "numeric" }).format(new Date());
      assertEqual(await page.getByLabel("Alkaen").inputValue(), `${year}-01-01`, "the period starts on 1 January by default");
      const stuck = await page.getByText("Lukujen haku epäonnistui").count();
      assert(stuck === 0, `${stuck} chart(s) failed to load`);

      // The definition is one click away.
      const activation = page.getByRole("region", { name: "Aktivointiaste rooleittain" });
      await activation.locator("summary", { hasText: "Määritelmä" }).click();
      await activation.getByText("Määritelmän versio 1").waitFor();

      // The CSV of the same query, fetched with the token and offered as a download.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        activation.getByRole("button", { name: /Lataa CSV/ }).click(),
      ]);
      assert(/^activation_rate_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`);
      const stream = await download.createReadStream();
      let text = "";
      for await (const chunk of stream) text += chunk.toString();
      assert(text.startsWith("coordinator_role,month,numerator,denominator,value,suppressed"), `CSV header: ${text.slice(0, 80)}`);
      await activation.getByText(/on ladattu/).waitFor();

      await expectTabReachesEveryControl(page, "Luvut");

      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await openAllDisclosures(page);
        await expectNoAxeViolations(page, `Luvut, lead (${viewport.name})`);
        await screenshot(page, "figures-lead-fi");
      }

      // A reversed period is named by its field and nothing is asked.
      await page.getByLabel("Alkaen").fill(`${year}-12-31`);
      await page.getByLabel("Päättyen").fill(`${year}-01-01`);
      await page.getByRole("button", { name: "Näytä luvut" }).click();
      await page.getByText("Alkupäivä ei voi olla loppupäivän jälkeen.").first().waitFor();
      await expectNoAxeViolations(page, "Luvut with a period error");
      await screenshot(page, "figures-period-error");

      // Last year, by the preset: the address carries the period.
      await page.getByRole("button", { name: "Edellinen vuosi" }).click();
      await chartsSettled(page);
      assert(page.url().includes(`from=${Number(year) - 1}-01-01`), `the address keeps the period: ${page.url()}`);

      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("button", { name: "This year" }).click();
      await chartsSettled(page);
      await page.getByRole("region", { name: "Activation rate by role" }).waitFor();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await openAllDisclosures(page);
        await expectNoAxeViolations(page, `Figures, lead, English (${viewport.name})`);
        await screenshot(page, "figures-lead-en");
      }
      await page.getByRole("button", { name: "Suomi" }).click();
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
      await browserContext.close();
    },
  },
  {
    name: "a coordinator sees their own figures",
    async run(context) {
      for (const viewport of VIEWPORTS) {
        const { page, browserContext, consoleErrors } = await newPage(context, viewport);
        await signIn(page, "bc1");
        await page.goto("/luvut");
        await chartsSettled(page);
        await page.getByText(/Omat tunnuslukusi valitulta ajanjaksolta/).waitFor();
        await openAllDisclosures(page);
        await expectNoAxeViolations(page, `Luvut, bc1 (${viewport.name})`);
        await screenshot(page, "figures-coordinator-fi");
        assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
        await browserContext.close();
      }
    },
  },
];
