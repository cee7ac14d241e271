// @ts-check
// Runs the e2e specs (e2e/*.spec.mjs) against a running gateway with the system's Chromium.
// playwright-core never downloads a browser: set POLKU_CHROMIUM, or have `chromium` on PATH.
//
//   POLKU_BASE_URL=http://127.0.0.1:8000 npm run e2e [-- name-filter]
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const baseURL = (process.env.POLKU_BASE_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "");
const filter = process.argv[2] ?? "";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function findChromium() {
  const configured = process.env.POLKU_CHROMIUM;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`POLKU_CHROMIUM=${configured} does not exist`);
    return configured;
  }
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      const found = execFileSync("which", [name], { encoding: "utf8" }).trim();
      if (found) return found;
    } catch {
      // not on PATH; try the next name
    }
  }
  throw new Error("No Chromium found: install it (apt-get install -y chromium) or set POLKU_CHROMIUM");
}

/** @typedef {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }} Spec */

async function main() {
  const executablePath = findChromium();
  const specFiles = (await readdir(e2eDir)).filter((name) => name.endsWith(".spec.mjs")).sort();
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  console.log(`e2e against ${baseURL} with ${executablePath}`);
  let failed = 0;
  let passed = 0;
  try {
    for (const file of specFiles) {
      /** @type {{ specs: Spec[] }} */
      const module = await import(pathToFileURL(path.join(e2eDir, file)).href);
      for (const spec of module.specs) {
        const title = `${file} › ${spec.name}`;
        if (filter && !title.includes(filter)) continue;
        const started = Date.now();
        try {
          await spec.run({ browser, baseURL });
          passed += 1;
          console.log(`  ✓ ${title} (${Date.now() - started} ms)`);
        } catch (error) {
          failed += 1;
          console.log(`  ✗ ${title}`);
          console.log(String(error instanceof Error ? (error.stack ?? error.message) : error).replace(/^/gm, "      "));
        }
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

await main();
