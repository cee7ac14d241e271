// @ts-check
// What the specs share: contexts at the two checked widths, axe with the WCAG 2.1 AA tags,
// screenshots, and assertions small enough not to need a test framework.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";

/** @typedef {{ browser: import("playwright-core").Browser, baseURL: string }} SpecContext */

export const VIEWPORTS = [
  { name: "desktop", width: 1366, height: 768 },
  { name: "tablet", width: 768, height: 1024 },
];

/** A phone: business coordinators take the desk to the employer's premises, and WCAG 1.4.10
 * asks the content to reflow without sideways scrolling at narrow widths. */
export const PHONE = { name: "phone", width: 375, height: 812 };

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const screenshotDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots");

/** @param {SpecContext} context @param {{ width: number, height: number }} [viewport] */
export async function newPage({ browser, baseURL }, viewport = VIEWPORTS[0]) {
  const browserContext = await browser.newContext({ baseURL, viewport, locale: "fi-FI" });
  const page = await browserContext.newPage();
  /** @type {string[]} */
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Every page load asks /auth/refresh first; with no refresh cookie a 401 is the expected answer.
    if (message.text().startsWith("Failed to load resource") && message.location().url.endsWith("/auth/refresh")) return;
    consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  return { page, browserContext, consoleErrors };
}

/**
 * Runs axe on the page and fails on any violation, listing each with its nodes.
 * @param {import("playwright-core").Page} page @param {string} label
 */
export async function expectNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length > 0) {
    const details = results.violations
      .map((violation) => {
        const nodes = violation.nodes.map((node) => `      ${node.target.join(" ")}: ${node.failureSummary ?? ""}`);
        return `  [${violation.impact}] ${violation.id}: ${violation.help}\n${nodes.join("\n")}`;
      })
      .join("\n");
    throw new Error(`axe found ${results.violations.length} violation(s) on ${label}:\n${details}`);
  }
  return results;
}

/**
 * A full-page screenshot under e2e/screenshots, for a person to look at. The test suite's run
 * (POLKU_E2E_SCREENSHOTS=0) keeps none, as nobody looks at them there.
 * @param {import("playwright-core").Page} page @param {string} name
 */
export async function screenshot(page, name) {
  if (process.env.POLKU_E2E_SCREENSHOTS === "0") return null;
  await mkdir(screenshotDir, { recursive: true });
  const size = page.viewportSize();
  const file = path.join(screenshotDir, `${name}-${size?.width}x${size?.height}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** @param {unknown} condition @param {string} message @returns {asserts condition} */
export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** @param {unknown} actual @param {unknown} expected @param {string} what */
export function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/**
 * The main menu's labels as a person reads them: a link's count badge is hidden from the
 * accessibility tree and said in the link's name instead ("Ilmoitukset, 2 lukematonta").
 * @param {import("playwright-core").Locator} nav
 */
export async function menuLabels(nav) {
  return nav.getByRole("link").evaluateAll((links) =>
    links.map((link) =>
      Array.from(link.childNodes)
        .filter((node) => !(node instanceof Element && node.getAttribute("aria-hidden") === "true"))
        .map((node) => node.textContent ?? "")
        .join("")
        .trim(),
    ),
  );
}

/**
 * The menu link with this label, with or without a count after it.
 * @param {import("playwright-core").Locator} nav @param {string} label
 */
export function menuLink(nav, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return nav.getByRole("link", { name: new RegExp(`^${escaped}(, .*)?$`) });
}
