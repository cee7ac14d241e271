// @ts-check
// What the Polku specs share beyond the harness: signing in through the form, API calls
// with their own request context (so the browser's cookies stay its own), and the
// keyboard-only checks (Tab reaches every control; forms submit with Enter).
import { request as apiRequest } from "playwright-core";
import { assert } from "./harness.mjs";

export const PASSWORD = "polku";

/** @param {import("playwright-core").Page} page @param {string} username */
export async function signIn(page, username) {
  await page.goto("/kirjaudu");
  await page.getByLabel(/Käyttäjätunnus|Username/).fill(username);
  await page.getByLabel(/Salasana|Password/).fill(PASSWORD);
  // Enter in the password field submits: the sign-in form works without a mouse.
  await page.getByLabel(/Salasana|Password/).press("Enter");
  await page.getByRole("navigation", { name: /Päävalikko|Main menu/ }).waitFor();
}

/** @param {import("playwright-core").Page} page */
export async function signOut(page) {
  await page.getByRole("button", { name: /Kirjaudu ulos|Sign out/ }).click();
  await page.getByRole("heading", { level: 1, name: /Kirjaudu Polkuun|Sign in to Polku/ }).waitFor();
}

/**
 * A small API client for one user, outside the browser.
 * @param {string} baseURL @param {string} username
 */
export async function apiAs(baseURL, username) {
  const context = await apiRequest.newContext({ baseURL });
  const login = await context.post("/auth/login", { data: { username, password: PASSWORD } });
  assert(login.ok(), `POST /auth/login as ${username} answered ${login.status()}`);
  const { access_token: token } = await login.json();
  const headers = { Authorization: `Bearer ${token}` };
  return {
    /** @param {string} path */
    async get(path) {
      const response = await context.get(path, { headers });
      assert(response.ok(), `GET ${path} as ${username} answered ${response.status()}: ${await response.text()}`);
      return response.json();
    },
    /** @param {string} path @param {unknown} [data] */
    async post(path, data) {
      const response = await context.post(path, { headers, data: data ?? {} });
      assert(response.ok(), `POST ${path} as ${username} answered ${response.status()}: ${await response.text()}`);
      return response.json();
    },
    dispose: () => context.dispose(),
  };
}

/**
 * Presses Tab through the page and checks that every visible control was reached, in an
 * order that never jumps back up the page. A radio group counts as one stop (arrow keys move
 * within it), as the browser does it.
 * @param {import("playwright-core").Page} page @param {string} label
 */
export async function expectTabReachesEveryControl(page, label) {
  try {
    await tabThrough(page, label);
  } catch (error) {
    // A control redrawn while Tab went round (an answer arriving late re-renders a list) has
    // lost its mark, so it cannot be found by it: go round once more on the settled page.
    if (!(error instanceof RedrawnWhileWalking)) throw error;
    await page.waitForTimeout(1000);
    await tabThrough(page, label);
  }
}

class RedrawnWhileWalking extends Error {}

/** @param {import("playwright-core").Page} page @param {string} label */
async function tabThrough(page, label) {
  const expected = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex="0"]';
    const groups = new Set();
    let index = 0;
    for (const element of Array.from(document.querySelectorAll(selector))) {
      const html = /** @type {HTMLElement} */ (element);
      html.removeAttribute("data-kbd");
      const style = getComputedStyle(html);
      const rect = html.getBoundingClientRect();
      const hidden = rect.width === 0 || rect.height === 0 || style.visibility === "hidden" || html.closest("[hidden]");
      // A control inside a closed disclosure is not reachable until it is opened; its summary is.
      const closed = html.closest("details:not([open])");
      const folded = closed !== null && !(html.tagName === "SUMMARY" && html.parentElement === closed);
      if (hidden || folded || html.matches(":disabled") || html.getAttribute("tabindex") === "-1") continue;
      if (html instanceof HTMLInputElement && html.type === "radio") {
        if (groups.has(html.name)) continue;
        groups.add(html.name);
        html.setAttribute("data-kbd", `radio:${html.name}`);
      } else {
        html.setAttribute("data-kbd", String(index));
      }
      index += 1;
    }
    return Array.from(document.querySelectorAll("[data-kbd]")).map((element) => element.getAttribute("data-kbd"));
  });
  await page.locator("body").focus();
  await page.evaluate(() => {
    const active = /** @type {HTMLElement | null} */ (document.activeElement);
    active?.blur();
  });
  /** @type {Set<string>} */
  const reached = new Set();
  for (let press = 0; press < expected.length * 2 + 10 && reached.size < expected.length; press += 1) {
    await page.keyboard.press("Tab");
    const key = await page.evaluate(() => {
      const active = document.activeElement;
      if (!active) return null;
      if (active instanceof HTMLInputElement && active.type === "radio") return `radio:${active.name}`;
      return active.getAttribute("data-kbd");
    });
    if (key) reached.add(key);
  }
  const missed = expected.filter((key) => key !== null && !reached.has(key));
  if (missed.length > 0) {
    const names = await page.evaluate(
      (keys) =>
        keys.map((key) => {
          const element = document.querySelector(`[data-kbd="${key}"]`);
          return element ? `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40) || element.getAttribute("name") || element.id}"` : key;
        }),
      missed,
    );
    const message = `Tab did not reach ${missed.length} control(s) on ${label}: ${names.join(", ")}`;
    if (names.every((name, index) => name === missed[index])) throw new RedrawnWhileWalking(message);
    throw new Error(message);
  }
}

