// @ts-check
// The Figures page (Luvut) against the real system: the team lead's unit view and a
// coordinator's own view; all 19 indicators (the unit's 11 and the monitoring plan's 8) with their Finnish names from the service, every
// chart settled (drawn, empty or failed, never stuck loading), definitions and tables opened,
// axe on each state in Finnish and English at desktop and mobile width, both CSV downloads
// checked against the JSON answer of the same query, and the keyboard reaching every control.
import { assert, assertEqual, expectNoAxeViolations, newPage, PHONE, screenshot, VIEWPORTS } from "./harness.mjs";
import { apiAs, expectTabReachesEveryControl, signIn } from "./polku.mjs";

const DESKTOP = VIEWPORTS[0];
const WIDTHS = [DESKTOP, PHONE];

/** Each chart: its Finnish and English title, the indicator it shows and the query it asks. */
const CHARTS = [
  { fi: "Aktivointiaste rooleittain", en: "Activation rate by role", indicator: "activation_rate", groupBy: "coordinator_role,month" },
  { fi: "Aktivointiaste tilaston määritelmällä", en: "Activation rate by the statistics definition", indicator: "official_activation_rate", groupBy: "month" },
  { fi: "Jatkopolut", en: "Outcomes", indicator: "outcomes", groupBy: "outcome" },
  { fi: "Asiakkuuksien eteneminen", en: "Client funnel", indicator: "funnel", groupBy: "" },
  { fi: "Yhteydenotto määräajassa", en: "First contact within the deadline", indicator: "contact_sla", groupBy: "coordinator_role" },
  { fi: "Asiakasmäärä ja tavoite", en: "Caseload against target", indicator: "caseload", groupBy: "coordinator_role,coordinator" },
  { fi: "Ajantasaiset asiakassuunnitelmat", en: "Service plans up to date", indicator: "plan_currency", groupBy: "coordinator_role" },
  { fi: "Siirrot koordinaattorien välillä", en: "Transfers between coordinators", indicator: "transfers", groupBy: "direction" },
  { fi: "Asiakastyytyväisyys rooleittain", en: "Client satisfaction by role", indicator: "satisfaction", groupBy: "coordinator_role" },
  { fi: "Rekrypisteen liidit", en: "Rekrypiste leads", indicator: "lead_response", groupBy: "month" },
  { fi: "Työnantajat toimialoittain", en: "Employers by industry", indicator: "employers", groupBy: "industry" },
  // The monitoring plan's figures, under their own h2 (their cards' headings are h3).
  { fi: "Asiakkuuksien kesto palvelulinjoittain", en: "Duration of enrolments by service line", indicator: "enrolment_duration", groupBy: "service_line" },
  { fi: "Pitkäaikaistyöttömien osuus", en: "Share of the long-term unemployed", indicator: "long_term_unemployment", groupBy: "month" },
  { fi: "Vanhentuneet asiakassuunnitelmat koordinaattoreittain", en: "Service plans overdue by coordinator", indicator: "plan_debt", groupBy: "coordinator" },
  { fi: "Hyvinvoinnin muutos kohderyhmittäin", en: "Change in well-being by target group", indicator: "wellbeing_change", groupBy: "target_group" },
  { fi: "Työpaikkaohjaukset", en: "Job referrals", indicator: "job_referrals", groupBy: "month" },
  { fi: "Palkkatukijaksot sektoreittain", en: "Wage-subsidy periods by sector", indicator: "wage_subsidy_periods", groupBy: "sector" },
  { fi: "Rekrytointitapahtumat", en: "Recruitment events", indicator: "recruitment_events", groupBy: "kind" },
  { fi: "Tavoittavuus ja tavoitteet", en: "Reach against goals", indicator: "reach", groupBy: "" },
];

