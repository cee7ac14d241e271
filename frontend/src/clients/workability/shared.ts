// What the work-ability parts share: their query keys (under the client's own key, so that a
// change anywhere on the client page refreshes them too) and a save that refreshes only them.
import type { ServiceClients } from "../../common/api";
import { ApiError } from "../../common/api";
import { helsinkiToday } from "../../common/calendar";
import { useHttp, useInvalidate } from "../../common/query";

export const workAbilityKeys = {
  all: (clientId: string) => ["client", clientId, "work-ability"] as const,
  roadmap: (clientId: string) => ["client", clientId, "work-ability", "roadmap"] as const,
  clientVersion: (clientId: string, language: string) => ["client", clientId, "work-ability", "client-version", language] as const,
  assessments: (clientId: string) => ["client", clientId, "work-ability", "functional"] as const,
  supports: (clientId: string) => ["client", clientId, "work-ability", "supports"] as const,
  summary: (clientId: string) => ["client", clientId, "work-ability", "summary"] as const,
  instruments: ["functional-instruments"] as const,
};

/** A submit that sends one change and refreshes the work-ability parts; answers the success message. */
export function useWorkAbilitySave(clientId: string) {
  const http = useHttp();
  const invalidate = useInvalidate();
  return (send: (data: FormData, http: ServiceClients) => Promise<unknown>, saved: string | ((result: unknown) => string)) =>
    async (data: FormData) => {
      const result = await send(data, http);
      await invalidate(workAbilityKeys.all(clientId));
      return typeof saved === "string" ? saved : saved(result);
    };
}

/** Whether a failed read is the service's 404 with this code. */
export function isProblem(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.problem?.code === code;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date field's error: a wrong form, or a day after today. */
export function dateError(value: string, words: { dateInvalid: string; notInFuture: string }): string | undefined {
  if (!value) return undefined;
  if (!ISO_DATE.test(value)) return words.dateInvalid;
  return value > helsinkiToday() ? words.notInFuture : undefined;
}
