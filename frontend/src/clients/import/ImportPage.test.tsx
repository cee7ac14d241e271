import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { signedInAs, WhenSignedIn } from "../../admin/testSession";
import { json, problem, renderApp, scriptedFetch, type Route } from "../../common/testing";
import { ImportPage } from "../ImportPage";
import { percentProcessed, refusedRowCount, type ImportJob } from "./importApi";

const IMPORT_ID = "0b9f8a52-0a4c-4c53-9a43-6c1c3b8b2f10";

function job(partial: Partial<ImportJob>): ImportJob {
  return {
    id: IMPORT_ID,
    status: "running",
    dry_run: true,
    total_rows: 200,
    processed_rows: 0,
    created: 0,
    updated: 0,
    errors: [],
    warnings: [],
    failure: null,
    ...partial,
  };
}

function renderImport(routes: Record<string, Route>) {
  const scripted = scriptedFetch({ ...signedInAs("lead", ["team_lead"]), ...routes });
  // The form as the page built it: jsdom's FormData does not survive into Node's Request.
  const forms: FormData[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    if (init?.body instanceof FormData) forms.push(init.body);
    return scripted.fetch(input, init);
  };
  renderApp(
    <WhenSignedIn>
      <ImportPage />
    </WhenSignedIn>,
    { fetch, path: "/tuonti" },
  );
  return { ...scripted, forms };
}

const csv = () => new File(["external_ref,last_name,first_name\nA-1,Virtanen,Tiina\n"], "rekisteri.csv", { type: "text/csv" });

function importPosts(calls: Request[]) {
  return calls.filter((call) => call.method === "POST" && new URL(call.url).pathname === "/api/v1/clients/imports");
}

describe("the import form", () => {
  it("asks for a file when none is chosen, ties the message to the field, and sends nothing", async () => {
    const user = userEvent.setup();
    const { calls } = renderImport({});

    await user.click(await screen.findByRole("button", { name: "Aloita tarkistus" }));

    expect(await screen.findByRole("heading", { name: "Korjaa seuraavat kohdat" })).toBeInTheDocument();
    const input = screen.getByLabelText("Tiedosto");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("CSV (UTF-8) tai XLSX. Valitse tuotava tiedosto.");
    expect(screen.getByRole("link", { name: "Valitse tuotava tiedosto." })).toHaveAttribute("href", `#${input.id}`);
    expect(importPosts(calls)).toHaveLength(0);
  });

  it("refuses a file that is neither CSV nor XLSX", async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { calls } = renderImport({});

    await user.upload(await screen.findByLabelText("Tiedosto"), new File(["x"], "rekisteri.pdf", { type: "application/pdf" }));
    await user.click(screen.getByRole("button", { name: "Aloita tarkistus" }));

    expect(await screen.findByLabelText("Tiedosto")).toHaveAccessibleDescription(
      expect.stringContaining("Tiedoston on oltava CSV- tai XLSX-tiedosto."),
    );
    expect(importPosts(calls)).toHaveLength(0);
  });

  it("puts the service's refusal of the file (422) by the file field", async () => {
    const user = userEvent.setup();
    renderImport({
      "POST /api/v1/clients/imports": () =>
        problem(422, "Unprocessable content", {
          errors: [
            {
              loc: ["body", "file"],
              msg: "The header lacks the columns: outcome.",
              code: "import_header_missing_columns",
              params: { columns: ["outcome"] },
            },
          ],
        }),
    });

    await user.upload(await screen.findByLabelText("Tiedosto"), csv());
    await user.click(screen.getByRole("button", { name: "Aloita tarkistus" }));

    expect(await screen.findByLabelText("Tiedosto")).toHaveAccessibleDescription(
      expect.stringContaining("Palvelu ei hyväksynyt tiedostoa: Otsikkoriviltä puuttuvat sarakkeet: outcome."),
    );
  });
});

