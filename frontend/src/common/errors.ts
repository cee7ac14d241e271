import { ApiError } from "./api";
import { defineMessages, type Language } from "./i18n";

const errorMessages = defineMessages({
  fi: {
    network: "Yhteyttä palvelimeen ei saatu. Tarkista verkkoyhteys ja yritä uudelleen.",
    notFound: "Tietoa ei löytynyt, tai sinulla ei ole siihen pääsyä.",
    forbidden: "Sinulla ei ole oikeutta tähän toimintoon.",
    conflict: "Tieto on muuttunut tai on jo olemassa.",
    invalid: "Tarkista tiedot.",
    tooMany: (seconds: number | null) =>
      seconds === null ? "Liian monta pyyntöä. Odota hetki." : `Liian monta pyyntöä. Yritä uudelleen ${seconds} s kuluttua.`,
    unavailable: "Palvelu ei juuri nyt vastaa. Yritä hetken kuluttua uudelleen.",
    unexpected: (status: number) => `Odottamaton virhe (${status}).`,
  },
  en: {
    network: "Could not reach the server. Check the network connection and try again.",
    notFound: "Not found, or you have no access to it.",
    forbidden: "You are not allowed to do this.",
    conflict: "The data has changed or already exists.",
    invalid: "Check the details.",
    tooMany: (seconds: number | null) =>
      seconds === null ? "Too many requests. Wait a moment." : `Too many requests. Try again in ${seconds} s.`,
    unavailable: "The service is not answering right now. Try again in a moment.",
    unexpected: (status: number) => `Unexpected error (${status}).`,
  },
});

/**
 * Words for a failed call. The service's own `detail` is shown after the general sentence
 * when it adds something (a conflict or a 422 names what is wrong; it is in English).
 */
export function describeError(error: unknown, language: Language): string {
  const t = errorMessages[language];
  if (!(error instanceof ApiError)) return t.unexpected(0);
  if (error.kind === "network") return t.network;
  const detail = error.problem?.detail ?? "";
  const withDetail = (text: string) => (detail && detail !== error.problem?.title ? `${text} ${detail}` : text);
  switch (error.status) {
    case 403:
      return withDetail(t.forbidden);
    case 404:
      return t.notFound;
    case 409:
      return withDetail(t.conflict);
    case 400:
    case 422:
      return withDetail(t.invalid);
    case 429:
      return t.tooMany(error.retryAfterSeconds);
    case 502:
    case 503:
    case 504:
      return t.unavailable;
    default:
      return withDetail(t.unexpected(error.status));
  }
}
