// @ts-check
// Administration (Ylläpito) against the real gateway: users and machine clients, the forms'
// validation messages, the secret shown once, axe on every state, screenshots in Finnish and
// English at both widths. The accounts it creates are named e2e-<time> so reruns never clash.
import { assert, expectNoAxeViolations, menuLabels, newPage, screenshot, VIEWPORTS } from "./harness.mjs";
import { expectTabReachesEveryControl, signIn } from "./polku.mjs";

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "the admin creates a user, changes their roles and deactivates them",
    async run(context) {
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[0]);
      const username = `e2e-${Date.now().toString(36)}`;
      await signIn(page, "admin");
      await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Ylläpito" }).click();
      const users = page.getByRole("region", { name: "Käyttäjät" });
      await users.getByRole("rowheader", { name: /wac1/ }).waitFor();
      await page.getByRole("region", { name: "Koneasiakkaat" }).getByRole("rowheader", { name: "ladec" }).waitFor();
      await expectTabReachesEveryControl(page, "Ylläpito");
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `Ylläpito (${viewport.name})`);
        await screenshot(page, "admin-fi");
      }
      await page.setViewportSize(VIEWPORTS[0]);

      await users.getByRole("button", { name: "Uusi käyttäjä" }).click();
      await users.getByRole("button", { name: "Luo käyttäjä" }).click();
      await users.getByText("Anna käyttäjätunnus.").first().waitFor();
      await users.getByText("Valitse vähintään yksi rooli.").nth(1).waitFor();
      await expectNoAxeViolations(page, "new user with errors");
      await screenshot(page, "admin-user-errors");

      await users.getByLabel("Käyttäjätunnus").fill(username);
      await users.getByLabel("Nimi", { exact: true }).fill("Testi Käyttäjä");
      await users.getByLabel("Yrityskoordinaattori").check();
      await users.getByLabel("Alkusalasana").fill("hyvin-pitka-salasana");
      // Enter submits the form: no mouse needed.
      await users.getByLabel("Alkusalasana").press("Enter");
      await page.getByRole("status").filter({ hasText: `Käyttäjä ${username} on luotu.` }).waitFor();
      const row = users.getByRole("row").filter({ has: page.getByRole("rowheader", { name: username }) });
      await row.getByText("Yrityskoordinaattori").waitFor();

      await row.getByRole("button", { name: "Muuta rooleja: Testi Käyttäjä" }).click();
      await row.getByLabel("Tiiminvetäjä").check();
      await expectNoAxeViolations(page, "changing roles");
      await row.getByRole("button", { name: "Tallenna" }).click();
      await page.getByRole("status").filter({ hasText: `Käyttäjän ${username} roolit on tallennettu.` }).waitFor();
      await row.getByText("Yrityskoordinaattori, Tiiminvetäjä").waitFor();

      await row.getByRole("button", { name: "Poista käytöstä: Testi Käyttäjä" }).click();
      await row.getByText(/Hänen istuntonsa päättyvät heti/).waitFor();
      await expectNoAxeViolations(page, "confirming deactivation");
      await row.getByRole("button", { name: "Kyllä, poista käytöstä" }).click();
      await row.getByText("Poistettu käytöstä").waitFor();
      await row.getByRole("button", { name: "Ota käyttöön: Testi Käyttäjä" }).waitFor();

      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("region", { name: "Users" }).waitFor();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `Administration in English (${viewport.name})`);
        await screenshot(page, "admin-en");
      }
      await page.getByRole("button", { name: "Suomi" }).click();
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
      await browserContext.close();
    },
  },
  {
    name: "the admin creates a machine client, sees its secret once, rotates it and deactivates it",
    async run(context) {
      const { page, browserContext, consoleErrors } = await newPage(context, VIEWPORTS[1]);
      const clientId = `e2e-${Date.now().toString(36)}`;
      await signIn(page, "admin");
      await page.goto("/yllapito");
      const clients = page.getByRole("region", { name: "Koneasiakkaat" });
      await clients.getByRole("rowheader", { name: "ladec" }).waitFor();

      await clients.getByRole("button", { name: "Uusi koneasiakas" }).click();
      await clients.getByLabel("Pyyntöä sekunnissa").fill("0");
      await clients.getByRole("button", { name: "Luo koneasiakas" }).click();
      await clients.getByText("Anna asiakastunnus.").first().waitFor();
      await clients.getByText("Valitse vähintään yksi oikeus.").first().waitFor();
      await expectNoAxeViolations(page, "new machine client with errors");
      await screenshot(page, "admin-client-errors");

      await clients.getByLabel("Asiakastunnus (client_id)").fill(clientId);
      await clients.getByRole("textbox", { name: "Nimi" }).fill("E2E-testijärjestelmä");
      await clients.getByLabel("Tunnuslukujen luku (metrics:read)").check();
      await clients.getByLabel("Pyyntöä sekunnissa").fill("2,5");
      await clients.getByLabel("Purske (pyyntöä kerralla)").fill("5");
      await clients.getByRole("button", { name: "Luo koneasiakas" }).click();

      const reveal = page.getByRole("region", { name: "Koneasiakkaan salaisuus" });
      await reveal.getByText(/Salaisuutta ei näytetä uudelleen/).waitFor();
      const secret = await reveal.getByLabel("Salaisuus (client_secret)").inputValue();
      assert(secret.length >= 20, "the secret is shown");
      await expectNoAxeViolations(page, "secret shown");
      await screenshot(page, "admin-client-secret");

      // The secret works: the gateway gives the new client a token.
      const token = await page.request.post("/auth/token", {
        form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
      });
      assert(token.ok(), `POST /auth/token with the shown secret answered ${token.status()}`);

      await reveal.getByRole("button", { name: "Olen tallentanut salaisuuden" }).click();
      assert((await page.getByLabel("Salaisuus (client_secret)").count()) === 0, "the secret is gone once stored");
      const row = clients.getByRole("row").filter({ has: page.getByRole("rowheader", { name: clientId }) });
      await row.getByText("2,5/s, purske 5").waitFor();

      await row.getByRole("button", { name: `Uusi salaisuus: ${clientId}` }).click();
      await row.getByRole("button", { name: "Kyllä, luo uusi salaisuus" }).click();
      const rotated = await page.getByLabel("Salaisuus (client_secret)").inputValue();
      assert(rotated !== secret, "a new secret is shown");
      const old = await page.request.post("/auth/token", {
        form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
      });
      assert(old.status() === 401 || old.status() === 400, `the old secret must stop working (got ${old.status()})`);
      await page.getByRole("button", { name: "Olen tallentanut salaisuuden" }).click();

      await row.getByRole("button", { name: `Poista käytöstä: ${clientId}` }).click();
      await row.getByRole("button", { name: "Kyllä, poista käytöstä" }).click();
      await row.getByText("Poistettu käytöstä").waitFor();
      await expectNoAxeViolations(page, "machine client deactivated");
      assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
      await browserContext.close();
    },
  },
  {
    name: "a team lead has no administration",
    async run(context) {
      const { page, browserContext } = await newPage(context, VIEWPORTS[0]);
      await signIn(page, "lead");
      const labels = await menuLabels(page.getByRole("navigation", { name: "Päävalikko" }));
      assert(!labels.includes("Ylläpito"), "the lead's menu must not offer Ylläpito");
      await page.goto("/yllapito");
      await page.getByRole("heading", { level: 1, name: "Ei käyttöoikeutta" }).waitFor();
      await browserContext.close();
    },
  },
];
