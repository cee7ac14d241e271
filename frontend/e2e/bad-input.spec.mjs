// @ts-check
// Every form of the app in Finnish, filled with the bad input a person would type: empty
// required fields, a personal identity code with a wrong check mark, a birth year 3000, "abc"
// for a phone number, a broken e-mail address, dates in the future or before the start, texts
// of thousands of characters, control characters and emoji, an http meeting link, a broken
// Y-tunnus. Some of it the SPA catches, some only the services refuse (a duplicate identity
// code, a taken username, a date before the registration), so both the SPA's own words and
// the server's code → catalogue path are shown. Every message on the page afterwards must be
// one of the app's own Finnish texts (knownMessages.mjs); a general sentence (a code the
// catalogue lacks), English, the server's detail, no message at all, or stored data lost
// after a refused save fail the spec. All problems are gathered and reported together.
import { assert, newPage, screenshot } from "./harness.mjs";
import { loadKnownMessages, normalise } from "./knownMessages.mjs";
import { apiAs, helsinkiToday, newIdentityCode, openDisclosure, signIn, uniqueBusinessId } from "./polku.mjs";

const BAD_CHECKSUM_CODE = "010190-123A";
const OVERSIZED = "Pitkä teksti. ".repeat(2200); // about 30 800 characters
const CONTROL_AND_EMOJI = "Testi\u0000\u0007\u001b[31m 😀🚀";

/** @param {number} days */
function dayFromToday(days) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki" }).format(new Date(Date.now() + days * 86_400_000));
}

/** @param {number} days @param {number} hour */
function localAt(days, hour) {
  return `${dayFromToday(days)}T${String(hour).padStart(2, "0")}:00`;
}

// What the app shows as a message: field errors, the error summary and notices, alerts and
// polite status lines. Each is read block by block (a title, a paragraph, a list item).
const MESSAGE_SELECTOR = '.field-error, .notice-error, .notice-warning, [role="alert"], [role="status"], .notice';
// What counts as "the form answered the bad input".
const ERROR_SELECTOR = '.field-error, .notice-error, [role="alert"]';

/**
 * @param {import("playwright-core").Page} page
 * @returns {Promise<string[]>}
 */
