// @ts-check
// The SPA shell against the real gateway: sign-in, the layout, every page a
// work-ability coordinator can open, axe on each, and screenshots at two widths.
import { request as apiRequest } from "playwright-core";
import { assert, assertEqual, expectNoAxeViolations, menuLabels, menuLink, newPage, screenshot, VIEWPORTS } from "./harness.mjs";

const USERNAME = "wac1";
const PASSWORD = "polku";

/**
 * The name the header must show, asked from the API directly rather than trusted from the UI.
 * Its own request context, so its refresh cookie does not sign the browser in behind the form.
 * @param {string} baseURL
 */
async function fetchMe(baseURL) {
  const request = await apiRequest.newContext({ baseURL });
  const login = await request.post("/auth/login", { data: { username: USERNAME, password: PASSWORD } });
  assert(login.ok(), `POST /auth/login answered ${login.status()}`);
  const { access_token: token } = await login.json();
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  assert(me.ok(), `GET /api/v1/me answered ${me.status()}`);
  const body = /** @type {{ display_name: string, roles: string[] }} */ (await me.json());
  await request.dispose();
  return body;
}

/** @param {import("playwright-core").Page} page */
async function signIn(page) {
  await page.goto("/kirjaudu");
  await page.getByLabel("Käyttäjätunnus").fill(USERNAME);
  await page.getByLabel("Salasana").fill(PASSWORD);
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
  await page.getByRole("navigation", { name: "Päävalikko" }).waitFor();
}

/** @param {import("playwright-core").Page} page @param {string} text */
async function expectHeading(page, text) {
  // After a click or a load the previous page may still be shown: wait for this one's heading.
  await page.locator("main").getByRole("heading", { level: 1, name: text, exact: true }).waitFor();
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "the sign-in page is in Finnish, accessible, and names empty fields",
    async run(context) {
      for (const viewport of VIEWPORTS) {
        const { page, browserContext } = await newPage(context, viewport);
        await page.goto("/kirjaudu");
        await expectHeading(page, "Kirjaudu Polkuun");
        assertEqual(await page.locator("html").getAttribute("lang"), "fi", "html lang");
        await expectNoAxeViolations(page, `sign-in (${viewport.name})`);
        await screenshot(page, "sign-in");

        await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
        await page.getByText("Anna käyttäjätunnus.").first().waitFor();
        await expectNoAxeViolations(page, `sign-in with errors (${viewport.name})`);
        await screenshot(page, "sign-in-errors");
        await browserContext.close();
      }
    },
  },
  {
    name: "wac1 signs in, sees their name and role, and every page passes axe",
    async run(context) {
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      const me = await fetchMe(context.baseURL);
      await signIn(page);

      const header = page.getByRole("banner");
      await header.getByText(me.display_name, { exact: true }).waitFor();
      await header.getByText("Työkykykoordinaattori").waitFor();

      const nav = page.getByRole("navigation", { name: "Päävalikko" });
      const labels = await menuLabels(nav);
      for (const expected of ["Oma päivä", "Asiakkaat", "Työnantajat", "Lähetteet", "Luvut", "Minä"]) {
        assert(labels.includes(expected), `menu lacks ${expected}: ${labels.join(", ")}`);
      }
      for (const hidden of ["Tuonti", "Ylläpito"]) {
        assert(!labels.includes(hidden), `a work-ability coordinator must not see ${hidden}`);
      }

      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        // In-app navigation by the menu, as a person would; the name stays visible throughout.
        for (const label of labels) {
          await menuLink(nav, label).click();
          await expectHeading(page, label);
          await header.getByText(me.display_name, { exact: true }).waitFor();
          await expectNoAxeViolations(page, `${label} (${viewport.name})`);
          await screenshot(page, `page-${slug(label)}`);
        }
        await page.getByRole("contentinfo").getByRole("link", { name: "Saavutettavuusseloste" }).click();
        await expectHeading(page, "Saavutettavuusseloste");
        assert(
          (await page.locator('a[href^="mailto:"]').count()) === 1,
          "the accessibility statement needs exactly one mailto feedback link",
        );
        await expectNoAxeViolations(page, `accessibility statement (${viewport.name})`);
        await screenshot(page, "page-saavutettavuusseloste");
      }

      // A full reload keeps the session through the refresh cookie; the token is in memory only.
      await page.goto("/tama-sivu-ei-ole-olemassa");
      await expectHeading(page, "Sivua ei löytynyt");
      await header.getByText(me.display_name, { exact: true }).waitFor();
      await expectNoAxeViolations(page, "404");
      await screenshot(page, "page-404");
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      assert(!/eyJ/.test(stored), "a token must never be stored in web storage");

      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
      await browserContext.close();
    },
  },
  {
    name: "English is chosen by hand, sets <html lang>, is remembered, and passes axe",
    async run(context) {
      const { page, browserContext } = await newPage(context, VIEWPORTS[1]);
      await signIn(page);
      await page.getByRole("button", { name: "English" }).click();
      assertEqual(await page.locator("html").getAttribute("lang"), "en", "html lang");
      await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Me" }).click();
      await expectHeading(page, "Me");
      await expectNoAxeViolations(page, "Me in English");
      await screenshot(page, "page-me-english");
      await page.reload();
      await expectHeading(page, "Me");
      await page.getByRole("button", { name: "Suomi" }).click();
      assertEqual(await page.locator("html").getAttribute("lang"), "fi", "html lang back to Finnish");
      await browserContext.close();
    },
  },
  {
    name: "signing out returns to the sign-in page and ends the session",
    async run(context) {
      const { page, browserContext } = await newPage(context, VIEWPORTS[0]);
      await signIn(page);
      await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
      await page.getByText("Olet kirjautunut ulos.").waitFor();
      await expectNoAxeViolations(page, "signed out");
      await page.goto("/mina");
      await expectHeading(page, "Kirjaudu Polkuun");
      await browserContext.close();
    },
  },
];

/** @param {string} label */
function slug(label) {
  return label
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-");
}
