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

function utcDay(date: IsoDate): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

function fromUtcDay(day: Date): IsoDate {
  return isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const day = utcDay(date);
  day.setUTCDate(day.getUTCDate() + days);
  return fromUtcDay(day);
}

/** Easter Sunday (anonymous Gregorian algorithm). */
function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const holidayCache = new Map<number, Set<IsoDate>>();

/** Finnish public holidays of a year that can fall on a weekday. */
export function finnishHolidays(year: number): Set<IsoDate> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  // Midsummer Eve is the Friday between 19 and 25 June.
  let midsummerEve = isoDate(year, 6, 19);
  while (utcDay(midsummerEve).getUTCDay() !== 5) midsummerEve = addDays(midsummerEve, 1);
  const days = new Set<IsoDate>([
    isoDate(year, 1, 1),
    isoDate(year, 1, 6),
    addDays(easter, -2),
    addDays(easter, 1),
    isoDate(year, 5, 1),
    addDays(easter, 39),
    midsummerEve,
    isoDate(year, 12, 6),
    isoDate(year, 12, 24),
    isoDate(year, 12, 25),
    isoDate(year, 12, 26),
  ]);
  holidayCache.set(year, days);
  return days;
}

export function isWorkingDay(date: IsoDate): boolean {
  const weekday = utcDay(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !finnishHolidays(Number(date.slice(0, 4))).has(date);
}

/** Working days after `start` up to and including `end` (0 when `end <= start`). */
export function workingDaysBetween(start: IsoDate, end: IsoDate): number {
  let count = 0;
  for (let day = start; day < end; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) count += 1;
  }
  return count;
}