async function messagesOnPage(page) {
  return page.evaluate((selector) => {
    /** @type {string[]} */
    const found = [];
    for (const element of Array.from(document.querySelectorAll(selector))) {
      const html = /** @type {HTMLElement} */ (element);
      const blocks = Array.from(html.querySelectorAll("p, li, h2, h3, h4, .notice-title")).filter(
        (block) => !block.querySelector("p, li, h2, h3, h4"),
      );
      const texts = blocks.length > 0 ? blocks.map((block) => /** @type {HTMLElement} */ (block).innerText) : [html.innerText];
      for (const text of texts) if (text.trim()) found.push(text);
    }
    return found;
  }, MESSAGE_SELECTOR);
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "bad input in every form is answered in the app's own Finnish words",
    async run(context) {
      const started = Date.now();
      const known = await loadKnownMessages();

      // The matcher must be able to say no: English, the general sentences and a raw server
      // detail are refused; the app's own words pass.
      const mustBeRefused = [
        "Something went wrong",
        "value is not a valid email address",
        "String should have at most 200 characters",
        ...known.fallbacks,
        // A known frame does not carry foreign words or a general sentence inside it.
        "Palvelu ei hyväksynyt tiedostoa: The header row is missing columns.",
        "Palvelu ei hyväksynyt tiedostoa: Pyyntö epäonnistui. Tarkista tiedot ja yritä uudelleen.",
      ];
      for (const text of mustBeRefused) {
        assert(!known.isKnown(text), `self-check: the matcher let through ${JSON.stringify(text)}`);
      }
      for (const text of ["Korjaa seuraavat kohdat", "Teksti on liian pitkä: enintään 500 merkkiä."]) {
        assert(known.isKnown(text), `self-check: the matcher refused the app's own ${JSON.stringify(text)}`);
      }

      /** @type {string[]} */
      const problems = [];
      /** @type {Map<string, { page: import("playwright-core").Page, close: () => Promise<void> }>} */
      const pages = new Map();

      /** One browser context per user, signed in once and reused. @param {string | null} username */
      async function pageOf(username) {
        const key = username ?? "(anonymous)";
        const existing = pages.get(key);
        if (existing) return existing.page;
        const { page, browserContext } = await newPage(context);
        page.setDefaultTimeout(10_000);
        pages.set(key, { page, close: () => browserContext.close() });
        if (username) await signIn(page, username);
        return page;
      }

      /**
       * Submits `form` after `fill`, waits for the answer and checks every message on the page.
       * @param {string} label @param {import("playwright-core").Page} page
       * @param {import("playwright-core").Locator} form
       * @param {(form: import("playwright-core").Locator) => Promise<void>} fill
       * @param {{ submit?: (form: import("playwright-core").Locator) => Promise<void>, expectError?: boolean, expectStatus?: boolean, keeps?: Record<string, string> }} [options]
       */
      async function probe(label, page, form, fill, options = {}) {
        const { expectError = true } = options;
        try {
          await fill(form);
          if (options.submit) await options.submit(form);
          else await form.locator('button[type="submit"]').first().click();
          // A call to the server marks the submit button busy; the answer clears it.
          await page.waitForFunction(() => document.querySelector("[aria-busy=true]") === null, null, { timeout: 15_000 });
          if (options.expectStatus) {
            await form
              .locator('[role="status"]:not(:empty)')
              .or(page.locator('[role="status"].notice-success'))
              .first()
              .waitFor({ timeout: 8_000 })
              .catch(() => problems.push(`${label}: the save was not confirmed with any message`));
          }
          if (expectError) {
            await form
              .locator(ERROR_SELECTOR)
              .first()
              .waitFor({ timeout: 8_000 })
              .catch(() => problems.push(`${label}: the bad input got no message at all`));
          }
          const messages = await messagesOnPage(page);
          if (process.env.POLKU_E2E_VERBOSE) console.log(`      · ${label}: ${messages.map((m) => normalise(m).slice(0, 90)).join(" | ")}`);
          for (const message of messages) {
            if (!known.isKnown(message)) problems.push(`${label}: not the app's own words: ${JSON.stringify(normalise(message).slice(0, 200))}`);
          }
          for (const [name, value] of Object.entries(options.keeps ?? {})) {
            const now = await form.locator(`[name="${name}"]`).first().inputValue();
            if (now !== value) problems.push(`${label}: the refused form lost what was typed in ${name} (${JSON.stringify(value.slice(0, 40))} → ${JSON.stringify(now.slice(0, 40))})`);
          }
        } catch (error) {
          const file = await screenshot(page, `bad-input-${label.replace(/\W+/g, "-")}`).catch(() => null);
          problems.push(`${label}: could not run (${error instanceof Error ? error.message.split("\n")[0] : String(error)}; at ${page.url()}; screenshot ${file})`);
        }
      }

      /** A group of probes; one that cannot go on is a problem, and the next group still runs. @param {string} label @param {() => Promise<void>} run */
      async function part(label, run) {
        try {
          await run();
        } catch (error) {
          const last = [...pages.values()].at(-1);
          const file = last ? await screenshot(last.page, `bad-input-${label.replace(/\W+/g, "-")}`).catch(() => null) : null;
          problems.push(`${label}: stopped (${error instanceof Error ? error.message.split("\n")[0] : String(error)}; screenshot ${file})`);
        }
      }

      /** @param {import("playwright-core").Locator} scope @param {Record<string, string>} values */
      async function fillNamed(scope, values) {
        for (const [name, value] of Object.entries(values)) {
          const field = scope.locator(`[name="${name}"]`).first();
          const tag = await field.evaluate((element) => element.tagName.toLowerCase() + ":" + (element.getAttribute("type") ?? ""));
          if (tag.startsWith("select")) await field.selectOption(value);
          else if (tag.endsWith(":radio") || tag.endsWith(":checkbox")) await scope.locator(`[name="${name}"][value="${value}"]`).check();
          else await field.fill(value);
        }
      }

      // --- what the pathway forms work on: a fresh client enrolled with wac1 ------------------
      const stamp = Date.now().toString(36);
      const storedCode = newIdentityCode("84");
      const wac1 = await apiAs(context.baseURL, "wac1");
      const client = await wac1.post("/api/v1/clients", {
        first_name: "Virhe",
        last_name: `Syöte-${stamp}`,
        personal_identity_code: storedCode,
        birth_year: 1984,
        municipality: "Lahti",
        phone: "+358401234567",
      });
      await wac1.post(`/api/v1/clients/${client.id}/consents`, { purpose: "service" });
      const enrolment = await wac1.post(`/api/v1/clients/${client.id}/enrolments`, {
        service_line: "work_ability",
        coordinator: "wac1",
        registered_on: helsinkiToday(),
      });
      await wac1.post(`/api/v1/clients/${client.id}/notes`, { text: `Kirjaus ${stamp}`, sensitivity: "normal" });
      await wac1.post(`/api/v1/clients/${client.id}/consents`, { purpose: "share_work_ability_summary" });
      const referral = await wac1.post("/api/v1/referrals", {
        client_id: client.id,
        kind: "consultation",
        to_user: "bc1",
        enrolment_id: enrolment.id,
        message: "Konsultaatio",
      });
      const unenrolledCode = newIdentityCode("84");
      const unenrolled = await wac1.post("/api/v1/clients", { first_name: "Ohjattava", last_name: `Syöte-${stamp}`, personal_identity_code: unenrolledCode, birth_year: 1984 });
      await wac1.dispose();
      const bc1Api = await apiAs(context.baseURL, "bc1");
      const businessId = uniqueBusinessId();
      const employerRecord = await bc1Api.post("/api/v1/employers", { business_id: businessId.valid, name: `Virheoy ${stamp}` });
      await bc1Api.dispose();
      const clientPath = `/asiakkaat/${client.id}`;
      const clientName = `Virhe Syöte-${stamp}`;

      try {
        // --- public self-registration ----------------------------------------------------------
        await part("registration and sign-in", async () => {
          const page = await pageOf(null);
          await page.goto("/ilmoittaudu");
          const form = page.locator("main form");
          await probe("registration, empty", page, form, async () => {});
          await probe("registration, birth year 3000 and a broken e-mail", page, form, (f) =>
            fillNamed(f, { first_name: "Testi", last_name: "Ilmoittautuja", birth_year: "3000", email: "not-an-email", consents: "service" }),
          );
          await probe(
            "registration, phone abc (server)",
            page,
            form,
            (f) => fillNamed(f, { birth_year: "1990", email: "", phone: "abc" }),
            { keeps: { first_name: "Testi", phone: "abc" } },
          );
          await probe("registration, oversized name (server)", page, form, (f) => fillNamed(f, { first_name: OVERSIZED, phone: "0401234567" }));
          await probe("registration, control characters and emoji in the name (server)", page, form, (f) =>
            fillNamed(f, { first_name: "Testi", last_name: CONTROL_AND_EMOJI }),
          );
          await probe("registration, language not a code", page, form, (f) =>
            fillNamed(f, { first_name: "Testi", last_name: "Ilmoittautuja", language: "suomi" }),
          );

          // --- sign-in -------------------------------------------------------------------------
          await page.goto("/kirjaudu");
          const signInForm = page.locator("main form");
          await probe("sign-in, empty", page, signInForm, async () => {});
          await probe("sign-in, wrong password (server)", page, signInForm, async (f) => {
            await f.getByLabel("Käyttäjätunnus").fill("wac1");
            await f.getByLabel("Salasana").fill("väärä-salasana");
          });
          await probe("sign-in, control characters", page, signInForm, async (f) => {
            await f.getByLabel("Käyttäjätunnus").fill(CONTROL_AND_EMOJI);
            await f.getByLabel("Salasana").fill("x");
          });
        });

        // --- client create, as wac1 ------------------------------------------------------------
        const page = await pageOf("wac1");
        await part("client create", async () => {
          await page.goto("/asiakkaat/uusi");
          const form = page.locator("main form").first();
          await probe("client create, empty", page, form, async () => {});
          await probe("client create, birth year 3000, broken e-mail", page, form, (f) =>
            fillNamed(f, { first_name: "Testi", last_name: `Uusi-${stamp}`, birth_year: "3000", email: "not-an-email" }),
          );
          await probe("client create, identity code with a wrong check mark (server)", page, form, (f) =>
            fillNamed(f, { birth_year: "1990", email: "", personal_identity_code: BAD_CHECKSUM_CODE }),
            { keeps: { first_name: "Testi", personal_identity_code: BAD_CHECKSUM_CODE } },
          );
          await probe("client create, phone abc (server)", page, form, (f) => fillNamed(f, { personal_identity_code: "", phone: "abc" }));
          await probe("client create, duplicate identity code (server)", page, form, (f) =>
            fillNamed(f, { phone: "", birth_year: "", personal_identity_code: storedCode }),
          );
          await probe("client create, birth year not of the identity code (server)", page, form, (f) =>
            fillNamed(f, { birth_year: "1990", personal_identity_code: newIdentityCode("84") }),
          );
          await probe("client create, control characters and emoji (server)", page, form, (f) =>
            fillNamed(f, { personal_identity_code: "", birth_year: "", last_name: CONTROL_AND_EMOJI }),
          );
        });

        // --- the client's page as wac1: edit and every pathway form -----------------------------
        await page.goto(`${clientPath}`);
        await page.getByRole("heading", { level: 1, name: clientName }).waitFor();
        await part("client edit", async () => {
          const edit = await openDisclosure(page, "Muokkaa asiakkaan tietoja");
          const form = edit.locator("form").first();
          await probe("client edit, empty names", page, form, (f) => fillNamed(f, { first_name: "", last_name: "" }));
          await probe("client edit, birth year 3000, broken e-mail", page, form, (f) =>
            fillNamed(f, { first_name: "Virhe", last_name: `Syöte-${stamp}`, birth_year: "3000", email: "not-an-email" }),
          );
          await probe("client edit, phone abc (server)", page, form, (f) => fillNamed(f, { birth_year: "1984", email: "", phone: "abc" }));
          await probe("client edit, oversized address and name (server)", page, form, (f) =>
            fillNamed(f, { phone: "+358401234567", address: OVERSIZED, municipality: CONTROL_AND_EMOJI }),
          );
          const code = form.locator('[name="personal_identity_code"]');
          if ((await code.count()) > 0 && (await code.isEditable())) {
            await probe("client edit, identity code with a wrong check mark (server)", page, form, (f) =>
              fillNamed(f, { address: "", municipality: "Lahti", personal_identity_code: BAD_CHECKSUM_CODE }),
            );
          }
          // Nothing of the refused saves was stored: the client reads as before.
          await page.reload();
          await page.getByRole("heading", { level: 1, name: clientName }).waitFor();
          const again = (await openDisclosure(page, "Muokkaa asiakkaan tietoja")).locator("form").first();
          const stored = { first_name: "Virhe", last_name: `Syöte-${stamp}`, birth_year: "1984", municipality: "Lahti", phone: "+358401234567" };
          for (const [name, value] of Object.entries(stored)) {
            const now = await again.locator(`[name="${name}"]`).inputValue();
            if (now !== value) problems.push(`client edit: after refused saves ${name} reads ${JSON.stringify(now.slice(0, 40))}, stored ${JSON.stringify(value)}`);
          }
        });

        await page.goto(`${clientPath}/polku`);
        await page.getByRole("heading", { level: 1, name: clientName }).waitFor();
        await part("pathway", async () => {
          const contact = (await openDisclosure(page, "Kirjaa yhteydenotto")).locator("form").first();
          await probe("contact, empty", page, contact, (f) => fillNamed(f, { at: "" }));
          await probe("contact, in the future, oversized comment", page, contact, (f) =>
            fillNamed(f, { channel: "phone", reached: "no", at: localAt(3, 10), comment: OVERSIZED }),
          );
          await probe("contact, before the registration (server)", page, contact, (f) => fillNamed(f, { at: localAt(-400, 10), comment: "" }));
          await probe("contact, control characters in the comment (server)", page, contact, (f) =>
            fillNamed(f, { at: localAt(0, 0), comment: CONTROL_AND_EMOJI }),
          );

          const book = (await openDisclosure(page, "Varaa tapaaminen")).locator("form").first();
          await probe("meeting, empty", page, book, (f) => fillNamed(f, { at: "", ends_at: "" }));
          await probe("meeting, end before start and an http link", page, book, (f) =>
            fillNamed(f, { kind: "first", at: localAt(2, 12), ends_at: localAt(2, 10), remote_link: "http://example.com/kokous" }),
          );
          await probe("meeting, oversized place and javascript link", page, book, (f) =>
            fillNamed(f, { ends_at: localAt(2, 13), remote_link: "javascript:alert(1)", place: OVERSIZED }),
          );
          await probe("meeting, before the registration (server)", page, book, (f) =>
            fillNamed(f, { remote_link: "", place: "Trio", at: localAt(-400, 10), ends_at: localAt(-400, 11) }),
          );
          // A meeting to move and hold.
          await probe(
            "meeting, booked",
            page,
            book,
            (f) => fillNamed(f, { at: localAt(2, 9), ends_at: localAt(2, 10), place: "Palvelutori" }),
            { expectError: false },
          );
          const row = page.locator("#enrolments .work-list li").filter({ hasText: "ensimmäinen tapaaminen" }).first();
          await row.getByRole("button", { name: /^Siirrä/ }).click();
          const move = row.locator("form").first();
          await probe("meeting move, end before start and an http link", page, move, (f) =>
            fillNamed(f, { at: localAt(2, 12), ends_at: localAt(2, 11), remote_link: "http://example.com" }),
          );
          await probe("meeting move, empty start", page, move, (f) => fillNamed(f, { at: "", remote_link: "" }));
          await row.getByRole("button", { name: /^Siirrä/ }).first().click(); // closes the move form
          // Marking a booked meeting held is a click, not typed input (the day's story marks tomorrow's
          // meeting held); its answer is the changed state, and the page must not show foreign words.
          await probe("meeting held", page, row, async () => {}, {
            expectError: false,
            submit: async (r) => {
              await r.getByRole("button", { name: /^Merkitse pidetyksi/ }).click();
              // Held, or the hint that a reached contact must come first.
              await r.getByText(/pidetty|Kirjaa ensin yhteydenotto/).first().waitFor();
            },
          });

          const need = (await openDisclosure(page, "Palvelutarpeen arviointi")).locator("form").first();
          await probe("service need, empty", page, need, (f) => fillNamed(f, { assessed_on: "" }));
          await probe("service need, in the future, oversized reason", page, need, async (f) => {
            await f.locator('input[name="path"]').first().check();
            await fillNamed(f, { reason: OVERSIZED, assessed_on: dayFromToday(5) });
          });
          await probe("service need, control characters (server)", page, need, (f) =>
            fillNamed(f, { reason: CONTROL_AND_EMOJI, assessed_on: helsinkiToday() }),
          );

          const handoff = (await openDisclosure(page, "Siirrä tai konsultoi")).locator("form").first();
          await probe("hand-off, empty", page, handoff, async () => {});
          await probe("hand-off, oversized message, http link, end before start", page, handoff, async (f) => {
            await f.locator('input[name="kind"]').first().check();
            await fillNamed(f, { to_user: "bc1", message: OVERSIZED, summary_normal: OVERSIZED });
            const tripartite = f.locator('[name="tripartite"]');
            if ((await tripartite.count()) > 0) {
              await tripartite.first().check();
              await fillNamed(f, { at: localAt(2, 14), ends_at: localAt(2, 13), remote_link: "http://example.com" });
            }
          });
          await probe("hand-off, control characters in the message (server)", page, handoff, async (f) => {
            const tripartite = f.locator('[name="tripartite"]');
            if ((await tripartite.count()) > 0) await tripartite.first().uncheck();
            await fillNamed(f, { message: CONTROL_AND_EMOJI, summary_normal: "" });
          });

          const end = (await openDisclosure(page, "Päätä asiakkuus")).locator("form").first();
          await probe("end, empty", page, end, (f) => fillNamed(f, { ended_on: "" }));
          await probe("end, in the future", page, end, (f) => fillNamed(f, { outcome: "employed", ended_on: dayFromToday(10) }));
          await probe(
            "end, before the registration (server)",
            page,
            end,
            async (f) => {
              await fillNamed(f, { ended_on: dayFromToday(-400), exit_status: "employed" });
              await f.locator('input[name="qualification_gained"]').last().check();
            },
            {
              submit: async (f) => {
                await f.locator('button[type="submit"]').first().click();
                const dialog = page.getByRole("alertdialog");
                await dialog.waitFor();
                await dialog.getByRole("button", { name: "Päätä asiakkuus" }).click();
              },
            },
          );

          const other = (await openDisclosure(page, "Lähetä lähete kumppanille")).locator("form").first();
          await probe("referral, empty", page, other, async () => {});
        });

        await part("assessments", async () => {
          await page.goto(`${clientPath}/arviot`);
          const assessment = (await openDisclosure(page, "Kirjaa työkykyarvio")).locator("form").first();
          await probe("assessment, empty scores, future date, bad language", page, assessment, (f) =>
            fillNamed(f, { recorded_on: dayFromToday(3), language: "suomi", overall: "11" }),
          );
          await probe("assessment, before the registration (server)", page, assessment, async (f) => {
            await fillNamed(f, { recorded_on: dayFromToday(-400), language: "fi", overall: "6", instrument_version: CONTROL_AND_EMOJI });
            for (const input of await f.locator('input[inputmode="numeric"]').all()) await input.fill("7");
          });
          const episode = (await openDisclosure(page, "Kirjaa työmarkkina-asema")).locator("form").first();
          await probe("status episode, empty", page, episode, (f) => fillNamed(f, { starts_on: "" }));
          await probe("status episode, end before start", page, episode, async (f) => {
            await f.locator('[name="status"]').selectOption({ index: 1 });
            await fillNamed(f, { starts_on: dayFromToday(-10), ends_on: dayFromToday(-20) });
          });
          await probe("status episode, oversized service type (server)", page, episode, (f) =>
            fillNamed(f, { ends_on: "", service_type: CONTROL_AND_EMOJI, starts_on: dayFromToday(-4000) }),
          );
          const feedback = (await openDisclosure(page, "Kirjaa asiakaspalaute")).locator("form").first();
          await probe("feedback, empty grade, future date, oversized text", page, feedback, (f) =>
            fillNamed(f, { given_on: dayFromToday(3), text: OVERSIZED }),
          );
          await probe("feedback, before the registration (server)", page, feedback, (f) =>
            fillNamed(f, { grade: "8", given_on: dayFromToday(-400), text: CONTROL_AND_EMOJI }),
          );
        });

        await part("plan", async () => {
          await page.goto(`${clientPath}/suunnitelma`);
          const plan = (await openDisclosure(page, /Laadi suunnitelma|Muokkaa suunnitelmaa/)).locator("form").first();
          // A plan with nothing in it would read as a plan reviewed and up to date: refused.
          await probe("plan, empty", page, plan, async () => {});
          await probe("plan, actions without what and owner, oversized goal", page, plan, async (f) => {
            await f.getByLabel("Tavoite 1").fill(OVERSIZED);
            await f.getByRole("button", { name: "Lisää toimenpide" }).click();
            await f.getByRole("button", { name: "Lisää toimenpide" }).click();
          });
          await probe("plan, due date in the past, oversized action (server)", page, plan, async (f) => {
            await f.getByLabel("Tavoite 1").fill(CONTROL_AND_EMOJI);
            for (const group of await f.getByRole("group", { name: /^Toimenpide \d/ }).all()) {
              await group.getByLabel("Mitä tehdään").fill(OVERSIZED);
              await group.getByLabel("Vastuu").selectOption("client");
              await group.getByLabel("Määräpäivä").fill(dayFromToday(-4000));
            }
          });
        });

        await part("notes", async () => {
          await page.goto(`${clientPath}/kirjaukset`);
          const note = (await openDisclosure(page, "Kirjoita kirjaus")).locator("form").first();
          await probe("note, empty", page, note, async () => {});
          await probe("note, oversized", page, note, (f) => fillNamed(f, { text: OVERSIZED + OVERSIZED }));
          await probe("note, only control characters (server)", page, note, (f) => fillNamed(f, { text: "\u0000\u0007\u001b" }));
          const stored = page.locator("#notes li, #notes article").filter({ hasText: `Kirjaus ${stamp}` }).first();
          await stored.getByRole("button", { name: /^Korjaa kirjausta/ }).click();
          const correction = stored.locator("form").first();
          await probe("note correction, empty", page, correction, (f) => fillNamed(f, { text: "" }));
          await probe("note correction, oversized", page, correction, (f) => fillNamed(f, { text: OVERSIZED + OVERSIZED }));
          await probe("note correction, control characters (server)", page, correction, (f) => fillNamed(f, { text: CONTROL_AND_EMOJI }));
        });

        await part("enrol", async () => {
          await page.goto(`/asiakkaat/${unenrolled.id}`);
          const enrol = (await openDisclosure(page, "Aloita asiakkuus")).locator("form").first();
          await probe("enrol, empty", page, enrol, (f) => fillNamed(f, { registered_on: "" }));
          await probe("enrol, registered in the future (server)", page, enrol, async (f) => {
            await f.locator('[name="coordinator"]').selectOption("wac1");
            await fillNamed(f, { registered_on: dayFromToday(30) });
          });
        });

        // --- coach refer-in -------------------------------------------------------------------
        await part("refer-in", async () => {
          const coach = await pageOf("coach");
          await coach.goto("/asiakkaat/ohjaa");
          const lookup = coach.locator("main form").first();
          await probe("refer-in lookup, empty", coach, lookup, async () => {});
          await probe("refer-in lookup, wrong check mark", coach, lookup, (f) => fillNamed(f, { personal_identity_code: BAD_CHECKSUM_CODE }));
          await probe("refer-in lookup, abc", coach, lookup, (f) => fillNamed(f, { personal_identity_code: "abc" }));
          await probe("refer-in lookup, emoji", coach, lookup, (f) => fillNamed(f, { personal_identity_code: "😀😀😀😀😀😀-😀😀😀😀" }));
          await fillNamed(lookup, { personal_identity_code: unenrolledCode });
          await lookup.locator('button[type="submit"]').click();
          const refer = coach.locator("section", { has: coach.locator("#refer-form-title") }).locator("form");
          await refer.waitFor();
          await probe("refer-in, no consent, no coordinator, future date", coach, refer, (f) =>
            fillNamed(f, { registered_on: dayFromToday(30) }),
          );
          // The SPA lets a future day through; the service refuses it, so nothing is referred.
          await probe("refer-in, registered in the future (server)", coach, refer, async (f) => {
            await f.locator('input[name="consents"][value="service"]').check();
            await fillNamed(f, { coordinator: "wac2", registered_on: dayFromToday(30) });
          });
        });

        // --- employers, as bc1 ----------------------------------------------------------------
        await part("employers", async () => {
          const bc1 = await pageOf("bc1");
          await bc1.goto("/tyonantajat");
          const employer = (await openDisclosure(bc1, "Uusi työnantaja")).locator("form").first();
          await probe("employer, empty", bc1, employer, async () => {});
          await probe("employer, Y-tunnus abc, postal code abc", bc1, employer, (f) =>
            fillNamed(f, { business_id: "abc", name: "Testi Oy", postal_code: "abc" }),
          );
          await probe("employer, Y-tunnus with a wrong check digit (server)", bc1, employer, (f) =>
            fillNamed(f, { business_id: businessId.wrongCheck, postal_code: "" }),
            { keeps: { name: "Testi Oy" } },
          );
          await probe("employer, Y-tunnus already in the register (server)", bc1, employer, (f) =>
            fillNamed(f, { business_id: businessId.valid, name: "Toinen Oy" }),
          );
          await probe("employer, oversized name and notes (server)", bc1, employer, (f) =>
            fillNamed(f, { business_id: uniqueBusinessId().valid, name: OVERSIZED, notes: OVERSIZED + CONTROL_AND_EMOJI }),
          );
          await bc1.goto(`/tyonantajat/${employerRecord.id}`);
          await bc1.getByRole("heading", { level: 1, name: `Virheoy ${stamp}` }).waitFor();
          const contact = (await openDisclosure(bc1, "Uusi yhteyshenkilö")).locator("form").first();
          await probe("contact person, empty", bc1, contact, async () => {});
          await probe("contact person, phone abc, broken e-mail", bc1, contact, (f) =>
            fillNamed(f, { name: "Testi Henkilö", phone: "abc", email: "not-an-email" }),
          );
          await probe("contact person, oversized name and role (server)", bc1, contact, (f) =>
            fillNamed(f, { phone: "", email: "", name: OVERSIZED, role: CONTROL_AND_EMOJI }),
          );
          const opening = (await openDisclosure(bc1, "Uusi avoin työpaikka")).locator("form").first();
          await probe("opening, empty, positions abc", bc1, opening, (f) => fillNamed(f, { positions: "abc" }));
          await probe("opening, closes in the past, oversized (server)", bc1, opening, (f) =>
            f.locator('[name="kind"]').selectOption({ index: 1 }).then(() =>
              fillNamed(f, { title: OVERSIZED, positions: "1", closes_on: dayFromToday(-4000), description: CONTROL_AND_EMOJI }),
            ),
          );
          const activity = (await openDisclosure(bc1, "Kirjaa toimenpide")).locator("form").first();
          await probe("employer activity, empty, in the future", bc1, activity, (f) => fillNamed(f, { at: localAt(5, 10) }));
          await probe("employer activity, oversized summary (server)", bc1, activity, async (f) => {
            await f.locator('[name="kind"]').selectOption({ index: 1 }).catch(() => f.locator('input[name="kind"]').first().check());
            await fillNamed(f, { at: localAt(-1, 10), summary: OVERSIZED, agreed: OVERSIZED });
          });

          await bc1.goto("/tyonantajat/tapahtumat");
          const event = (await openDisclosure(bc1, "Uusi rekrytointitapahtuma")).locator("form").first();
          await probe("event, empty, attendance abc", bc1, event, (f) => fillNamed(f, { held_on: "", jobseekers_attended: "abc" }));
          await probe("event, oversized name (server)", bc1, event, async (f) => {
            await f.locator('[name="kind"]').selectOption({ index: 1 });
            await fillNamed(f, { name: OVERSIZED, held_on: dayFromToday(-4000), jobseekers_attended: "" });
          });

          await bc1.goto("/tyonantajat/rekrypiste");
          await bc1.locator("main table, main .data-empty").first().waitFor();
          // An open lead: a closed one has no forms left.
          const lead = bc1.locator("main tr").filter({ hasNotText: /suljettu/ }).locator('a[href*="/liidit/"]').first();
          if ((await lead.count()) > 0) {
            await lead.click();
            await bc1.getByRole("heading", { level: 1 }).waitFor();
            await bc1.locator("main details").first().waitFor();
            let leadForms = 0;
            for (const summary of ["Kirjaa yhteydenotto", "Kirjaa seurantayhteys", "Sulje liidi"]) {
              const details = bc1.locator("details").filter({ has: bc1.locator("summary", { hasText: summary }) });
              if ((await details.count()) === 0) continue;
              leadForms += 1;
              const form = (await openDisclosure(bc1, summary)).locator("form").first();
              await probe(`lead: ${summary}, empty`, bc1, form, async (f) => {
                const at = f.locator('[name="at"]');
                if ((await at.count()) > 0) await at.fill("");
              });
              // Closing takes a reason from a list only: nothing to type, and a probe would close a demo lead.
              if ((await form.locator("textarea").count()) === 0) continue;
              await probe(`lead: ${summary}, oversized (server)`, bc1, form, async (f) => {
                for (const area of await f.locator("textarea").all()) await area.fill(OVERSIZED);
                const at = f.locator('[name="at"]');
                if ((await at.count()) > 0) await at.fill(localAt(-1, 9));
                const kind = f.locator('select[name="kind"]');
                if ((await kind.count()) > 0) await kind.selectOption({ index: 1 });
                const reason = f.locator('[name="reason"]');
                if ((await reason.count()) > 0 && (await reason.first().evaluate((e) => e.tagName)) === "SELECT") await reason.selectOption({ index: 1 });
              });
            }
            if (leadForms === 0) problems.push("employers: the open lead showed none of its forms");
          } else {
            problems.push("employers: no open lead in the Rekrypiste inbox to try the lead forms on");
          }
        });

        // --- the team lead: access reason, reassignment, a referral answer ---------------------
        await part("team lead", async () => {
          const lead = await pageOf("lead");
          await lead.goto(clientPath);
          const dialog = lead.getByRole("dialog").or(lead.getByRole("alertdialog")).first();
          await dialog.waitFor();
          const reason = dialog.locator("form");
          await probe("access reason, empty", lead, reason, async () => {});
          await probe("access reason, other without words", lead, reason, (f) => fillNamed(f, { reason: "reasonOther", other: "" }));
          await probe("access reason, emoji and control characters", lead, reason, (f) => fillNamed(f, { other: CONTROL_AND_EMOJI }));
          await probe("access reason, oversized", lead, reason, (f) => fillNamed(f, { other: OVERSIZED }), { expectError: false });

          await lead.goto("/asiakkaat/siirrot");
          const reassign = lead.locator("main form").first();
          await probe("reassignment, empty", lead, reassign, async () => {});
          await probe("reassignment, no recipient", lead, reassign, async (f) => {
            await f.locator('[name="from_user"]').selectOption("wac2");
            await f.locator('[name="enrolment_ids"]').first().check();
          });
          await probe("reassignment, all without a recipient", lead, reassign, (f) => f.locator('input[name="scope"][value="all"]').check());
        });

        await part("referral answer", async () => {
          const bc1 = await pageOf("bc1");
          await bc1.goto(`/lahetteet/${referral.id}`);
          const decline = (await openDisclosure(bc1, "Hylkää")).locator("form").first();
          await probe("referral decline, empty", bc1, decline, (f) => fillNamed(f, { reason: "" }));
          await probe("referral decline, oversized (server)", bc1, decline, (f) => fillNamed(f, { reason: OVERSIZED }));
          await probe("referral decline, control characters (server)", bc1, decline, (f) => fillNamed(f, { reason: CONTROL_AND_EMOJI }));
        });

        // --- admin: users, machine clients; import; figures --------------------------------------
        await part("admin", async () => {
          const admin = await pageOf("admin");
          await admin.goto("/yllapito");
          const users = admin.getByRole("region", { name: "Käyttäjät" });
          await users.getByRole("button", { name: "Uusi käyttäjä" }).click();
          const userForm = users.locator("form").first();
          await probe("user create, empty", admin, userForm, async () => {});
          await probe("user create, bad username, short password, oversized name", admin, userForm, async (f) => {
            await f.getByLabel("Käyttäjätunnus").fill("Ääkkös Käyttäjä😀");
            await f.getByLabel("Nimi", { exact: true }).fill(OVERSIZED);
            await f.getByLabel("Alkusalasana").fill("lyhyt");
          });
          await probe("user create, username taken (server)", admin, userForm, async (f) => {
            await f.getByLabel("Käyttäjätunnus").fill("wac1");
            await f.getByLabel("Nimi", { exact: true }).fill("Toinen Wac");
            await f.getByLabel("Yrityskoordinaattori").check();
            await f.getByLabel("Alkusalasana").fill("hyvin-pitka-salasana");
          });
          await users.getByRole("button", { name: "Peruuta" }).first().click().catch(() => {});
          const row = users.getByRole("row").filter({ has: admin.getByRole("rowheader", { name: /bc2/ }) });
          await row.getByRole("button", { name: /^Muuta rooleja/ }).click();
          await probe("user roles, none", admin, row, async (r) => {
            for (const box of await r.getByRole("checkbox").all()) await box.uncheck();
          }, { submit: (r) => r.getByRole("button", { name: "Tallenna" }).click() });
          await row.getByRole("button", { name: "Peruuta" }).click().catch(() => {});

          const machines = admin.getByRole("region", { name: "Koneasiakkaat" });
          await machines.getByRole("button", { name: "Uusi koneasiakas" }).click();
          const machineForm = machines.locator("form").first();
          await probe("machine client, empty, rate 0", admin, machineForm, (f) => f.getByLabel("Pyyntöä sekunnissa").fill("0"));
          await probe("machine client, rate abc, bad id", admin, machineForm, async (f) => {
            await f.getByLabel("Asiakastunnus (client_id)").fill("Ei Kelpaa😀");
            await f.getByLabel("Pyyntöä sekunnissa").fill("abc");
            await f.getByLabel("Purske (pyyntöä kerralla)").fill("-1");
          });
          await probe("machine client, id taken (server)", admin, machineForm, async (f) => {
            await f.getByLabel("Asiakastunnus (client_id)").fill("ladec");
            await f.getByRole("textbox", { name: "Nimi" }).fill("Toinen LADEC");
            await f.getByLabel("Tunnuslukujen luku (metrics:read)").check();
            await f.getByLabel("Pyyntöä sekunnissa").fill("2");
            await f.getByLabel("Purske (pyyntöä kerralla)").fill("5");
          });

          await admin.goto("/tuonti");
          const importForm = admin.locator("main form").first();
          await probe("import, no file", admin, importForm, async () => {});
          await probe("import, a file that is not a spreadsheet (server)", admin, importForm, (f) =>
            f.locator('input[type="file"]').setInputFiles({ name: "asiakkaat.csv", mimeType: "text/csv", buffer: Buffer.from("\u0000\u0001binary😀\n") }),
          );
          await probe("import, an empty file", admin, importForm, (f) =>
            f.locator('input[type="file"]').setInputFiles({ name: "tyhja.csv", mimeType: "text/csv", buffer: Buffer.from("") }),
          );

          await admin.goto("/luvut");
          const period = admin.locator("main form").first();
          await probe("figures, empty period", admin, period, (f) => fillNamed(f, { from: "", to: "" }).catch(async () => {
            for (const input of await f.locator('input[type="date"]').all()) await input.fill("");
          }));
          await probe("figures, end before start", admin, period, async (f) => {
            const dates = await f.locator('input[type="date"]').all();
            await dates[0]?.fill(dayFromToday(-10));
            await dates[1]?.fill(dayFromToday(-40));
          });
          await probe("figures, a period in the future", admin, period, async (f) => {
            const dates = await f.locator('input[type="date"]').all();
            await dates[0]?.fill(dayFromToday(400));
            await dates[1]?.fill(dayFromToday(800));
          }, { expectError: false });
        });
      } finally {
        for (const { close } of pages.values()) await close();
      }
      console.log(`      bad-input: ${known.counts.texts} texts and ${known.counts.patterns} patterns from ${known.counts.dictionaries} dictionaries in ${known.counts.modules} modules; ${Date.now() - started} ms`);
      assert(problems.length === 0, `${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    },
  },
];