/** The indicators' Finnish names, as the metrics service gives them (CONTRACTS §3). */
const FINNISH_NAMES = {
  activation_rate: "Aktivointiaste (projektin määritelmä)",
  official_activation_rate: "Aktivointiaste (TEM:n tilaston määritelmä)",
  outcomes: "Päättyneiden asiakkuuksien jatkopolut",
  funnel: "Asiakkuuksien eteneminen",
  contact_sla: "Ensimmäinen yhteydenotto määräajassa",
  caseload: "Asiakasmäärä koordinaattoria kohden",
  transfers: "Siirrot koordinaattorien välillä",
  lead_response: "Rekrypisteen liidien käsittely",
  employers: "Työnantajakontaktit ja yhteistyöyritykset",
  satisfaction: "Asiakastyytyväisyys",
  plan_currency: "Ajantasaiset asiakassuunnitelmat",
  enrolment_duration: "Asiakkuuksien kesto",
  long_term_unemployment: "Pitkäaikaistyöttömien osuus",
  plan_debt: "Vanhentuneet asiakassuunnitelmat",
  wellbeing_change: "Asiakkaiden hyvinvoinnin muutos",
  job_referrals: "Työpaikkaohjaukset",
  wage_subsidy_periods: "Palkkatukijaksot sektoreittain",
  recruitment_events: "Rekrytointitapahtumat",
  reach: "Tavoittavuus ja tavoitteet",
};

/** Rate indicators: their `value` is a percentage with one decimal, so the CSV shows its decimal separator. */
const RATE_CHARTS = ["activation_rate", "contact_sla", "plan_currency", "official_activation_rate"];

/** Waits until all 19 cards are there and no chart is loading any more. @param {import("playwright-core").Page} page */
async function chartsSettled(page) {
  await page.locator("main h1").waitFor();
  await page.waitForFunction(
    (count) => document.querySelectorAll('main [aria-busy="true"]').length === 0 && document.querySelectorAll("main .chart-card").length === count,
    CHARTS.length,
    { timeout: 30_000 },
  );
}

/** Opens every disclosure on the page so axe also checks the tables and the definitions. @param {import("playwright-core").Page} page */
async function openAllDisclosures(page) {
  await page.evaluate(() => {
    for (const details of Array.from(document.querySelectorAll("main details"))) details.setAttribute("open", "");
  });
}

/**
 * A chart's card (its table's scrolling region carries the same name): its heading is an h2, or
 * an h3 under the monitoring plan's h2. @param {import("playwright-core").Page} page @param {string} title
 */
function card(page, title) {
  return page.locator("main section.chart-card").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
}

/** @param {import("playwright-core").Download} download */
async function bytesOf(download) {
  const stream = await download.createReadStream();
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Lines of a CSV whose cells are identifiers and numbers (no quoting needed). @param {string} text @param {string} delimiter */
function csvLines(text, delimiter) {
  assert(text.endsWith("\r\n"), "the CSV ends its last line with CRLF");
  return text
    .slice(0, -2)
    .split("\r\n")
    .map((line) => line.split(delimiter));
}

/** The rate charts' columns the service computes as decimals (JSON writes 60.0 as 60, the CSV as 60.0). */
const DECIMAL_COLUMNS = ["value", "median_working_days"];

/**
 * A JSON row value as the CSV writes it: decimals with one decimal (`,` in the Finnish-Excel
 * variant), booleans as true/false, nothing for null.
 * @param {unknown} value @param {string} column @param {boolean} decimalComma
 */
function csvCell(value, column, decimalComma) {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && (DECIMAL_COLUMNS.includes(column) || !Number.isInteger(value))) {
    const text = value.toFixed(1);
    return decimalComma ? text.replace(".", ",") : text;
  }
  return String(value);
}

/**
 * Clicks one of the card's CSV buttons and gives the downloaded file and the API request
 * that fetched it (the token is not a cookie, so the download must carry it).
 * @param {import("playwright-core").Page} page @param {import("playwright-core").Locator} scope @param {RegExp} button
 */
async function download(page, scope, button) {
  const [file, request] = await Promise.all([
    page.waitForEvent("download"),
    page.waitForRequest((candidate) => candidate.url().includes("/api/v1/metrics/") && candidate.url().includes("format=csv")),
    scope.getByRole("button", { name: button }).click(),
  ]);
  assert((request.headers()["authorization"] ?? "").startsWith("Bearer "), `the CSV request carries the token: ${request.url()}`);
  return { name: file.suggestedFilename(), url: new URL(request.url()), bytes: await bytesOf(file) };
}

