// Client-side checks that spare a round trip; the service checks everything again.
import { text } from "../common/form";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function isBirthYear(value: string): boolean {
  return /^\d{4}$/.test(value) && Number(value) >= 1900 && Number(value) <= new Date().getFullYear();
}

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

export function isLanguageCode(value: string): boolean {
  return /^[a-z]{2}$/.test(value);
}

// A reason of access travels in an HTTP header, which carries only printable Latin-1 (ä, ö
// and å included).
const HEADER_SAFE = /^[\x20-\x7e\xa0-\xff]*$/;

export function isHeaderSafe(value: string): boolean {
  return HEADER_SAFE.test(value);
}

export function isScore(value: string): boolean {
  return /^\d{1,2}$/.test(value) && Number(value) <= 10;
}

/** The optional background fields both client forms share, checked the same way. */
export function checkBackground(
  data: FormData,
  t: { birthYearInvalid: string; birthYearInFuture: string; birthYearTooEarly: string; emailInvalid: string; languageInvalid: string },
) {
  const errors: Partial<Record<"birth_year" | "email" | "language", string>> = {};
  const birthYear = text(data, "birth_year");
  const email = text(data, "email");
  const language = text(data, "language");
  // Four digits but not a possible year says what is wrong with it, not "use four digits".
  if (birthYear && !/^\d{4}$/.test(birthYear)) errors.birth_year = t.birthYearInvalid;
  else if (birthYear && Number(birthYear) > new Date().getFullYear()) errors.birth_year = t.birthYearInFuture;
  else if (birthYear && Number(birthYear) < 1900) errors.birth_year = t.birthYearTooEarly;
  if (email && !isEmail(email)) errors.email = t.emailInvalid;
  if (language && !isLanguageCode(language)) errors.language = t.languageInvalid;
  return errors;
}
