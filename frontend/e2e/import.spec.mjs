// @ts-check
// The import (Tuonti) against the real clients service: the form's validation, a dry run of a
// CSV with good and bad rows followed to the end (progress bar, counts, error report), then
// the real import of the same file. axe on every state; screenshots in both languages and widths.
// Rows carry e2e-<time> references and no enrolments, so reruns add only a few unassigned clients.
import { assert, assertEqual, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { expectTabReachesEveryControl, signIn } from "./polku.mjs";

const HEADER =
  "external_ref,last_name,first_name,personal_identity_code,birth_year,gender,municipality,language,registered_on,service_line,coordinator,referred_by,first_contact_on,first_meeting_on,ended_on,outcome";

/** @param {string} run */
function registerCsv(run) {
  return [
    HEADER,
    `${run}-1,Tuontilainen,Aino,,1988,female,Lahti,fi,,,,,,,,`,
    `${run}-2,Tuontilainen,Eero,,vuosi,male,Hollola,fi,,,,,,,,`,
    `${run}-3,Tuontilainen,Sari,,1975,x,Atlantis,fi,,,,,,,,`,
    `${run}-4,Tuontilainen,Ville,,1990,male,Orimattila,sv,,,,,,,,`,
  ].join("\r\n");
}

/** @param {import("playwright-core").Page} page */
async function waitUntilFinished(page) {
  await page.getByText(/^(Tarkistus valmis|Valmis|Tuonti keskeytyi|Check done|Done|The import stopped)/).first().waitFor({ timeout: 30_000 });
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "a team lead checks a file, reads the error report, then imports it",
    async run(context) {
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      const run = `e2e-${Date.now().toString(36)}`;
      await signIn(page, "lead");
      await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Tuonti" }).click();
      await page.getByRole("heading", { level: 1, name: "Tuonti" }).waitFor();
      await expectTabReachesEveryControl(page, "Tuonti");
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `Tuonti (${viewport.name})`);
        await screenshot(page, "import-fi");
      }
      await page.setViewportSize(VIEWPORTS[0]);

      await page.getByRole("button", { name: "Aloita tarkistus" }).click();
      await page.getByText("Valitse tuotava tiedosto.").first().waitFor();
      await expectNoAxeViolations(page, "Tuonti without a file");
      await screenshot(page, "import-no-file");

      await page.getByLabel("Tiedosto").setInputFiles({
        name: "rekisteri.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(registerCsv(run), "utf8"),
      });
      await page.getByRole("button", { name: "Aloita tarkistus" }).click();
      await page.getByRole("progressbar", { name: "Käsitellyt rivit" }).waitFor();
      await waitUntilFinished(page);
      await page.getByText("Tarkistus valmis: 2 riviä toisi uuden asiakkaan, 0 päivittäisi, 2 riviä hylättäisiin.").waitFor();
      assertEqual(await page.getByRole("progressbar").getAttribute("value"), "4", "all rows processed");
      const report = page.getByRole("table", { name: "Virheraportti" });
      await report.getByRole("cell", { name: "Vuosi ei ole kelvollinen" }).waitFor();
      await report.getByRole("cell", { name: "Sukupuolen pitää olla female, male, other tai unknown" }).waitFor();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `dry run finished (${viewport.name})`);
        await screenshot(page, "import-dry-run-fi");
      }

      await page.getByRole("button", { name: "English" }).click();
      await page.getByText(/^Check done/).waitFor();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `dry run finished, English (${viewport.name})`);
        await screenshot(page, "import-dry-run-en");
      }
      await page.getByRole("button", { name: "Suomi" }).click();

      await page.getByRole("button", { name: "Tuo tiedosto nyt" }).click();
      await page.getByText("Valmis: 2 uutta, 0 päivitettyä, 2 riviä hylätty.").waitFor({ timeout: 30_000 });
      await page.getByRole("heading", { name: "Tuonnin eteneminen" }).waitFor();
      await expectNoAxeViolations(page, "import finished");
      await screenshot(page, "import-done");

      // A reload keeps following the same import: its id is in the address.
      await page.reload();
      await page.getByText("Valmis: 2 uutta, 0 päivitettyä, 2 riviä hylätty.").waitFor();

      await page.getByRole("button", { name: "Uusi tuonti" }).click();
      await page.getByLabel("Tiedosto").waitFor();

      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { level: 1, name: "Import" }).waitFor();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `Import in English (${viewport.name})`);
        await screenshot(page, "import-en");
      }
      await page.getByRole("button", { name: "Suomi" }).click();
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
      await browserContext.close();
    },
  },
];
