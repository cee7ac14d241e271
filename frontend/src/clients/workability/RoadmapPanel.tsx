// The work-ability roadmap (Työkyvyn tiekartta): the stages in order with their status, dates,
// responsible person (by name) and what was received, the next stage marked; a form per stage.
// Starting the roadmap is its first change. Readers without health access learn only whether
// an investigation is under way.
import { Link } from "react-router";
import { DataState } from "../../common/DataState";
import { DateText } from "../../common/DateText";
import { describeError } from "../../common/errors";
import { CheckedForm, ChoiceGroup, optionalText, text, TextAreaField, TextField, useForm, type FieldErrors } from "../../common/form";
import { useLanguage, useMessages } from "../../common/i18n";
import { useApiMutation, useApiQuery } from "../../common/query";
import { formatDateTime } from "../../common/format";
import { StaffName, StaffPicker, useStaffNameOf } from "../../common/staff";
import { referralsApi } from "../../referrals/api";
import { Badge, type BadgeTone } from "../../common/StatusBadge";
import { clientsApi, STAGE_STATUSES, type Roadmap, type RoadmapStage, type StageStatus } from "../api";
import { Detail, Disclosure, Section } from "../sections/common";
import { workAbilityMessages, type WorkAbilityWords } from "./messages";
import { dateError, useWorkAbilitySave, workAbilityKeys } from "./shared";

const TONES: Record<StageStatus, BadgeTone> = { not_started: "neutral", in_progress: "info", done: "success", skipped: "neutral" };

export function StageStatusBadge({ status }: { status: StageStatus }) {
  const m = useMessages(workAbilityMessages);
  return <Badge tone={TONES[status]}>{m[status]}</Badge>;
}

/** For readers without health access: only whether an investigation is under way. */
export function RoadmapUnderWay({ clientId }: { clientId: string }) {
  const m = useMessages(workAbilityMessages);
  const roadmap = useApiQuery(workAbilityKeys.roadmap(clientId), (http) => clientsApi.roadmap(http, clientId));
  return (
    <Section id="roadmap" title={m.roadmapTitle}>
      <DataState query={roadmap}>{(read) => <p>{read.under_way ? m.underWay : m.notUnderWay}</p>}</DataState>
    </Section>
  );
}

export function RoadmapPanel({ clientId, writable }: { clientId: string; writable: boolean }) {
  const m = useMessages(workAbilityMessages);
  const roadmap = useApiQuery(workAbilityKeys.roadmap(clientId), (http) => clientsApi.roadmap(http, clientId));
  return (
    <Section id="roadmap" title={m.roadmapTitle}>
      <DataState query={roadmap}>
        {(read) =>
          read.template_version === null || read.template_version === undefined || !read.stages ? (
            <NotStarted clientId={clientId} writable={writable} />
          ) : (
            <Stages clientId={clientId} roadmap={read} stages={read.stages} writable={writable} />
          )
        }
      </DataState>
    </Section>
  );
}

function NotStarted({ clientId, writable }: { clientId: string; writable: boolean }) {
  const m = useMessages(workAbilityMessages);
  const { language } = useLanguage();
  const start = useApiMutation((http, _: void) => clientsApi.updateRoadmap(http, clientId, { stages: [] }), [workAbilityKeys.all(clientId)]);
  return (
    <>
      <p>{m.roadmapNotStarted}</p>
      {writable && (
        <>
          <p className="field-hint">{m.roadmapStartHint}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              aria-busy={start.isPending || undefined}
              onClick={() => {
                if (!start.isPending) start.mutate();
              }}
            >
              {m.startRoadmap}
            </button>
          </div>
          {start.isError && (
            <p role="alert" className="notice notice-error">
              {describeError(start.error, language)}
            </p>
          )}
        </>
      )}
    </>
  );
}

function Stages({ clientId, roadmap, stages, writable }: { clientId: string; roadmap: Roadmap; stages: RoadmapStage[]; writable: boolean }) {
  const m = useMessages(workAbilityMessages);
  const { language } = useLanguage();
  const nameOf = (stage: RoadmapStage) => (language === "fi" ? stage.name_fi : stage.name_en);
  const next = stages.find((stage) => stage.key === roadmap.next_stage);
  return (
    <>
      <p className="roadmap-next-line">
        {next ? (
          <>
            <strong>{m.nextStage}:</strong> {nameOf(next)}
          </>
        ) : (
          m.roadmapFinished
        )}
      </p>
      <p>
        <Link to={`/asiakkaat/${clientId}/tyokyky/tulostettava`}>{m.printLink}</Link>
      </p>
      <ol className="roadmap" aria-label={m.roadmapStages}>
        {stages.map((stage, index) => {
          const isNext = stage.key === roadmap.next_stage;
          return (
            <li key={stage.key} className={`roadmap-stage${isNext ? " roadmap-stage-next" : ""}`} aria-current={isNext ? "step" : undefined}>
              <h3 className="roadmap-stage-title">
                <span className="roadmap-stage-number">{m.stageNumber(index + 1)}: </span>
                {nameOf(stage)} <StageStatusBadge status={stage.status} />
                {isNext && (
                  <>
                    {" "}
                    <Badge tone="warning">{m.nextStage}</Badge>
                  </>
                )}
              </h3>
              <dl className="details">
                <Detail term={m.startedOn} value={stage.started_on ? <DateText value={stage.started_on} /> : null} />
                <Detail term={m.completedOn} value={stage.completed_on ? <DateText value={stage.completed_on} /> : null} />
                <Detail term={m.responsible} value={stage.responsible ? <StaffName username={stage.responsible} /> : null} />
                {stage.partner_id && <Detail term={m.partnerResponsible} value={<PartnerName partnerId={stage.partner_id} />} />}
                <Detail term={m.received} value={stage.received} />
              </dl>
              {writable && (
                <Disclosure summary={m.editStage(nameOf(stage))}>
                  <StageForm clientId={clientId} stage={stage} name={nameOf(stage)} />
                </Disclosure>
              )}
            </li>
          );
        })}
      </ol>
      {roadmap.updated_by && roadmap.updated_at && (
        <p className="muted">
          <UpdatedBy words={m} username={roadmap.updated_by} at={roadmap.updated_at} />
        </p>
      )}
    </>
  );
}

