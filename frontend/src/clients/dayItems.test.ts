import { describe, expect, it } from "vitest";
import { orderDayItems, type DayItem } from "./dayItems";

const item = (key: string, due: string | null, extra: Partial<DayItem> = {}): DayItem => ({
  key,
  kind: "contacts_due",
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
        item("afternoon", today, { kind: "meetings_today", at: "2026-11-23T12:00:00Z" }),
        item("morning", today, { kind: "meetings_today", at: "2026-11-23T07:00:00Z" }),
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

describe("the worklist's items", () => {
  it("name the client, link to the section where the work is done, and keep the fix", async () => {
    const { worklistItems } = await import("./dayItems");
    const base = { client_id: "c1", client_name: "Aino Asiakas", first_name: "Aino", last_name: "Asiakas", enrolment_id: "e1" };
    const empty = {
      today: "2026-11-23",
      counts: {},
      new_clients: [],
      contacts_due: [],
      meetings_today: [],
      no_meeting_in_14_days: [],
      plans_not_reviewed: [],
      registrations_to_triage: [],
      exit_form_missing: [],
      outcome_suggestions: [],
      handoffs_overdue: [],
    };
    const items = worklistItems({
      ...empty,
      contacts_due: [{ ...base, kind: "contacts_due", due: "2026-11-20", working_days_overdue: 1, fix: "record_contact" }],
      plans_not_reviewed: [{ ...base, kind: "plans_not_reviewed", fix: "review_plan" }],
      roadmap_next_steps: [
        {
          ...base,
          kind: "roadmap_next_steps",
          fix: "advance_roadmap",
          next_stage: { key: "health_check", name_fi: "Työttömien terveystarkastus", name_en: "Health check for the unemployed" },
        },
      ],
    });
    expect(items).toMatchObject([
      { kind: "contacts_due", subject: "Aino Asiakas", href: "/asiakkaat/c1/polku#enrolment-e1", overdueWorkingDays: 1, fix: "record_contact" },
      { kind: "plans_not_reviewed", subject: "Aino Asiakas", href: "/asiakkaat/c1/suunnitelma", fix: "review_plan" },
      {
        kind: "roadmap_next_steps",
        href: "/asiakkaat/c1/tyokyky",
        fix: "advance_roadmap",
        nextStage: { name_fi: "Työttömien terveystarkastus" },
      },
    ]);
  });
});
