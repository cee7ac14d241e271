// The history import of the clients service (CONTRACTS §4). Types from the generated OpenAPI, by path.
import type { paths } from "../../api/clients";
import type { ApiClient } from "../../common/api";

type Start = paths["/api/v1/clients/imports"]["post"];
type Read = paths["/api/v1/clients/imports/{import_id}"]["get"];
export type ImportAccepted = Start["responses"][202]["content"]["application/json"];
export type ImportJob = Read["responses"][200]["content"]["application/json"];
export type RowProblem = ImportJob["errors"][number];
export type ImportStatus = ImportJob["status"];

/** The columns the service requires in the header (services/clients/imports/schemas.py). */
export const IMPORT_COLUMNS = [
  "external_ref",
  "last_name",
  "first_name",
  "personal_identity_code",
  "birth_year",
  "gender",
  "municipality",
  "language",
  "registered_on",
  "service_line",
  "coordinator",
  "referred_by",
  "first_contact_on",
  "first_meeting_on",
  "ended_on",
  "outcome",
] as const;

export const ACCEPTED_EXTENSIONS = [".csv", ".xlsx"] as const;

export function hasAcceptedExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

export function startImport(api: ApiClient, file: File, dryRun: boolean): Promise<ImportAccepted> {
  const body = new FormData();
  body.append("file", file, file.name);
  body.append("dry_run", dryRun ? "true" : "false");
  // No Content-Type: the browser writes the multipart boundary itself.
  return api.request<ImportAccepted>("/api/v1/clients/imports", { method: "POST", body });
}

export function readImport(api: ApiClient, id: string): Promise<ImportJob> {
  return api.request<ImportJob>(`/api/v1/clients/imports/${encodeURIComponent(id)}`);
}

export function isFinished(status: ImportStatus): boolean {
  return status === "done" || status === "failed";
}

/** Whole percent processed; a file with no rows is complete as soon as it is done. */
export function percentProcessed(job: Pick<ImportJob, "processed_rows" | "total_rows" | "status">): number {
  if (job.total_rows <= 0) return isFinished(job.status) ? 100 : 0;
  return Math.min(100, Math.floor((job.processed_rows / job.total_rows) * 100));
}

/** Rows refused: distinct row numbers in the error list (a row can have several problems). */
export function refusedRowCount(errors: readonly RowProblem[]): number {
  return new Set(errors.map((error) => error.row)).size;
}
