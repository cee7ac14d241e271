import { describe, expect, it } from "vitest";
import { helsinkiDateOf, helsinkiLocalToIso } from "./calendar";
import { formatDate, formatDateTime, formatPercent, languageName } from "./format";

describe("Finnish dates on the Helsinki clock", () => {
  it("writes dates as d.M.yyyy without leading zeros", () => {
    expect(formatDate("2026-03-05")).toBe("5.3.2026");
    expect(formatDate("2026-11-23")).toBe("23.11.2026");
  });

  it("takes an instant's Helsinki date, not the UTC one", () => {
    expect(helsinkiDateOf("2026-11-22T22:30:00Z")).toBe("2026-11-23");
    expect(formatDateTime("2026-11-22T22:30:00Z", "fi")).toBe("23.11.2026 klo 0.30");
    expect(formatDateTime("2026-07-01T06:05:00Z", "en")).toBe("1.7.2026 at 9:05");
  });

  it("turns a Helsinki wall-clock time into an instant with the right offset, summer and winter", () => {
    expect(helsinkiLocalToIso("2026-01-15T10:00")).toBe("2026-01-15T10:00:00+02:00");
    expect(helsinkiLocalToIso("2026-07-15T10:00")).toBe("2026-07-15T10:00:00+03:00");
  });

});

describe("language names", () => {
  it("names a language in the UI's language and keeps an unknown code", () => {
    expect(languageName("en", "fi")).toBe("englanti");
    expect(languageName("fi", "en")).toBe("Finnish");
    expect(languageName("!!", "fi")).toBe("!!");
    expect(languageName(null, "fi")).toBeNull();
  });
});

describe("percentages", () => {
  it("writes a share as the language writes it", () => {
    expect(formatPercent(44, "fi")).toBe("44\u00a0%");
    expect(formatPercent(65.55, "fi")).toBe("65,6\u00a0%");
    expect(formatPercent(65.55, "en")).toBe("65.6%");
  });
});