/**
 * Opens a disclosure (<details>) by its summary and returns it, to work inside it.
 * @param {import("playwright-core").Page | import("playwright-core").Locator} scope @param {string | RegExp} summary
 */
export async function openDisclosure(scope, summary) {
  const details = scope.locator("details").filter({ has: scope.locator("summary", { hasText: summary }) }).first();
  if ((await details.getAttribute("open")) === null) await details.locator("summary").first().click();
  return details;
}

/** The Helsinki date today as YYYY-MM-DD (as the services count it). */
export function helsinkiToday() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki" }).format(new Date());
}

const IDENTITY_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

/**
 * A valid personal identity code of someone born in 19`year` that no demo client has (each
 * spec its own year, so that two specs of one run do not draw the same person).
 * @param {string} year two digits
 */
export function newIdentityCode(year) {
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, "0");
  const individual = String(2 + Math.floor(Math.random() * 897)).padStart(3, "0");
  const digits = `${day}${month}${year}${individual}`;
  return `${day}${month}${year}-${individual}${IDENTITY_CHECK[Number(digits) % 31]}`;
}

/** A Date as a datetime-local value on the Helsinki clock. @param {Date} when */
export function helsinkiLocalValue(when) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Helsinki",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(when);
  const part = (/** @type {string} */ type) => parts.find((entry) => entry.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`;
}

/**
 * A valid Y-tunnus that the demo database is unlikely to hold: seven digits from the clock
 * and a random part, and the check digit of the weights 7 9 10 5 8 4 2 (remainder 1 is never
 * issued, so such a number is skipped).
 */
export function uniqueBusinessId() {
  const weights = [7, 9, 10, 5, 8, 4, 2];
  for (;;) {
    const digits = String((Date.now() % 1_000_000) * 10 + Math.floor(Math.random() * 10)).padStart(7, "0").slice(-7);
    const remainder = [...digits].reduce((sum, digit, index) => sum + Number(digit) * (weights[index] ?? 0), 0) % 11;
    if (remainder === 1) continue;
    const check = remainder === 0 ? 0 : 11 - remainder;
    return { valid: `${digits}-${check}`, wrongCheck: `${digits}-${(check + 1) % 10}` };
  }
}

/** @param {import("playwright-core").Page | import("playwright-core").Locator} scope @param {string} text */
export async function status(scope, text) {
  await scope.getByRole("status").filter({ hasText: text }).first().waitFor();
}

/** YYYY-MM-DD three months on from `iso`, less a day (a trial of 3.12. ends 2.3.). @param {string} iso */
export function threeMonthsOn(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const end = new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1 + 3, day ?? 1));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** The demo's other coordinators, by name. */
const OTHER_COORDINATORS = ["Mikko Laine", "Sanna Korhonen", "Jussi Nieminen"];

/**
 * On a client's Palvelupolku page: whether nobody but wac1 has worked with the client, as far
 * as wac1 is shown (coordinators, their history, her referrals). A client that came from, went
 * to or is consulted with another coordinator may be open to them, or have a hand-off of
 * theirs running that wac1 is not shown.
 * @param {import("playwright-core").Page} page
 */
export async function onlyWac1HasWorkedWith(page) {
  await page.locator("#enrolments").waitFor();
  await page.locator("#referrals").waitFor();
  await page.waitForFunction(() => !document.querySelector("main .data-loading"), null, { timeout: 15_000 });
  const texts = await page.locator("#enrolments dd, #enrolments li, #referrals table td").allInnerTexts();
  return !texts.some((text) => OTHER_COORDINATORS.some((name) => text.includes(name)));
}