/** @type {{ name: string, run: (context: import("./harness.mjs").SpecContext) => Promise<void> }[]} */
export const specs = [
  {
    name: "the team lead sees all 19 indicators with Finnish names, definitions, tables and both CSV files",
    async run(context) {
      const api = await apiAs(context.baseURL, "lead");
      try {
        // The service names every indicator in Finnish, and the page shows those names.
        const catalogue = await api.get("/api/v1/metrics");
        /** @type {Record<string, string>} */
        const served = Object.fromEntries(catalogue.items.map((/** @type {any} */ item) => [item.id, item.translations.fi.name]));
        assertEqual(JSON.stringify(served, Object.keys(FINNISH_NAMES).sort()), JSON.stringify(FINNISH_NAMES, Object.keys(FINNISH_NAMES).sort()), "the Finnish names the service gives");

        const { page, browserContext, consoleErrors } = await newPage(context, DESKTOP);
        await signIn(page, "lead");
        await page.getByRole("navigation", { name: "Päävalikko" }).getByRole("link", { name: "Luvut" }).click();
        await chartsSettled(page);
        assertEqual((await page.locator("main h1").textContent())?.trim(), "Luvut", "heading");
        const titles = await page.locator("main section.chart-card").locator("h2, h3").allTextContents();
        assertEqual(JSON.stringify(titles), JSON.stringify(CHARTS.map((chart) => chart.fi)), "the 19 charts in order");
        assertEqual(
          (await page.locator("main section.metrics-section > h2").textContent())?.trim(),
          "Seurantasuunnitelman luvut",
          "the monitoring plan's figures under their own heading",
        );
        for (const chart of CHARTS) {
          const name = card(page, chart.fi).getByText(`Tunnusluku: ${FINNISH_NAMES[/** @type {keyof typeof FINNISH_NAMES} */ (chart.indicator)]}`, { exact: true });
          await name.waitFor();
          assert(await name.isVisible(), `${chart.fi} names its indicator in Finnish`);
        }
        const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Helsinki", year: "numeric" }).format(new Date());
        const from = await page.getByLabel("Alkaen").inputValue();
        const to = await page.getByLabel("Päättyen").inputValue();
        assertEqual(from, `${year}-01-01`, "the period starts on 1 January by default");
        const failed = await page.getByText("Lukujen haku epäonnistui").count();
        assert(failed === 0, `${failed} chart(s) failed to load`);

        // The definition is one click away, in Finnish.
        const activation = card(page, "Aktivointiaste rooleittain");
        await activation.locator("summary", { hasText: "Määritelmä" }).click();
        await activation.getByText("Määritelmän versio 1").waitFor();
        await activation.getByText(/^Niistä asiakkuuksista, jotka päättyivät/).waitFor();

        // A rate chart with figures, so the CSV must show its decimal separator.
        /** @type {{ chart: (typeof CHARTS)[number], answer: any } | null} */
        let withRates = null;
        for (const indicator of RATE_CHARTS) {
          const chart = CHARTS.find((candidate) => candidate.indicator === indicator);
          assert(chart, indicator);
          const params = new URLSearchParams({ from, to });
          if (chart.groupBy) params.set("group_by", chart.groupBy);
          const answer = await api.get(`/api/v1/metrics/${indicator}?${params.toString()}`);
          if (answer.rows.some((/** @type {any} */ row) => typeof row.value === "number")) {
            withRates = { chart, answer };
            break;
          }
        }
        assert(withRates, `the demo data has no rate figures from ${from} to ${to}`);
        const { chart, answer } = withRates;
        const scope = card(page, chart.fi);

        // In Finnish the Finnish-Excel file comes first; both go through the API with the token.
        const buttons = await scope.getByRole("button", { name: /^Lataa CSV/ }).allTextContents();
        assertEqual(JSON.stringify(buttons), JSON.stringify(["Excel (suomi)", "CSV (pilkku)"]), "the CSV buttons in Finnish");

        const excel = await download(page, scope, /Excel \(suomi\)/);
        assertEqual(excel.name, `${chart.indicator}_${from}_${to}_excel.csv`, "the Finnish-Excel file name");
        assertEqual(excel.url.searchParams.get("delimiter"), "semicolon", "the Finnish-Excel variant is asked of the service");
        assert(excel.bytes[0] === 0xef && excel.bytes[1] === 0xbb && excel.bytes[2] === 0xbf, "the Finnish-Excel CSV starts with a UTF-8 byte-order mark");
        const excelLines = csvLines(excel.bytes.subarray(3).toString("utf-8"), ";");
        assertEqual(JSON.stringify(excelLines[0]), JSON.stringify(answer.columns), "the Finnish-Excel CSV has the JSON answer's columns, `;`-separated");
        assertEqual(excelLines.length - 1, answer.rows.length, "one CSV line per JSON row");
        answer.rows.forEach((/** @type {any} */ row, /** @type {number} */ index) => {
          const expected = answer.columns.map((/** @type {string} */ column) => csvCell(row[column], column, true));
          assertEqual(JSON.stringify(excelLines[index + 1]), JSON.stringify(expected), `Finnish-Excel CSV line ${index + 2}`);
        });
        const valueColumn = answer.columns.indexOf("value");
        assert(
          excelLines.slice(1).some((line) => /^\d+,\d$/.test(line[valueColumn] ?? "")),
          `a percentage is written with a decimal comma: ${excelLines.slice(1, 3).join(" | ")}`,
        );
        await scope.getByText(/_excel\.csv on ladattu/).waitFor();

        const plain = await download(page, scope, /CSV \(pilkku\)/);
        assertEqual(plain.name, `${chart.indicator}_${from}_${to}.csv`, "the plain file name");
        assertEqual(plain.url.searchParams.get("delimiter"), null, "the plain variant asks no delimiter");
        assert(plain.bytes[0] !== 0xef, "the plain CSV has no byte-order mark");
        const plainLines = csvLines(plain.bytes.toString("utf-8"), ",");
        assertEqual(JSON.stringify(plainLines[0]), JSON.stringify(answer.columns), "the plain CSV has the JSON answer's columns");
        answer.rows.forEach((/** @type {any} */ row, /** @type {number} */ index) => {
          const expected = answer.columns.map((/** @type {string} */ column) => csvCell(row[column], column, false));
          assertEqual(JSON.stringify(plainLines[index + 1]), JSON.stringify(expected), `plain CSV line ${index + 2}`);
        });

        await expectTabReachesEveryControl(page, "Luvut");

        for (const viewport of WIDTHS) {
          await page.setViewportSize(viewport);
          await openAllDisclosures(page);
          await expectNoAxeViolations(page, `Luvut, lead (${viewport.name})`);
          await screenshot(page, "figures-lead-fi");
        }
        await page.setViewportSize(DESKTOP);

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

        // In English: the English titles and names, the plain CSV first.
        await page.getByRole("button", { name: "English" }).click();
        await page.getByRole("button", { name: "This year" }).click();
        await chartsSettled(page);
        for (const each of CHARTS) await card(page, each.en).waitFor();
        await card(page, "Activation rate by role").getByText("Indicator: Activation rate (project definition)", { exact: true }).waitFor();
        const english = await card(page, chart.en).getByRole("button", { name: /^Download CSV/ }).allTextContents();
        assertEqual(JSON.stringify(english), JSON.stringify(["CSV (comma)", "Excel (Finnish)"]), "the CSV buttons in English");
        for (const viewport of WIDTHS) {
          await page.setViewportSize(viewport);
          await openAllDisclosures(page);
          await expectNoAxeViolations(page, `Figures, lead, English (${viewport.name})`);
          await screenshot(page, "figures-lead-en");
        }
        await page.getByRole("button", { name: "Suomi" }).click();
        assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(" | ")}`);
        await browserContext.close();
      } finally {
        await api.dispose();
      }
    },
  },
  {
    name: "a coordinator sees their own figures",
    async run(context) {
      for (const viewport of WIDTHS) {
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
