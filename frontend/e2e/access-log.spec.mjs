// @ts-check
// Acceptance: opening a client page writes exactly one entry in the clients service's access
// log, with the reason when one was given. The team lead opens a client page in the browser
// (a page load, then twice again by in-app navigation, once with "Muu syy" and free text);
// switching between the page's sections adds nothing; a free-text reason an HTTP header cannot
// carry (an emoji) is refused in the dialog and nothing is read. The log is read with the API
// as admin (the admin UI has no client log: /asiakkaat is not an admin's section) and shown in
// the team lead's own view of it, naming the lead by display name.
import { assert, assertEqual, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { request as apiRequest } from "playwright-core";
import { PASSWORD, signIn } from "./polku.mjs";

/**
 * The admin's reading of a client's access log over the API. An admin states a reason for
 * every read of a client's data, this one too; the read is logged as read_access_log.
 * @param {string} baseURL
 */
async function adminLogReader(baseURL) {
  const context = await apiRequest.newContext({ baseURL });
  const login = await context.post("/auth/login", { data: { username: "admin", password: PASSWORD } });
  assert(login.ok(), `POST /auth/login as admin answered ${login.status()}`);
  const { access_token: token } = await login.json();
  return {
    /** @param {string} clientId */
    async read(clientId) {
      const response = await context.get(`/api/v1/clients/${clientId}/access-log?limit=1000`, {
        headers: { Authorization: `Bearer ${token}`, "X-Access-Reason": "Testi: kirjausten tarkistus" },
      });
      assert(response.ok(), `GET the access log as admin answered ${response.status()}: ${await response.text()}`);
      return /** @type {Promise<AccessLogEntry[]>} */ (response.json());
    },
    dispose: () => context.dispose(),
  };
}

const SECTIONS = ["Palvelupolku", "Suunnitelma", "Kirjaukset", "Arviot ja palaute", "Historia", "Yleiskuva"];

/** @typedef {{ id: string, at: string, actor: string, action: string, reason: string | null }} AccessLogEntry */

/** @param {import("playwright-core").Page} page @param {string} reason @param {string} [other] */
async function giveReason(page, reason, other) {
  const dialog = page.getByRole("dialog", { name: "Miksi avaat asiakkaan tiedot?" });
  await dialog.waitFor();
  await dialog.getByLabel(reason, { exact: true }).check();
  if (other !== undefined) await dialog.getByLabel("Muu syy, mikä?").fill(other);
  await dialog.getByRole("button", { name: "Avaa asiakkaan tiedot" }).click();
  return dialog;
}

/** @param {import("playwright-core").Page} page */
async function clientShown(page) {
  await page.getByRole("navigation", { name: "Asiakkaan tiedot" }).waitFor();
  await page.waitForFunction(() => !document.querySelector("main .data-loading"));
}

/**
 * Gives the reason and waits for the read it starts: a page opened again shows the data it
 * read before at once, so "shown" alone would race the new read and its log entry.
 * @param {import("playwright-core").Page} page @param {string} reason @param {string} [other]
 */
async function openWithReason(page, reason, other) {
  const read = page.waitForResponse((response) => /\/api\/v1\/clients\/[^/]+\/overview/.test(response.url()));
  await giveReason(page, reason, other);
  await read;
  await clientShown(page);
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "one access-log entry per client page opening, with its reason; none for sections or a refused reason",
    async run(context) {
      const stamp = Date.now().toString(36);
      const admin = await adminLogReader(context.baseURL);
      const { page, browserContext } = await newPage(context, VIEWPORTS[0]);
      page.setDefaultTimeout(15_000);
      /** @type {string[]} */
      const overviewReads = [];
      page.on("request", (request) => {
        if (/\/api\/v1\/clients\/[^/]+\/overview/.test(request.url())) overviewReads.push(request.headers()["x-access-reason"] ?? "");
      });
      try {
        await signIn(page, "lead");
        await page.goto("/asiakkaat");
        const href = (await page.locator("main table tbody tr a").first().getAttribute("href")) ?? "";
        const clientId = href.split("/")[2] ?? "";
        assert(clientId, "the lead's list links to a client");
        /** @returns {Promise<AccessLogEntry[]>} the client's read_overview entries, oldest first */
        const reads = async () =>
          (await admin.read(clientId))
            .filter((entry) => entry.action === "read_overview")
            .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
        const before = (await reads()).length;

        /** @param {number} count @param {string} reason @param {string} when */
        const expectReads = async (count, reason, when) => {
          const entries = await reads();
          assertEqual(entries.length - before, count, `read_overview entries ${when}`);
          const newest = entries.at(-1);
          assertEqual(newest?.actor, "lead", `the newest entry's reader ${when}`);
          assertEqual(newest?.reason, reason, `the newest entry's reason ${when}`);
        };

        // A page load with one of the choices.
        await page.goto(href);
        await openWithReason(page, "Laadunvarmistus tai ohjaus");
        await expectReads(1, "Laadunvarmistus tai ohjaus", "after the first opening");

        // The sections are sub-routes of the same page: no new read.
        for (const name of SECTIONS) {
          const link = page.getByRole("navigation", { name: "Asiakkaan tiedot" }).getByRole("link", { name, exact: true });
          await link.click();
          await link.and(page.locator('[aria-current="page"]')).waitFor();
        }
        await page.waitForLoadState("networkidle");
        await expectReads(1, "Laadunvarmistus tai ohjaus", "after going through every section");
        assertEqual(overviewReads.length, 1, "overview requests after the sections");

        // Opened again by in-app navigation, with another reason in free text.
        const other = `Tarkastus ${stamp}: pyyntö, ä ö å`;
        await page.getByRole("link", { name: "Takaisin asiakaslistaan" }).click();
        await page.locator(`main table tbody tr a[href="${href}"]`).click();
        await openWithReason(page, "Muu syy", other);
        await expectReads(2, other, "after opening it again from the list");

        // And again with a choice, soon after: a new opening is a new read.
        await page.getByRole("link", { name: "Takaisin asiakaslistaan" }).click();
        await page.locator(`main table tbody tr a[href="${href}"]`).click();
        await openWithReason(page, "Raportointi tai tilastointi");
        await expectReads(3, "Raportointi tai tilastointi", "after the third opening");

        // An emoji cannot travel in the header: refused in the dialog, and nothing is read.
        const readsBefore = overviewReads.length;
        await page.getByRole("link", { name: "Takaisin asiakaslistaan" }).click();
        await page.locator(`main table tbody tr a[href="${href}"]`).click();
        const dialog = await giveReason(page, "Muu syy", "Tarkastus 👍");
        const message = "Syyssä voi olla kirjaimia, numeroita ja tavallisia välimerkkejä, ei esimerkiksi emojeja tai rivinvaihtoja.";
        await dialog.getByRole("link", { name: message }).waitFor();
        assert(
          ((await dialog.getByLabel("Muu syy, mikä?").getAttribute("aria-invalid")) ?? "") === "true",
          "the free-text field is marked invalid",
        );
        await page.waitForTimeout(500);
        assertEqual(overviewReads.length, readsBefore, "overview requests after the refused reason");
        await expectReads(3, "Raportointi tai tilastointi", "after the refused reason");

        // The lead's own view of the log names them by display name, with each reason.
        await page.goto(`${href}/loki`);
        const table = page.locator("main table");
        await table.waitFor();
        for (const reason of ["Laadunvarmistus tai ohjaus", other, "Raportointi tai tilastointi"]) {
          const row = table.locator("tbody tr").filter({ hasText: reason }).first();
          await row.getByText("Anna Mäkelä").waitFor();
          await row.getByText("Avasi asiakkaan sivun").waitFor();
        }
      } catch (error) {
        const file = await screenshot(page, "access-log-failure").catch(() => null);
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n(at ${page.url()}; screenshot ${file})`, { cause: error });
      } finally {
        await browserContext.close();
        await admin.dispose();
      }
    },
  },
];
