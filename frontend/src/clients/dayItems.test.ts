import { describe, expect, it } from "vitest";
import { orderDayItems, type DayItem } from "./dayItems";

const item = (key: string, due: string | null, extra: Partial<DayItem> = {}): DayItem => ({
  key,
  kind: "contact",
  subject: key,
  href: `/x/${key}`,
  due,
  ...extra,
});

describe("the order of my day", () => {
  const today = "2026-11-23";

  it("puts overdue items first, the longest overdue on top, then by due date, undated last", () => {
    const ordered = orderDayItems(
      [
        item("undated", null),
        item("next-week", "2026-11-30"),
        item("today", "2026-11-23"),
        item("overdue-2", "2026-11-19"),
        item("overdue-5", "2026-11-16"),
        item("tomorrow", "2026-11-24"),
      ],
      today,
    );
    expect(ordered.map((entry) => entry.key)).toEqual([
      "overdue-5",
      "overdue-2",
      "today",
      "tomorrow",
      "next-week",
      "undated",
    ]);
  });

  it("trusts the service's overdue flag over the date (a lead due in the past but not late)", () => {
    const ordered = orderDayItems(
      [item("flagged", "2026-11-25", { overdue: true }), item("not-late", "2026-11-20", { overdue: false })],
      today,
    );
    expect(ordered.map((entry) => entry.key)).toEqual(["flagged", "not-late"]);
  });

  it("orders meetings on the same day by their time", () => {
    const ordered = orderDayItems(
      [
        item("afternoon", today, { kind: "meeting", at: "2026-11-23T12:00:00Z" }),
        item("morning", today, { kind: "meeting", at: "2026-11-23T07:00:00Z" }),
        item("contact", today),
      ],
      today,
    );
    expect(ordered.map((entry) => entry.key)).toEqual(["morning", "afternoon", "contact"]);
  });

  it("does not change the list it is given", () => {
    const items = [item("b", "2026-11-30"), item("a", "2026-11-01")];
    orderDayItems(items, today);
    expect(items.map((entry) => entry.key)).toEqual(["b", "a"]);
  });
});
