// @ts-check
// Global search (issue 13, acceptance 4) against the real system: the header's box finds a
// client by the exact identity code for their coordinator and nothing for an unrelated
// coordinator, and the coordinator's search is in the client's access log. axe on the
// results in both languages at both widths; the box and the results work by keyboard.
import { assert, assertEqual, expectNoAxeViolations, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { apiAs, newIdentityCode, signIn, signOut } from "./polku.mjs";

/** Searches from the header with the keyboard. @param {import("playwright-core").Page} page @param {string} words */
async function searchFromHeader(page, words) {
  const box = page.getByRole("search", { name: /^(Haku|Search)$/ }).getByRole("searchbox");
  await box.fill(words);
  await box.press("Enter");
  await page.waitForURL((url) => url.pathname === "/haku");
  await page.waitForFunction(() => !document.querySelector("main .data-loading"), null, { timeout: 20_000 });
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "global search finds a client by exact identity code for their coordinator only, and logs it",
    async run(context) {
      const code = newIdentityCode("71");
      const coach = await apiAs(context.baseURL, "coach");
      const client = await coach.post("/api/v1/clients", {
        first_name: "Hakka",
        last_name: "Haettava",
        personal_identity_code: code,
      });
      await coach.post(`/api/v1/clients/${client.id}/enrolments`, { service_line: "work_ability", coordinator: "wac1" });
      await coach.dispose();

      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      await signIn(page, "wac1");
      await searchFromHeader(page, code.toLowerCase());
      const clients = page.getByRole("region", { name: "Asiakkaat (1)" });
      const link = clients.getByRole("link", { name: "Haettava Hakka" });
      await link.waitFor();
      assertEqual(await link.getAttribute("href"), `/asiakkaat/${client.id}`, "the hit links to the client's page");
      // Only part of the code finds nobody: an identity code is matched whole.
      await searchFromHeader(page, code.slice(0, 6));
      await page.getByRole("region", { name: "Asiakkaat (0)" }).waitFor();
      await searchFromHeader(page, code);
      await page.getByRole("region", { name: "Asiakkaat (1)" }).waitFor();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `Search results, Finnish (${viewport.name})`);
        await screenshot(page, `search-fi-${viewport.name}`);
      }
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("region", { name: "Clients (1)" }).waitFor();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `Search results, English (${viewport.name})`);
        await screenshot(page, `search-en-${viewport.name}`);
      }
      await page.getByRole("button", { name: "Suomi" }).click();
      await page.setViewportSize(VIEWPORTS[0]);
      await signOut(page);

      await signIn(page, "wac2");
      await searchFromHeader(page, code);
      await page.getByRole("region", { name: "Asiakkaat (0)" }).waitFor();
      assert((await page.getByText("Haettava").count()) === 0, "an unrelated coordinator sees the client");
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
      await browserContext.close();

      const lead = await apiAs(context.baseURL, "lead");
      /** @type {{ actor: string, action: string }[]} */
      const log = await lead.get(`/api/v1/clients/${client.id}/access-log`);
      await lead.dispose();
      assert(
        log.some((entry) => entry.actor === "wac1" && entry.action === "search"),
        "wac1's search is not in the client's access log",
      );
      assert(!log.some((entry) => entry.actor === "wac2"), "wac2's search that found nothing names the client");
    },
  },
];