function UpdatedBy({ words, username, at }: { words: WorkAbilityWords; username: string; at: string }) {
  const nameOf = useStaffNameOf();
  const { language } = useLanguage();
  return <>{words.updatedBy(nameOf(username), formatDateTime(at, language))}</>;
}

/** A partner of the referrals service's directory, by name. */
function PartnerName({ partnerId }: { partnerId: string }) {
  const partners = useApiQuery(["partners"], (http) => referralsApi.partners(http));
  const found = partners.data?.items.find((partner) => partner.id === partnerId);
  return <>{found?.name ?? "–"}</>;
}

// The form's fields carry the service's path of the one stage sent (stages.0.…), so a refusal
// lands at its field.
const STAGE_FIELDS = ["stages_0_status", "stages_0_started_on", "stages_0_completed_on", "stages_0_responsible", "stages_0_received"] as const;
type StageField = (typeof STAGE_FIELDS)[number];

export function validateStage(data: FormData, m: WorkAbilityWords): FieldErrors<StageField> {
  const errors: FieldErrors<StageField> = {};
  const status = text(data, "stages_0_status");
  if (!(STAGE_STATUSES as readonly string[]).includes(status)) errors.stages_0_status = m.statusRequired;
  const started = text(data, "stages_0_started_on");
  const completed = text(data, "stages_0_completed_on");
  errors.stages_0_started_on = dateError(started, m);
  errors.stages_0_completed_on = dateError(completed, m);
  if (!errors.stages_0_started_on && !errors.stages_0_completed_on && started && completed && completed < started) {
    errors.stages_0_completed_on = m.completedBeforeStart;
  }
  if (text(data, "stages_0_received").length > 500) errors.stages_0_received = m.tooLong(500);
  return errors;
}

export function StageForm({ clientId, stage, name }: { clientId: string; stage: RoadmapStage; name: string }) {
  const m = useMessages(workAbilityMessages);
  const save = useWorkAbilitySave(clientId);
  const form = useForm<StageField>({ fields: STAGE_FIELDS, resetOnSuccess: false });
  const submit = save(
    (data, http) =>
      clientsApi.updateRoadmap(http, clientId, {
        stages: [
          {
            key: stage.key,
            status: text(data, "stages_0_status") as StageStatus,
            started_on: optionalText(data, "stages_0_started_on"),
            completed_on: optionalText(data, "stages_0_completed_on"),
            responsible: optionalText(data, "stages_0_responsible"),
            // The partner is kept as it is: the form does not change it.
            partner_id: stage.partner_id ?? null,
            received: optionalText(data, "stages_0_received"),
          },
        ],
      }),
    m.stageSaved(name),
  );
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateStage(data, m)} submitLabel={m.saveStage}>
      <ChoiceGroup
        form={form}
        name="stages_0_status"
        type="radio"
        legend={m.status}
        required
        defaultValue={stage.status}
        options={STAGE_STATUSES.map((status) => ({ value: status, label: m[status] }))}
      />
      <div className="field-row">
        <TextField form={form} name="stages_0_started_on" label={m.startedOn} hint={m.startedOnHint} type="date" defaultValue={stage.started_on ?? ""} />
        <TextField
          form={form}
          name="stages_0_completed_on"
          label={m.completedOn}
          hint={m.completedOnHint}
          type="date"
          defaultValue={stage.completed_on ?? ""}
        />
      </div>
      <StaffPicker
        form={form}
        name="stages_0_responsible"
        label={m.responsible}
        roles={["work_ability_coordinator", "business_coordinator", "coach", "team_lead"]}
        defaultValue={stage.responsible ?? undefined}
      />
      <TextAreaField form={form} name="stages_0_received" label={m.received} hint={m.receivedHint} rows={2} maxLength={500} defaultValue={stage.received ?? ""} />
    </CheckedForm>
  );
}