describe("following an import", () => {
  it("sends the file as a dry run, shows progress, then the counts and the error report", async () => {
    const user = userEvent.setup();
    const answers = [
      job({ status: "running", processed_rows: 100 }),
      job({
        status: "done",
        processed_rows: 200,
        created: 150,
        updated: 40,
        errors: [
          { row: 7, column: "birth_year", message: "not a year" },
          { row: 7, column: "gender", message: "female, male, other or unknown" },
          { row: 3, column: "coordinator", message: "no active staff member 'xx'" },
        ],
        warnings: [{ row: 12, column: "last_name", message: "may be the same person as an existing client" }],
      }),
    ];
    const { forms } = renderImport({
      "POST /api/v1/clients/imports": () => json({ id: IMPORT_ID, status: "queued" }, { status: 202 }),
      [`GET /api/v1/clients/imports/${IMPORT_ID}`]: () => json(answers.length > 1 ? answers.shift() : answers[0]),
    });

    await user.upload(await screen.findByLabelText("Tiedosto"), csv());
    await user.click(screen.getByRole("button", { name: "Aloita tarkistus" }));

    const progress = await screen.findByRole("progressbar", { name: "Käsitellyt rivit" });
    expect(progress).toHaveAttribute("max", "200");
    expect(progress).toHaveAttribute("value", "100");
    expect(screen.getByText(/100 \/ 200 riviä käsitelty/)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Käynnissä. Käsitelty 50 %.");

    expect(
      await screen.findByText("Tarkistus valmis: 150 riviä toisi uuden asiakkaan, 40 päivittäisi, 2 riviä hylättäisiin.", {}, { timeout: 3000 }),
    ).toBeInTheDocument();
    expect(screen.getByText("Tämä on tarkistus: mitään ei tallennettu.")).toBeInTheDocument();

    const report = screen.getByRole("table", { name: "Virheraportti" });
    const rows = within(report).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      "3coordinatorei käytössä olevaa käyttäjää ’xx’",
      "7birth_yearei ole vuosiluku",
      "7genderon oltava female, male, other tai unknown",
    ]);
    expect(within(screen.getByRole("table", { name: "Varoitukset" })).getByText("12")).toBeInTheDocument();

    expect(forms).toHaveLength(1);
    expect(forms[0]?.get("dry_run")).toBe("true");
    expect((forms[0]?.get("file") as File | null)?.name).toBe("rekisteri.csv");

    expect(screen.getByRole("button", { name: "Tuo tiedosto nyt" })).toBeInTheDocument();
  });

  it("says plainly when the import failed", async () => {
    const user = userEvent.setup();
    renderImport({
      "POST /api/v1/clients/imports": () => json({ id: IMPORT_ID, status: "queued" }, { status: 202 }),
      [`GET /api/v1/clients/imports/${IMPORT_ID}`]: () =>
        json(job({ status: "failed", dry_run: false, processed_rows: 50, failure: "database unavailable" })),
    });

    await user.upload(await screen.findByLabelText("Tiedosto"), csv());
    await user.click(screen.getByLabelText("Vain tarkistus: älä tallenna mitään"));
    await user.click(screen.getByRole("button", { name: "Aloita tuonti" }));

    expect(await screen.findByRole("heading", { name: "Tuonnin eteneminen" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Tuonti keskeytyi virheeseen.");
    expect(screen.getByText("database unavailable")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Tuo tiedosto nyt" })).toBeNull();
  });
});

describe("import arithmetic", () => {
  it("counts refused rows once however many problems they have", () => {
    expect(
      refusedRowCount([
        { row: 2, column: "a", message: "x" },
        { row: 2, column: "b", message: "y" },
        { row: 5, column: "a", message: "x" },
      ]),
    ).toBe(2);
  });

  it("gives whole percents and 100 for a finished empty file", () => {
    expect(percentProcessed({ processed_rows: 1, total_rows: 3, status: "running" })).toBe(33);
    expect(percentProcessed({ processed_rows: 0, total_rows: 0, status: "done" })).toBe(100);
    expect(percentProcessed({ processed_rows: 0, total_rows: 0, status: "queued" })).toBe(0);
  });
});
