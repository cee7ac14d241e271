// Words for a failed call, always from the app's own catalogue (errorCatalogue.json through
// problemText / fieldErrorText): the server's `detail` and `msg` are English and meant for
// logs, so they never reach the screen (CONTRACTS intro, issue 12).
import { roleLabel } from "../auth/roles";
import { clientCodes } from "../clients/messages";
import { ApiError } from "./api";
import { defineMessages, type Language } from "./i18n";
import { knownStaffName } from "./staffNames";
import { fieldErrorText, problemText, type ParamFormatter } from "./problemText";

const errorMessages = defineMessages({
  fi: {
    network: "Yhteyttä palvelimeen ei saatu. Tarkista verkkoyhteys ja yritä uudelleen.",
    tooMany: (seconds: number | null) =>
      seconds === null ? "Liian monta pyyntöä. Odota hetki." : `Liian monta pyyntöä. Yritä uudelleen ${seconds} s kuluttua.`,
    unexpected: "Odottamaton virhe. Yritä uudelleen.",
  },
  en: {
    network: "Could not reach the server. Check the network connection and try again.",
    tooMany: (seconds: number | null) =>
      seconds === null ? "Too many requests. Wait a moment." : `Too many requests. Try again in ${seconds} s.`,
    unexpected: "Unexpected error. Please try again.",
  },
});

/** Parameter values in words: people by name, consent purposes, service lines, states and roles. */
export const paramWords: ParamFormatter = (name, value, language) => {
  // `username` names a staff member the sentence is about; the directory knows their name.
  if (name === "username") return knownStaffName(value);
  const codes = clientCodes[language] as Record<string, string>;
  if (Object.hasOwn(codes, value)) return codes[value];
  const role = roleLabel(value, language);
  return role !== value ? role.toLowerCase() : undefined;
};

/** The sentence for a failed call, in the UI's language. */
export function describeError(error: unknown, language: Language): string {
  const t = errorMessages[language];
  if (!(error instanceof ApiError)) return t.unexpected;
  if (error.kind === "network") return t.network;
  if (error.status === 429 && error.retryAfterSeconds !== null) return t.tooMany(error.retryAfterSeconds);
  return problemText(error.problem, language, paramWords);
}

/** Each refused field's sentence, keyed like ApiError.fieldProblems ("birth_year", "actions.0.what"). */
export function fieldErrorTexts(error: ApiError, language: Language): Record<string, string> {
  return Object.fromEntries(
    Object.entries(error.fieldProblems).map(([key, problem]) => [key, problem.text ?? fieldErrorText(problem, language, paramWords)]),
  );
}

/**
 * The UI's language where a helper has no React context at hand: LanguageProvider mirrors the
 * choice to <html lang> for assistive technology, so the document says it.
 */
export function documentLanguage(): Language {
  return typeof document !== "undefined" && document.documentElement.lang === "en" ? "en" : "fi";
}
