// The words for a problem the services answer with, in the UI's language.
//
// Every problem and every field error carries a stable `code` and the values it needs in
// `params` (CONTRACTS intro). The text comes from errorCatalogue.json — never from the
// server's `detail` or `msg`, which are English and meant for logs — with `{param}`
// placeholders filled: a list joined with ", ", an ISO date written d.M.yyyy. A code the
// catalogue does not know yet gets a general sentence, still in the right language.
// A test on the server side collects every code the services can send and fails on one
// the catalogue lacks, so the general sentence is a safety net, not the rule.
import catalogueSource from "./errorCatalogue.json?raw";
import { formatDate } from "./format";
import type { Language } from "./i18n";

export type CatalogueEntry = Record<Language, string>;
export type ErrorCatalogue = Record<string, CatalogueEntry>;

export const errorCatalogue: ErrorCatalogue = JSON.parse(catalogueSource) as ErrorCatalogue;

/** What problemText needs of a problem+json body (api.ts's `Problem` fits). */
export interface CodedProblem {
  status?: number;
  code?: string | null;
  params?: Record<string, unknown> | null;
}

/** What fieldErrorText needs of one entry of a problem's `errors`. */
export interface CodedFieldError {
  code?: string | null;
  params?: Record<string, unknown> | null;
}

/**
 * Optional words for parameter values (a role, a consent purpose, a state): return the
 * text for `value` of parameter `name`, or undefined to keep the value as it is.
 */
export type ParamFormatter = (name: string, value: string, language: Language) => string | undefined;

const FALLBACK: Record<"problem" | "field", CatalogueEntry> = {
  problem: {
    fi: "Pyyntö epäonnistui. Tarkista tiedot ja yritä uudelleen.",
    en: "The request failed. Check the details and try again.",
  },
  field: {
    fi: "Tarkista tämä tieto.",
    en: "Check this field.",
  },
};

// The catalogue's general codes by status, for a problem whose code is unknown (the e2e
// bad-input spec counts their sentences as defects, as it does FALLBACK's).
export const BY_STATUS: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  429: "rate_limited",
  500: "internal_error",
  502: "bad_gateway",
  503: "service_unavailable",
  504: "gateway_timeout",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function valueText(name: string, value: unknown, language: Language, format?: ParamFormatter): string {
  if (Array.isArray(value)) return value.map((item) => valueText(name, item, language, format)).join(", ");
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return "";
  const text = String(value);
  const own = format?.(name, text, language);
  if (own !== undefined) return own;
  if (ISO_DATE.test(text)) return formatDate(text);
  return text;
}

/** `template` with each `{name}` replaced by its parameter; unknown names become empty. */
export function fillParams(
  template: string,
  params: Record<string, unknown> | null | undefined,
  language: Language,
  format?: ParamFormatter,
): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => valueText(name, params?.[name], language, format));
}

function entryText(code: string | null | undefined, language: Language): string | undefined {
  if (!code || !Object.hasOwn(errorCatalogue, code)) return undefined;
  return errorCatalogue[code]?.[language];
}

/** The sentence for a whole problem (a toast or the top of a form). */
export function problemText(
  problem: CodedProblem | null | undefined,
  language: Language,
  format?: ParamFormatter,
): string {
  const own = entryText(problem?.code, language);
  if (own !== undefined) return fillParams(own, problem?.params, language, format);
  const general = problem?.status !== undefined ? entryText(BY_STATUS[problem.status], language) : undefined;
  return general ?? FALLBACK.problem[language];
}

/** The sentence under one field of a form. */
export function fieldErrorText(
  error: CodedFieldError | null | undefined,
  language: Language,
  format?: ParamFormatter,
): string {
  const own = entryText(error?.code, language);
  if (own !== undefined) return fillParams(own, error?.params, language, format);
  return FALLBACK.field[language];
}
