// Means to support work (Keinot työnteon tukena): what helps the client work, from catalogue
// values only. Each save is a new revision; the work-ability coordinator approves the newest
// one as the work-ability summary others may see with the client's consent.
import { DataState } from "../../common/DataState";
import { DataTable } from "../../common/DataTable";
import { ConfirmButton } from "../../common/Dialog";
import { describeError } from "../../common/errors";
import { CheckedForm, ChoiceGroup, text, TextField, useForm, type FieldErrors } from "../../common/form";
import { formatDateTime } from "../../common/format";
import { useLanguage, useMessages } from "../../common/i18n";
import { useApiMutation, useApiQuery } from "../../common/query";
import { useStaffNameOf } from "../../common/staff";
import {
  clientsApi,
  SUPPORT_AIDS,
  SUPPORT_AVOID,
  SUPPORT_BREAKS,
  SUPPORT_SUPERVISION,
  SUPPORT_TRAVEL,
  type SupportAid,
  type SupportAvoid,
  type SupportBreaks,
  type SupportSupervision,
  type SupportTravel,
  type WorkSupports,
} from "../api";
import { Disclosure, Section } from "../sections/common";
import { supportLabel, workAbilityMessages, type WorkAbilityWords } from "./messages";
import { useWorkAbilitySave, workAbilityKeys } from "./shared";

export function SupportsPanel({ clientId, writable }: { clientId: string; writable: boolean }) {
  const m = useMessages(workAbilityMessages);
  const revisions = useApiQuery(workAbilityKeys.supports(clientId), (http) => clientsApi.workSupports(http, clientId));
  return (
    <Section id="work-supports" title={m.supportsTitle}>
      <p className="muted">{m.supportsIntro}</p>
      <DataState query={revisions}>
        {(rows) => (
          <>
            {writable && (
              <Disclosure summary={m.recordSupports}>
                <SupportsForm clientId={clientId} current={rows[0] ?? null} />
              </Disclosure>
            )}
            <h3>{m.revisions}</h3>
            {rows.length === 0 ? <p className="data-empty">{m.noRevisions}</p> : <Revisions clientId={clientId} rows={rows} writable={writable} />}
          </>
        )}
      </DataState>
    </Section>
  );
}

/** The contents of a revision or of the summary, as labels. */
export function SupportsDetails({ supports, words }: { supports: Omit<WorkSupports, "id" | "recorded_by" | "created_at" | "approved_by" | "approved_at" | "revision" | "client_id">; words: WorkAbilityWords }) {
  const list = (codes: readonly string[]) => (codes.length === 0 ? words.none : codes.map((code) => supportLabel(words, code)).join(", "));
  return (
    <dl className="details">
      <div>
        <dt>{words.hoursPerWeek}</dt>
        <dd>{supports.hours_per_week ? words.hours(supports.hours_per_week) : words.notDecided}</dd>
      </div>
      <div>
        <dt>{words.avoidLegend}</dt>
        <dd>{list(supports.avoid)}</dd>
      </div>
      <div>
        <dt>{words.breaksLegend}</dt>
        <dd>{supports.breaks ? supportLabel(words, supports.breaks) : words.notDecided}</dd>
      </div>
      <div>
        <dt>{words.supervisionLegend}</dt>
        <dd>{supports.supervision ? supportLabel(words, supports.supervision) : words.notDecided}</dd>
      </div>
      <div>
        <dt>{words.aidsLegend}</dt>
        <dd>{list(supports.aids)}</dd>
      </div>
      <div>
        <dt>{words.travelLegend}</dt>
        <dd>{list(supports.travel)}</dd>
      </div>
    </dl>
  );
}

