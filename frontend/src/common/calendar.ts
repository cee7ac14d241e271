// Helsinki dates and Finnish working days, agreeing with services/common/calendar.py: every
// `…_due` field is a Helsinki date `YYYY-MM-DD`, and "working day" skips weekends and the
// Finnish public holidays (Midsummer Eve and Christmas Eve included, as offices close).

export const HELSINKI = "Europe/Helsinki";

/** A calendar date as `YYYY-MM-DD`, compared as a string. */
export type IsoDate = string;

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function partsIn(moment: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(moment);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? "0");
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** The Helsinki calendar date of a moment. */
export function helsinkiDateOf(moment: Date | string): IsoDate {
  const { year, month, day } = partsIn(typeof moment === "string" ? new Date(moment) : moment, HELSINKI);
  return isoDate(year, month, day);
}

export function helsinkiToday(now: Date = new Date()): IsoDate {
  return helsinkiDateOf(now);
}

/** Hours and minutes of a moment on the Helsinki clock. */
export function helsinkiTimeOf(moment: Date | string): { hour: number; minute: number } {
  const { hour, minute } = partsIn(typeof moment === "string" ? new Date(moment) : moment, HELSINKI);
  return { hour, minute };
}

/**
 * A wall-clock time in Helsinki (`YYYY-MM-DDTHH:mm`, as a datetime-local input gives it) as an
 * ISO 8601 instant with its offset. The offset is found by asking where a first guess lands,
 * which handles summer time on either side of the change.
 */
export function helsinkiLocalToIso(local: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new Error(`not a local date-time: ${local}`);
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wanted - 2 * 3_600_000;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const seen = partsIn(new Date(guess), HELSINKI);
    guess += wanted - Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
  }
  const offsetMinutes = Math.round((wanted - guess) / 60_000);
  const sign = offsetMinutes >= 0 ? "+" : "-";
  const absolute = Math.abs(offsetMinutes);
  return `${local}:00${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** Now on the Helsinki clock as `YYYY-MM-DDTHH:mm`, the value a datetime-local input wants. */
export function helsinkiLocalNow(now: Date = new Date()): string {
  const { year, month, day, hour, minute } = partsIn(now, HELSINKI);
  return `${isoDate(year, month, day)}T${pad(hour)}:${pad(minute)}`;
}

// Working days and Finnish holidays are the services' to count (common/calendar.py): the app
// shows the figures they send and keeps no copy of the holiday rules.