function Revisions({ clientId, rows, writable }: { clientId: string; rows: WorkSupports[]; writable: boolean }) {
  const m = useMessages(workAbilityMessages);
  const { language } = useLanguage();
  const nameOf = useStaffNameOf();
  const newest = rows[0]!;
  const approve = useApiMutation((http, revision: number) => clientsApi.approveWorkSupports(http, clientId, revision), [workAbilityKeys.all(clientId)]);
  return (
    <>
      {writable && newest.approved_at === null && (
        <div className="button-row">
          <ConfirmButton
            danger={false}
            className="button button-primary"
            title={m.approveTitle}
            text={m.approveText(newest.revision)}
            confirmLabel={m.approve}
            busy={approve.isPending}
            onConfirm={() => approve.mutateAsync(newest.revision).catch(() => undefined)}
          >
            {m.approve}
          </ConfirmButton>
        </div>
      )}
      <div role="status">{approve.isSuccess && <p className="notice notice-success">{m.approved}</p>}</div>
      {approve.isError && (
        <p role="alert" className="notice notice-error">
          {describeError(approve.error, language)}
        </p>
      )}
      <DataTable
        caption={m.revisions}
        captionHidden
        rows={rows}
        rowKey={(row) => row.id}
        columns={[
          { key: "revision", header: m.revision, cell: (row) => row.revision, numeric: true },
          { key: "recorded", header: m.recorded, cell: (row) => `${nameOf(row.recorded_by)}, ${formatDateTime(row.created_at, language)}` },
          {
            key: "approval",
            header: m.approval,
            cell: (row) =>
              row.approved_by && row.approved_at ? m.approvedBy(nameOf(row.approved_by), formatDateTime(row.approved_at, language)) : m.waitingApproval,
          },
          { key: "contents", header: m.contents, cell: (row) => <SupportsDetails supports={row} words={m} /> },
        ]}
      />
    </>
  );
}

const SUPPORT_FIELDS = ["hours_per_week", "avoid", "breaks", "supervision", "aids", "travel"] as const;
type SupportField = (typeof SUPPORT_FIELDS)[number];

export function validateSupports(data: FormData, m: WorkAbilityWords): FieldErrors<SupportField> {
  const hours = text(data, "hours_per_week");
  if (hours && !(/^\d{1,2}$/.test(hours) && Number(hours) >= 1 && Number(hours) <= 40)) return { hours_per_week: m.hoursInvalid };
  return {};
}

const NOT_SET = "";

export function SupportsForm({ clientId, current }: { clientId: string; current: WorkSupports | null }) {
  const m = useMessages(workAbilityMessages);
  const save = useWorkAbilitySave(clientId);
  const form = useForm<SupportField>({ fields: SUPPORT_FIELDS, resetOnSuccess: false });
  const all = (data: FormData, name: string) => data.getAll(name).map(String);
  const submit = save(
    (data, http) =>
      clientsApi.recordWorkSupports(http, clientId, {
        hours_per_week: text(data, "hours_per_week") ? Number(text(data, "hours_per_week")) : null,
        avoid: all(data, "avoid") as SupportAvoid[],
        breaks: (text(data, "breaks") || null) as SupportBreaks | null,
        supervision: (text(data, "supervision") || null) as SupportSupervision | null,
        aids: all(data, "aids") as SupportAid[],
        travel: all(data, "travel") as SupportTravel[],
      }),
    m.supportsSaved,
  );
  const options = (codes: readonly string[]) => codes.map((code) => ({ value: code, label: supportLabel(m, code) }));
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateSupports(data, m)} submitLabel={m.saveSupports}>
      <TextField
        form={form}
        name="hours_per_week"
        label={m.hoursPerWeek}
        hint={m.hoursHint}
        inputMode="numeric"
        size={4}
        defaultValue={current?.hours_per_week ? String(current.hours_per_week) : ""}
      />
      <ChoiceGroup form={form} name="avoid" type="checkbox" legend={m.avoidLegend} options={options(SUPPORT_AVOID)} defaultValue={current?.avoid ?? []} />
      <ChoiceGroup
        form={form}
        name="breaks"
        type="radio"
        legend={m.breaksLegend}
        options={[{ value: NOT_SET, label: m.notDecided }, ...options(SUPPORT_BREAKS)]}
        defaultValue={current?.breaks ?? NOT_SET}
      />
      <ChoiceGroup
        form={form}
        name="supervision"
        type="radio"
        legend={m.supervisionLegend}
        options={[{ value: NOT_SET, label: m.notDecided }, ...options(SUPPORT_SUPERVISION)]}
        defaultValue={current?.supervision ?? NOT_SET}
      />
      <ChoiceGroup form={form} name="aids" type="checkbox" legend={m.aidsLegend} options={options(SUPPORT_AIDS)} defaultValue={current?.aids ?? []} />
      <ChoiceGroup form={form} name="travel" type="checkbox" legend={m.travelLegend} options={options(SUPPORT_TRAVEL)} defaultValue={current?.travel ?? []} />
    </CheckedForm>
  );
}
